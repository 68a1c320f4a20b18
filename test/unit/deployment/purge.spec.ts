import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { PURGE_POLICY, SYMPTOMS_KEEP_DAYS, WELLBEING_KEEP_DAYS, purgeFunctionSource } from '../../../src/deployment/purge';
import { PurgeFn, compilePurgeFn, purgedIds } from '../../../src/deployment/purge-run';
import { Doc } from '../../../src/deployment/replication';
import { REPO_ROOT } from '../../support/harness';

const DAY = 24 * 60 * 60 * 1000;
const appSettings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'app_settings.json'), 'utf8')) as { purge?: { fn?: string; cron?: string } };

describe('deployment: purge rules', () => {
  // The function exactly as CHT receives it (cht-conf compiled it from the generated purge.js).
  let purge: PurgeFn;
  before(() => {
    expect(appSettings.purge?.fn, 'app_settings.purge.fn: run npm run build').to.be.a('string');
    purge = compilePurgeFn(appSettings.purge?.fn as string);
  });

  const now = Date.now();
  const chw: Doc = { _id: 'chw', type: 'person' };
  const contact: Doc = { _id: 'contact', type: 'person' };
  const report = (id: string, form: string, ageDays: number): Doc => ({ _id: id, type: 'data_record', form, reported_date: now - ageDays * DAY, fields: {} });
  const sms: Doc = { _id: 'sms', type: 'data_record', sms_message: { message: 'hi' } };
  const run = (roles: string[], about: Doc, reports: Doc[], messages: Doc[] = []) => purge({ roles }, about, reports, messages) as string[];

  it('is the generated policy, scheduled daily at 02:00, and runs in a context with nothing but its arguments (CHT evals the text)', () => {
    expect(appSettings.purge?.fn).to.equal(purgeFunctionSource(PURGE_POLICY));
    expect(appSettings.purge?.cron).to.equal('0 2 * * *');
    const isolated = vm.runInNewContext(`(${appSettings.purge?.fn as string})`, { Date }) as PurgeFn;
    expect(isolated({ roles: ['chw'] }, chw, [report('w', 'RP_WELLBEING', 1)], [])).to.deep.equal(['w']);
  });

  it('a CHW\'s phone keeps a traced contact\'s check-ins for 60 days, then drops them', () => {
    const kept = report('kept', 'RP_SYMPTOMS', SYMPTOMS_KEEP_DAYS - 1);
    const old = report('old', 'RP_SYMPTOMS', SYMPTOMS_KEEP_DAYS + 1);
    const enrolment = report('enrolment', 'quarantine_enrollment', 400);
    expect(run(['chw'], contact, [kept, old, enrolment], [sms])).to.deep.equal(['old']);
  });

  it('a CHW\'s phone never keeps wellbeing data, not even their own; training records stay', () => {
    const reports = [report('w', 'RP_WELLBEING', 0), report('e', 'wellbeing_enrollment', 0), report('f', 'wellbeing_follow_up', 0), report('t', 'RP_TRAINING', 300)];
    expect(run(['chw'], chw, reports)).to.deep.equal(['w', 'e', 'f']);
  });

  it('a supervisor\'s phone keeps wellbeing records a quarter, everything else for good', () => {
    const reports = [report('recent', 'RP_WELLBEING', WELLBEING_KEEP_DAYS - 1), report('old', 'RP_WELLBEING', WELLBEING_KEEP_DAYS + 1), report('follow', 'wellbeing_follow_up', 400), report('t', 'RP_TRAINING', 400)];
    expect(run(['chw_supervisor'], chw, reports)).to.deep.equal(['old']);
  });

  it('purges only what every role of the user purges; a role it does not know keeps everything', () => {
    const reports = [report('w', 'RP_WELLBEING', 10), report('s', 'RP_SYMPTOMS', 100)];
    expect(run(['chw', 'chw_supervisor'], chw, reports)).to.deep.equal([]);
    expect(run(['chw', 'data_entry'], chw, reports)).to.deep.equal([]);
    expect(run([], chw, reports)).to.deep.equal([]);
  });

  it('leaves nothing to the integration user: contact, reports and messages', () => {
    expect(run(['rapidpro_webhook'], contact, [report('r', 'RP_SYMPTOMS', 0)], [sms])).to.deep.equal(['contact', 'r', 'sms']);
  });

  it('treats a report without a date as old', () => {
    const undated: Doc = { _id: 'u', type: 'data_record', form: 'RP_SYMPTOMS', fields: {} };
    expect(run(['chw'], contact, [undated])).to.deep.equal(['u']);
  });

  it('groups docs as sentinel does: reports with their subject, unallocated ones alone, and only ids of the group count', () => {
    const person: Doc = { _id: 'p1', type: 'person', patient_id: '5555', parent: { _id: 'h' } };
    const byShortcode: Doc = { ...report('a', 'RP_SYMPTOMS', 90), fields: { patient_id: '5555' } };
    const bySubmitter: Doc = { ...report('b', 'RP_SYMPTOMS', 90), contact: { _id: 'p1' } };
    const unallocated: Doc = report('c', 'RP_SYMPTOMS', 90);
    const calls: { contact: string | undefined; reports: string[] }[] = [];
    const spy: PurgeFn = (userCtx, about, reports, messages) => {
      calls.push({ contact: (about as Doc)._id, reports: reports.map((doc) => doc._id) });
      return [...purge(userCtx, about, reports, messages) as string[], 'not-in-group'];
    };
    expect([...purgedIds(spy, [person, byShortcode, bySubmitter, unallocated], ['chw'])].sort()).to.deep.equal(['a', 'b', 'c']);
    expect(calls).to.deep.include({ contact: 'p1', reports: ['a'] });
    expect(calls).to.deep.include({ contact: undefined, reports: ['b'] });
    expect(calls).to.deep.include({ contact: undefined, reports: ['c'] });
  });
});
