import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChtClient, chtConnection } from '../../../src/cht/api';
import { RapidProClient, RapidProFlow } from '../../../src/rapidpro/client';
import { SyncOptions, SyncProgress, SyncSource, readState, summaryLine, sync } from '../../../src/sync';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { FORMS, QUIZ_FLOW, SYMPTOMS_FLOW, makeRun, quizSource, symptomsSource } from '../../support/servers/fixtures';

describe('sync (RapidPro runs → CHT records, over HTTP)', () => {
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let flow: RapidProFlow;
  let dir: string;
  let statePath: string;
  let logs: string[];

  const run = (overrides: Partial<SyncOptions> = {}) =>
    sync({
      rapidpro: new RapidProClient({ credentials: { host: rp.host, token: rp.token }, timing: { sleep: async () => undefined } }),
      cht: new ChtClient(chtConnection(cht.urlFor(), {}), { timeoutMs: 2000 }),
      sources: [symptomsSource()],
      statePath,
      log: (line) => logs.push(line),
      ...overrides,
    });

  /** Ten runs a second apart: runs 3 and 7 unanswered, so 8 records are due. */
  const addRuns = (count = 10): void => {
    for (let i = 0; i < count; i++) rp.addRun(makeRun(flow, { at: i, answered: i !== 3 && i !== 7 }));
  };
  const eventIds = (): string[] => cht.recordsOf('RP_SYMPTOMS').map((doc) => String(doc.fields.rp_event_id));
  const answeredRunIds = (): string[] => rp.runs.filter((r) => r.values.fever).map((r) => r.uuid);

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    rp.pageSize = 4;
    cht = await new FakeCht().start();
    cht.forms = FORMS;
    flow = rp.addFlow(SYMPTOMS_FLOW);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
    statePath = path.join(dir, 'state', 'sync.json');
    logs = [];
  });
  afterEach(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates one record per answered run across several pages, and saves the watermark', async () => {
    addRuns();
    const summary = await run();
    expect(summaryLine(summary)).to.equal('fetched 10 runs, created 8 records, skipped 0 already in CHT, 0 failed');
    expect(rp.count('GET', 'runs.json')).to.equal(3);
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
    const doc = cht.recordsOf('RP_SYMPTOMS')[0];
    expect(doc.fields).to.have.keys('patient_id', 'rp_event_id', 'fever');
    const state = readState(statePath);
    expect(Object.values(state.flows)).to.have.length(1);
    expect(Object.values(state.flows)[0]).to.include({ flowName: SYMPTOMS_FLOW, formCode: 'RP_SYMPTOMS', watermark: rp.runs[9].modified_on });
    expect(fs.readdirSync(path.dirname(statePath))).to.deep.equal(['sync.json']);
  });

  it('creates nothing when run twice', async () => {
    addRuns();
    await run();
    const second = await run();
    expect(second.created).to.equal(0);
    expect(second.skippedExisting).to.equal(8);
    expect(second.failed).to.equal(0);
    expect(cht.docs).to.have.length(8);
  });

  it('checks CHT itself, so another machine (no state) or a delivered webhook creates no duplicate', async () => {
    addRuns();
    const delivered = rp.runs[0];
    const records = symptomsSource().recordsFromRun(delivered);
    await new ChtClient(chtConnection(cht.urlFor(), {})).createRecord(records[0]);
    const first = await run({ statePath: undefined });
    expect(first).to.include({ created: 7, skippedExisting: 1 });
    const elsewhere = await run({ statePath: undefined });
    expect(elsewhere).to.include({ created: 0, skippedExisting: 8 });
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('resumes from the watermark, looking back a little for runs committed late', async () => {
    addRuns();
    await run();
    const requestsBefore = rp.requests.length;
    // Stamped 2 s before the last synced run, but only visible now.
    const late = rp.addRun(makeRun(flow, { at: 7.5 }));
    rp.addRun(makeRun(flow, { at: 20 }));
    const summary = await run();
    expect(summary.created).to.equal(2);
    expect(eventIds()).to.include(late.uuid);
    const query = rp.requests.slice(requestsBefore).find((r) => r.endpoint === 'runs.json')!;
    expect(decodeURIComponent(query.rawUrl)).to.contain('after=2024-06-01T07:55:09.000Z');
    expect(readState(statePath).flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(rp.runs[11].modified_on);
  });

  it('starts from --since instead of the state when given', async () => {
    addRuns();
    const summary = await run({ since: '2024-06-01T08:00:08Z' });
    expect(summary).to.include({ fetchedRuns: 2, created: 2 });
  });

  it('reports malformed runs, skips them and goes on', async () => {
    addRuns(4);
    const badPhone = rp.addRun(makeRun(flow, { at: 4, phone: '0712345678' }));
    const noPatient = rp.addRun(makeRun(flow, { at: 5, patient: null }));
    rp.addRun(makeRun(flow, { at: 6 }));
    const summary = await run();
    expect(summary).to.include({ fetchedRuns: 7, created: 4, failed: 2 });
    expect(summary.failures.map((f) => f.runUuid)).to.deep.equal([badPhone.uuid, noPatient.uuid]);
    expect(summary.failures[1].reason).to.equal('the run has no "patient_id" result');
    expect(logs[0]).to.contain(`run ${badPhone.uuid} of "${SYMPTOMS_FLOW}"`).and.to.contain('not an E.164 phone');
    // The watermark moved past them: they are reported once, not on every sync.
    expect(readState(statePath).flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(rp.runs[6].modified_on);
  });

  it('redacts phone numbers in failure reports', async () => {
    const source: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => { throw new Error(`cannot parse ${r.contact.urn}`); } };
    rp.addRun(makeRun(flow, { at: 1, phone: '+254799123456' }));
    const summary = await run({ sources: [source] });
    expect(summary.failures[0].reason).to.equal('cannot parse +2547•••••456');
    expect(logs.join('\n')).not.to.contain('+254799123456');
  });

  it('rejects records that break the de-duplication contract', async () => {
    rp.addRun(makeRun(flow, { at: 1 }));
    const wrongId: SyncSource = { ...symptomsSource(), recordsFromRun: () => [{ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'not-the-run' }] };
    const wrongForm: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => [{ _meta: { form: 'RP_OTHER' }, rp_event_id: r.uuid }] };
    const bug: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => [(r as unknown as { x: { y: 1 } }).x.y] as never };
    const summary = await run({ sources: [wrongId, wrongForm, bug], statePath: undefined });
    expect(summary.failures.map((f) => f.reason)).to.satisfy((reasons: string[]) =>
      /rp_event_id must be the run uuid/.test(reasons[0]) && /not RP_SYMPTOMS/.test(reasons[1]) && /a bug\?\): TypeError/.test(reasons[2]));
    expect(cht.docs).to.have.length(0);
  });

  it('reports a flow missing from the workspace with close names, and syncs the others', async () => {
    addRuns(2);
    const summary = await run({ sources: [symptomsSource('Quarantine symptom checks'), symptomsSource()] });
    expect(summary).to.include({ created: 2, failed: 1 });
    expect(summary.failures[0].reason).to.contain(`close names: "${SYMPTOMS_FLOW}"`);
  });

  it('posts several records per run with suffixed ids, keeping state per flow', async () => {
    const quiz = rp.addFlow(QUIZ_FLOW);
    rp.addRun(makeRun(quiz, { at: 1, values: { q1: 'Correct', q2: 'Wrong' } }));
    rp.addRun(makeRun(quiz, { at: 2, values: { q1: 'Correct' } }));
    addRuns(2);
    const summary = await run({ sources: [symptomsSource(), quizSource()] });
    expect(summary.created).to.equal(5);
    const ids = cht.recordsOf('RP_TRAINING').map((d) => d.fields.rp_event_id);
    expect(ids).to.deep.equal([`${rp.runs[0].uuid}/q1`, `${rp.runs[0].uuid}/q2`, `${rp.runs[1].uuid}/q1`]);
    expect(Object.keys(readState(statePath).flows).sort()).to.deep.equal([`${flow.uuid}:RP_SYMPTOMS`, `${quiz.uuid}:RP_TRAINING`].sort());
    // A new answer on an already-synced run (a later modified_on) adds only the new record.
    rp.runs[1].values.q2 = { ...rp.runs[1].values.q1, name: 'q2' };
    rp.runs[1].modified_on = '2024-06-01T09:00:00.000Z';
    expect((await run({ sources: [quizSource()] })).created).to.equal(1);
    expect(cht.recordsOf('RP_TRAINING')).to.have.length(4);
  });

  it('stops when CHT goes down half-way, saves only what was saved, and a rerun completes exactly once', async () => {
    addRuns();
    cht.downAfterRecords = 2;
    const first = await run();
    expect(first.aborted).to.match(/while syncing ".*": CHT POST \/api\/v2\/records: CHT at .* is unreachable/);
    expect(first.created).to.equal(2);
    expect(first.failed).to.equal(1);
    // Run 2's record failed: the watermark stops at run 1, not at the end of the page.
    expect(readState(statePath).flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(rp.runs[1].modified_on);

    cht.down = false;
    const second = await run();
    expect(second.aborted).to.equal(undefined);
    expect(second.created).to.equal(6);
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('creates no duplicate when CHT saved a record but the answer was lost', async () => {
    addRuns(3);
    cht.dropAnswerAfterSave = 1;
    const first = await run();
    expect(first.aborted).to.be.a('string');
    expect(cht.docs).to.have.length(1);
    const second = await run();
    expect(second).to.include({ created: 2, skippedExisting: 1 });
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('stops with a clear message when RapidPro rejects the token', async () => {
    addRuns(2);
    const summary = await run({ rapidpro: new RapidProClient({ credentials: { host: rp.host, token: 'bad-token-123456789' } }) });
    expect(summary.aborted).to.contain('rejected the API token').and.not.to.contain('bad-token-123456789');
    expect(summary.failed).to.equal(1);
  });

  it('asks CHT once per page and reports progress as it goes', async () => {
    addRuns();
    const progress: SyncProgress[] = [];
    await run({ onProgress: (p) => progress.push(p) });
    expect(cht.findCalls).to.equal(3);
    expect(progress.map((p) => p.fetchedRuns)).to.include.members([0, 4, 8, 10]);
    expect(progress[progress.length - 1]).to.deep.equal({ flowName: SYMPTOMS_FLOW, fetchedRuns: 10, created: 8, skippedExisting: 0, failed: 0 });
  });
});
