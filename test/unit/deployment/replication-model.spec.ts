import { expect } from 'chai';
import { ChtUser, Doc, DocIndex, ReplicationSettings, allowedDocIds, isOffline, replicatedDocIds, replicationKeys } from '../../../src/deployment/replication';

// A small hierarchy: district d1 > area a1 (CHW c1) > household h1 > member m1 (shortcode 11111);
// area a2 (CHW c2); supervisor s1 in d1.
const ref = (...ids: string[]): Doc['parent'] => ids.reduceRight<Doc['parent']>((parent, id) => (parent ? { _id: id, parent } : { _id: id }), undefined);
const d1: Doc = { _id: 'd1', type: 'district_hospital' };
const a1: Doc = { _id: 'a1', type: 'health_center', parent: ref('d1') };
const a2: Doc = { _id: 'a2', type: 'health_center', parent: ref('d1') };
const h1: Doc = { _id: 'h1', type: 'clinic', parent: ref('a1', 'd1') };
const m1: Doc = { _id: 'm1', type: 'person', patient_id: '11111', parent: ref('h1', 'a1', 'd1') };
const c1: Doc = { _id: 'c1', type: 'person', parent: ref('a1', 'd1') };
const c2: Doc = { _id: 'c2', type: 'person', parent: ref('a2', 'd1') };
const s1: Doc = { _id: 's1', type: 'person', parent: ref('d1') };
const contacts = [d1, a1, a2, h1, m1, c1, c2, s1];

const chw: ChtUser = { name: 'chw1', roles: ['chw'], facilityIds: ['a1'], contactId: 'c1' };
const supervisor: ChtUser = { name: 'sup1', roles: ['chw_supervisor'], facilityIds: ['d1'], contactId: 's1' };

const settings: ReplicationSettings = {
  roles: { chw: { offline: true }, chw_supervisor: { offline: true }, officer: { offline: false } },
  replication_depth: [{ role: 'chw', depth: 2 }, { role: 'chw_supervisor', depth: 2 }],
  permissions: { can_view_unallocated_data_records: ['chw_supervisor'] },
};

const report = (id: string, fields: Record<string, unknown>, submitter?: Doc, extra: Record<string, unknown> = {}): Doc =>
  ({ _id: id, type: 'data_record', form: 'f', fields, ...(submitter ? { contact: { _id: submitter._id, parent: submitter.parent } } : {}), ...extra });

const receives = (user: ChtUser, docs: Doc[], s: ReplicationSettings = settings): string[] =>
  [...allowedDocIds(s, new DocIndex([...contacts, ...docs]), user)].filter((id) => docs.some((doc) => doc._id === id)).sort();

describe('deployment: the model of CHT 4.11 replication', () => {
  it('keys a report by patient_id, then place_id, then fields.patient_uuid, then its submitter', () => {
    expect(replicationKeys(report('r', { patient_id: 'x', place_id: 'y' }, c1))[0].key).to.equal('x');
    expect(replicationKeys(report('r', { place_id: 'y', patient_uuid: 'z' }, c1))[0].key).to.equal('y');
    expect(replicationKeys(report('r', { patient_uuid: 'z' }, c1))[0].key).to.equal('z');
    expect(replicationKeys(report('r', {}, c1))[0]).to.deep.include({ key: 'c1' });
    expect(replicationKeys(report('r', {}))[0].key).to.equal('_unassigned');
    expect(replicationKeys(report('r', { patient_id: 'x' }, c1, { errors: [{ code: 'registration_not_found' }] }))[0].key).to.equal('c1');
  });

  it('replicates contacts within the depth below the user\'s place, and reports about them by _id or shortcode', () => {
    const byId = report('r1', { patient_id: 'm1' }, c1);
    const byShortcode = report('r2', { patient_id: '11111' }, c1);
    expect(receives(chw, [byId, byShortcode])).to.deep.equal(['r1', 'r2']);
    const shallow: ReplicationSettings = { ...settings, replication_depth: [{ role: 'chw', depth: 1 }] };
    const held = allowedDocIds(shallow, new DocIndex([...contacts, byId]), chw);
    expect(held.has('h1')).to.equal(true);
    expect(held.has('m1')).to.equal(false);
    expect(held.has('r1')).to.equal(false);
  });

  it('never replicates a colleague\'s area', () => {
    expect(receives(chw, [report('r', { patient_id: 'c2' }, s1)])).to.deep.equal([]);
    expect(allowedDocIds(settings, new DocIndex(contacts), chw).has('c2')).to.equal(false);
  });

  it('hides a private report about the user from them unless they can see its submitter', () => {
    const privateAboutMe = report('p1', { patient_id: 'c1', private: 'true' }, s1);
    const privateAboutMember = report('p2', { patient_id: 'm1', private: true }, s1);
    const privateByMe = report('p3', { patient_id: 'c1', private: true }, c1);
    const notPrivate = report('p4', { patient_id: 'c1' }, s1);
    expect(receives(chw, [privateAboutMe, privateAboutMember, privateByMe, notPrivate])).to.deep.equal(['p2', 'p3', 'p4']);
    // a supervisor inside the CHW's area is visible to the CHW: the private report is not sensitive any more
    const insideSupervisor: Doc = { ...s1, parent: ref('a1', 'd1') };
    const index = new DocIndex([...contacts.filter((doc) => doc !== s1), insideSupervisor, privateAboutMe]);
    expect(allowedDocIds(settings, index, chw).has('p1')).to.equal(true);
  });

  it('limits reports to report_depth, except those the user submitted', () => {
    const limited: ReplicationSettings = { ...settings, replication_depth: [{ role: 'chw', depth: 2, report_depth: 1 }] };
    const aboutMember = report('r1', { patient_id: 'm1' }, s1);
    const aboutHousehold = report('r2', { place_id: 'h1' }, s1);
    const mine = report('r3', { patient_id: 'm1' }, c1);
    expect(receives(chw, [aboutMember, aboutHousehold, mine], limited)).to.deep.equal(['r2', 'r3']);
  });

  it('takes the deepest depth of a user\'s roles, and every facility of a multi-place user', () => {
    const both: ChtUser = { ...chw, roles: ['chw', 'chw_supervisor'] };
    const deeper: ReplicationSettings = { ...settings, replication_depth: [{ role: 'chw', depth: 1 }, { role: 'chw_supervisor', depth: 2 }] };
    expect(allowedDocIds(deeper, new DocIndex(contacts), both).has('m1')).to.equal(true);
    const twoPlaces: ChtUser = { ...chw, facilityIds: ['a1', 'a2'] };
    expect(allowedDocIds(settings, new DocIndex(contacts), twoPlaces).has('c2')).to.equal(true);
  });

  it('sends reports that need sign-off up the submitter\'s lineage', () => {
    const farSupervisor: ChtUser = { ...supervisor, facilityIds: ['a1'] };
    const outside: Doc = { _id: 'x1', type: 'person', parent: ref('a2', 'd1') };
    const signoff = report('s', { patient_id: 'x1', needs_signoff: true }, c1);
    const index = new DocIndex([...contacts, outside, signoff]);
    expect(allowedDocIds(settings, index, farSupervisor).has('s')).to.equal(true);
    const plain = report('p', { patient_id: 'x1' }, c1);
    expect(allowedDocIds(settings, new DocIndex([...contacts, outside, plain]), farSupervisor).has('p')).to.equal(false);
  });

  it('gives unallocated reports only with the setting and the permission', () => {
    const orphan = report('o', {});
    expect(receives(supervisor, [orphan])).to.deep.equal([]);
    expect(receives(supervisor, [orphan], { ...settings, district_admins_access_unallocated_messages: true })).to.deep.equal(['o']);
    expect(receives(chw, [orphan], { ...settings, district_admins_access_unallocated_messages: true })).to.deep.equal([]);
  });

  it('keys messages by their contact, tasks by user and targets by owner', () => {
    const incoming: Doc = { _id: 'in', type: 'data_record', sms_message: { message: 'hi' }, contact: { _id: 'm1' } };
    const outgoing: Doc = { _id: 'out', type: 'data_record', form: null, kujua_message: true, tasks: [{ messages: [{ contact: { _id: 'c2' } }] }] };
    const task: Doc = { _id: 't', type: 'task', user: 'org.couchdb.user:chw1' };
    const target: Doc = { _id: 'g', type: 'target', owner: 'c1' };
    expect(receives(chw, [incoming, outgoing, task, target])).to.deep.equal(['g', 'in', 't']);
  });

  it('does not replicate to online users, and removes what the purge marked', () => {
    expect(isOffline(settings, ['officer'])).to.equal(false);
    expect(isOffline(settings, ['chw', 'mm-online'])).to.equal(false);
    expect(isOffline(settings, ['unknown_role'])).to.equal(true);
    const index = new DocIndex(contacts);
    expect(() => replicatedDocIds(settings, index, { ...chw, roles: ['officer'] })).to.throw(/online user/);
    expect(replicatedDocIds(settings, index, chw, new Set(['h1'])).has('h1')).to.equal(false);
  });
});
