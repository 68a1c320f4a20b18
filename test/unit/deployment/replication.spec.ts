import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { AuditDoc, auditReplication, contactDocs, formatViolation, phones } from '../../../src/deployment/audit';
import { Hierarchy, buildHierarchy, supervisorsOf } from '../../../src/deployment/hierarchy';
import { PurgeFn, compilePurgeFn } from '../../../src/deployment/purge-run';
import { ChtUser, Doc, ReplicationSettings } from '../../../src/deployment/replication';
import { workflows } from '../../../src/workflows';
import { projectFormShapes, workflowDocs } from '../../support/deployment';
import { REPO_ROOT } from '../../support/harness';

const DAY = 24 * 60 * 60 * 1000;

/** What CHT receives: the compiled app_settings.json, its purge function included. */
const appSettings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'app_settings.json'), 'utf8')) as ReplicationSettings & { purge: { fn: string } };

/**
 * A deployment as the README places it: three supervision areas (the last two covered by one
 * supervisor with two places), six CHWs, eleven households of three members, two of them traced
 * contacts in each. Every traced contact is enrolled in quarantine and every CHW in training and
 * wellbeing; the records are what the real flows post for the `simulate` stories' replies.
 */
function deployment(): { hierarchy: Hierarchy; docs: AuditDoc[] } {
  const hierarchy = buildHierarchy({ areas: [[2, 3, 1], [2, 2], [1]], membersPerHousehold: 3, tracedPerHousehold: 2, multiFacility: [1, 2] });
  const shapes = projectFormShapes(workflows);
  // recent enough that nothing is old enough to purge but what a role never keeps
  const start = Date.now() - 40 * DAY;
  const docs: AuditDoc[] = [...contactDocs(hierarchy)];
  for (const workflow of workflows) {
    const subjects = workflow.id === 'contact-tracing'
      ? hierarchy.chws.flatMap((chw) => chw.households.flatMap((household) => household.traced))
      : hierarchy.chws.map((chw) => chw.chw);
    for (const subject of subjects) docs.push(...workflowDocs(hierarchy, workflow, subject, shapes, start).docs);
  }
  return { hierarchy, docs };
}

const labelsOf = (ids: Set<string>, docs: readonly AuditDoc[], about?: string): string[] =>
  docs.filter((entry) => ids.has(entry.doc._id) && (!about || entry.about._id === about)).map((entry) => entry.label);

describe('deployment: which docs replicate to which phone (CHT 4.11 rules)', () => {
  let hierarchy: Hierarchy;
  let docs: AuditDoc[];
  let purge: PurgeFn;
  let held: Map<ChtUser, Set<string>>;

  before(() => {
    ({ hierarchy, docs } = deployment());
    purge = compilePurgeFn(appSettings.purge.fn);
    held = phones(appSettings, hierarchy, docs.map((entry) => entry.doc), purge);
  });

  it('builds a realistic deployment from the real flows and forms', () => {
    const count = (label: string) => docs.filter((entry) => entry.label === label).length;
    expect(hierarchy.chws).to.have.length(6);
    expect(hierarchy.supervisors).to.have.length(2);
    expect(hierarchy.supervisors[1].user.facilityIds).to.have.length(2);
    // one record per check-in day, quiz answer (and completion) and weekly check of the stories
    expect(count('RP_SYMPTOMS') % 22).to.equal(0);
    expect(count('RP_SYMPTOMS')).to.be.greaterThan(22);
    expect(count('RP_TRAINING')).to.equal(6 * 8);
    expect(count('RP_WELLBEING') % 6).to.equal(0);
    expect(count('RP_WELLBEING')).to.be.at.least(6 * 4);
    for (const entry of docs.filter((candidate) => /^RP_/.test(candidate.label))) {
      expect(entry.doc.errors, entry.doc._id).to.deep.equal([]);
      expect((entry.doc.fields as Record<string, unknown>).patient_id, entry.label).to.equal(entry.about._id);
      expect((entry.doc.contact as Doc | undefined)?._id, `${entry.label} sender`).to.equal(entry.about._id);
    }
  });

  it('holds every part of the report design: no violation', () => {
    const violations = auditReplication(appSettings, hierarchy, docs, purge);
    expect(violations.map(formatViolation)).to.deep.equal([]);
  });

  it('a supervisor\'s phone receives the training and wellbeing reports of each CHW they supervise, in every area they cover', () => {
    for (const supervisor of hierarchy.supervisors) {
      const phone = held.get(supervisor.user) as Set<string>;
      for (const area of supervisor.areas) {
        for (const chw of area.chwAreas) {
          const about = (label: string) => docs.filter((entry) => entry.about === chw.chw && entry.label === label).map((entry) => entry.doc._id);
          expect(phone.has(chw.chw._id), `${supervisor.user.name} has ${chw.chw._id}`).to.equal(true);
          for (const label of ['RP_TRAINING', 'RP_WELLBEING', 'training_enrollment', 'training_follow_up', 'wellbeing_enrollment', 'wellbeing_follow_up']) {
            expect(about(label), label).to.not.be.empty;
            expect(about(label).filter((id) => !phone.has(id)), `${supervisor.user.name}: ${label} of ${chw.chw._id}`).to.deep.equal([]);
          }
        }
      }
      expect(labelsOf(phone, docs).filter((label) => label === 'RP_SYMPTOMS' || label === 'quarantine_enrollment'), 'no traced contact\'s data').to.deep.equal([]);
    }
  });

  it('a CHW\'s phone receives the contact-tracing reports of their own contacts, and no colleague\'s wellbeing report or follow-up', () => {
    for (const chw of hierarchy.chws) {
      const phone = held.get(chw.user) as Set<string>;
      for (const traced of chw.households.flatMap((household) => household.traced)) {
        const own = docs.filter((entry) => entry.about === traced && entry.label !== 'outgoing SMS');
        expect(own.filter((entry) => !phone.has(entry.doc._id)).map((entry) => entry.label), `${chw.user.name}: ${traced._id}`).to.deep.equal([]);
        expect(own.filter((entry) => entry.label === 'RP_SYMPTOMS')).to.not.be.empty;
      }
      for (const colleague of hierarchy.chws.filter((other) => other !== chw)) {
        expect(labelsOf(phone, docs, colleague.chw._id), `${chw.user.name} about ${colleague.chw._id}`).to.deep.equal([]);
        for (const traced of colleague.households.flatMap((household) => household.traced)) {
          expect(labelsOf(phone, docs, traced._id), `${chw.user.name} about ${traced._id}`).to.deep.equal([]);
        }
      }
    }
  });

  it('a CHW\'s own wellbeing answers and the supervisor\'s follow-ups about them leave their phone at the next purge run', () => {
    const chw = hierarchy.chws[0];
    const wellbeing = ['RP_WELLBEING', 'wellbeing_enrollment', 'wellbeing_follow_up'];
    const before = phones(appSettings, hierarchy, docs.map((entry) => entry.doc));
    expect(labelsOf(before.get(chw.user) as Set<string>, docs, chw.chw._id).filter((label) => wellbeing.includes(label)), 'replicated before the purge').to.include.members(wellbeing);
    expect(labelsOf(held.get(chw.user) as Set<string>, docs, chw.chw._id).filter((label) => wellbeing.includes(label)), 'after').to.deep.equal([]);
    // their training records stay: nothing private in a quiz answer
    expect(labelsOf(held.get(chw.user) as Set<string>, docs, chw.chw._id)).to.include('RP_TRAINING');
  });

  it('the integration user replicates nothing: its empty place, then not even that after the purge', () => {
    const phone = held.get(hierarchy.integration.user) as Set<string>;
    expect([...phone]).to.deep.equal(['org.couchdb.user:rapidpro']);
    const unpurged = phones(appSettings, hierarchy, docs.map((entry) => entry.doc)).get(hierarchy.integration.user) as Set<string>;
    expect([...unpurged].sort()).to.deep.equal(['org.couchdb.user:rapidpro', 'rapidpro-integration']);
  });

  describe('the audit catches the placements the issue found broken', () => {
    it('CHT\'s usual depth for supervisors (1): their CHWs and every report about them never arrive', () => {
      const shallow: ReplicationSettings = { ...appSettings, replication_depth: [{ role: 'chw', depth: 2 }, { role: 'chw_supervisor', depth: 1 }, { role: 'rapidpro_webhook', depth: 0 }] };
      const violations = auditReplication(shallow, hierarchy, docs, purge);
      const missing = new Set(violations.filter((v) => v.what === 'missing' && v.user.startsWith('supervisor')).map((v) => v.label));
      expect([...missing]).to.include.members(['person', 'RP_TRAINING', 'RP_WELLBEING', 'wellbeing_follow_up']);
      expect(violations.some((v) => v.what === 'leaked')).to.equal(false);
    });

    it('every CHW placed in the supervisor\'s area (the harness\'s placement): colleagues receive each other\'s wellbeing reports', () => {
      const together = buildHierarchy({ areas: [[1, 1]], membersPerHousehold: 1, tracedPerHousehold: 1 });
      for (const chw of together.chws) chw.user = { ...chw.user, facilityIds: [together.areas[0].area._id] };
      const shapes = projectFormShapes(workflows);
      const colleagueDocs: AuditDoc[] = [];
      for (const chw of together.chws) {
        for (const workflow of workflows.filter((candidate) => candidate.id !== 'contact-tracing')) {
          colleagueDocs.push(...workflowDocs(together, workflow, chw.chw, shapes, Date.now() - DAY).docs);
        }
      }
      const leaks = auditReplication(appSettings, together, colleagueDocs).filter((v) => v.what === 'leaked' && v.why.includes('colleague'));
      expect(new Set(leaks.map((v) => v.label))).to.include.keys('RP_WELLBEING', 'wellbeing_follow_up');
      expect(supervisorsOf(together, together.chws[0])).to.have.length(1);
    });
  });
});
