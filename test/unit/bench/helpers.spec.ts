import { expect } from 'chai';
import { phone, tier } from '../../../bench/caseload';
import { canonical, canonicalize, compareEmissions, diff, fingerprint } from '../../../bench/compare';
import { median, table } from '../../../bench/stats';
import { ReportDoc } from '../../../src/phone/kit/docs';

const NOW = Date.UTC(2025, 2, 12, 12);

describe('bench helpers', () => {
  it('median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('table pads every column but the last', () => {
    expect(table([['a', 'bb', 'c'], ['ccc', 'd', 'e']])).to.equal('a    bb  c\nccc  d   e');
  });

  it('diff reports multiset differences both ways', () => {
    expect(diff(['a', 'a', 'b'], ['a', 'b', 'c'])).to.deep.equal(['only in ours (x1): a', 'only in the other (x1): c']);
    expect(diff(['x'], ['x'])).to.deep.equal([]);
  });

  it('canonical emissions: keys sorted, dates as epoch ms, contacts by _id, the container left out', () => {
    const contact = { _id: 'p1', name: 'A' };
    const a = canonical('task', { resolved: false, date: new Date(5), contact, doc: { contact, reports: [] }, actions: [{ form: 'f', content: { contact, x: 1 } }] });
    const b = canonical('task', { actions: [{ content: { x: 1, contact: { _id: 'p1', name: 'other' } }, form: 'f' }], contact: { _id: 'p1' }, date: new Date(5), resolved: false });
    expect(a).to.equal(b);
    expect(a).to.equal('task {"actions":[{"content":{"contact":"p1","x":1},"form":"f"}],"contact":"p1","date":5,"resolved":false}');
  });

  it('compareEmissions sees a changed resolved flag and a changed pass', () => {
    const task = { _id: 'r1~e~t', resolved: false, deleted: false, date: new Date(1), title: 't' };
    const target = { _id: 'r1~g', type: 'percent', pass: true };
    const ours = canonicalize({ tasks: [task], targets: [target] });
    expect(compareEmissions(ours, canonicalize({ tasks: [task], targets: [target] })).same).to.equal(true);
    const other = compareEmissions(ours, canonicalize({ tasks: [{ ...task, resolved: true }], targets: [{ ...target, pass: false }] }));
    expect(other.same).to.equal(false);
    expect(other.differences).to.have.length(4);
  });

  it('fingerprint ignores the order of emissions and sees any change', () => {
    const one = canonicalize({ tasks: [{ _id: 'a' }, { _id: 'b' }], targets: [{ _id: 't', pass: true }] });
    const swapped = canonicalize({ tasks: [{ _id: 'b' }, { _id: 'a' }], targets: [{ _id: 't', pass: true }] });
    const changed = canonicalize({ tasks: [{ _id: 'a' }, { _id: 'b' }], targets: [{ _id: 't', pass: false }] });
    expect(fingerprint(one)).to.equal(fingerprint(swapped));
    expect(fingerprint(one)).to.not.equal(fingerprint(changed));
    expect(fingerprint(one)).to.match(/^2\/1\/[0-9a-f]+$/);
  });
});

describe('bench caseloads: what replicates to each role', () => {
  const forms = (reports: readonly ReportDoc[]): Set<string> => new Set(reports.map((r) => r.form));
  const sorted = (reports: readonly ReportDoc[]): boolean => reports.every((r, i) => i === 0 || reports[i - 1].reported_date <= r.reported_date);

  it("a CHW's phone: their area's households and members, the traced contacts' quarantines, the CHW's own training, no wellbeing", () => {
    const chw = phone('chw', NOW);
    expect(chw.roles).to.deep.equal(['chw']);
    expect(chw.contacts).to.include(chw.user);
    expect(chw.contacts.filter((c) => c.role === 'traced_contact')).to.have.length(200);
    expect(chw.contacts.filter((c) => c.type === 'clinic')).to.have.length(200);
    expect(forms(chw.reports)).to.include.members(['quarantine_enrollment', 'RP_SYMPTOMS', 'quarantine_end_check', 'quarantine_check_visit', 'symptomatic_follow_up', 'training_enrollment', 'RP_TRAINING']);
    expect([...forms(chw.reports)].filter((form) => /wellbeing|WELLBEING/.test(form))).to.deep.equal([]);
    // only the CHW's own training records
    const training = chw.reports.filter((r) => r.form === 'RP_TRAINING' || r.form === 'training_enrollment');
    expect(new Set(training.map((r) => (r.fields as { patient_id?: string }).patient_id))).to.deep.equal(new Set([chw.user._id]));
    expect(sorted(chw.reports)).to.equal(true);
  });

  it("a supervisor's phone: CHW areas, CHWs and households, the CHWs' training and wellbeing records, no contact tracing", () => {
    const supervisor = phone('supervisor', NOW);
    expect(supervisor.roles).to.deep.equal(['chw_supervisor']);
    expect(supervisor.contacts.filter((c) => c.role === 'chw')).to.have.length(25);
    expect(supervisor.contacts.filter((c) => c.type === 'clinic')).to.have.length(25 * 80);
    expect(forms(supervisor.reports)).to.include.members(['wellbeing_enrollment', 'RP_WELLBEING', 'wellbeing_follow_up', 'training_enrollment', 'RP_TRAINING', 'training_follow_up']);
    expect([...forms(supervisor.reports)].filter((form) => /quarantine|SYMPTOMS|symptomatic/.test(form))).to.deep.equal([]);
    expect(sorted(supervisor.reports)).to.equal(true);
  });

  it('carries replayed RapidPro answers (a second copy with the same rp_event_id), and is the same on every run', () => {
    const chw = phone('chw', NOW);
    const events = chw.reports.map((r) => (r.fields as { rp_event_id?: string }).rp_event_id).filter((id): id is string => !!id);
    expect(events.length - new Set(events).size).to.be.greaterThan(10);
    expect(JSON.stringify(phone('chw', NOW))).to.equal(JSON.stringify(chw));
  });

  it('tiers: about N reports per contact, and the total asked for within half a contact (the sizes compared share an engine start per run)', () => {
    for (const role of ['chw', 'supervisor'] as const) {
      for (const perContact of [15, 60, 240]) {
        const caseload = tier(role, perContact, 6000, NOW);
        const subjects = caseload.contacts.filter((c) => c !== caseload.user);
        const average = caseload.reports.length / subjects.length;
        expect(average, `${role} ${perContact}`).to.be.within(perContact * 0.75, perContact * 1.25);
        expect(Math.abs(caseload.reports.length - 6000), `${role} ${perContact}`).to.be.at.most(average / 2);
      }
    }
  });
});
