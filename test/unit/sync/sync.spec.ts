import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { ChtClient, chtConnection } from '../../../src/cht/api';
import { RapidProFlow } from '../../../src/rapidpro/client';
import { SyncProgress, SyncSource, readState, summaryLine } from '../../../src/sync';
import { SyncSetup } from '../../support/servers/sync-setup';
import { QUIZ_FLOW, SYMPTOMS_FLOW, makeRun, quizSource, symptomsSource } from '../../support/servers/fixtures';

describe('sync (RapidPro runs → CHT records, over HTTP)', () => {
  const setup = new SyncSetup();
  let flow: RapidProFlow;
  const run: SyncSetup['run'] = (overrides) => setup.run(overrides);
  const state = () => readState(setup.statePath, setup.binding);

  /** Ten runs a second apart: runs 3 and 7 unanswered, so 8 records are due. */
  const addRuns = (count = 10): void => {
    for (let i = 0; i < count; i++) setup.rp.addRun(makeRun(flow, { at: i, answered: i !== 3 && i !== 7 }));
  };
  const eventIds = (): string[] => setup.cht.recordsOf('RP_SYMPTOMS').map((doc) => String(doc.fields.rp_event_id));
  const answeredRunIds = (): string[] => setup.rp.runs.filter((r) => r.values.fever).map((r) => r.uuid);

  beforeEach(async () => {
    await setup.start();
    flow = setup.rp.addFlow(SYMPTOMS_FLOW);
  });
  afterEach(() => setup.stop());

  it('creates one record per answered run across several pages, and saves the watermark', async () => {
    addRuns();
    const summary = await run();
    expect(summaryLine(summary)).to.equal('fetched 10 runs, created 8 records, skipped 0 already in CHT, 0 failed');
    expect(setup.rp.count('GET', 'runs.json')).to.equal(3);
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
    const doc = setup.cht.recordsOf('RP_SYMPTOMS')[0];
    expect(doc.fields).to.have.keys('patient_id', 'rp_event_id', 'fever');
    const saved = state();
    expect(saved).to.include({ cht: setup.cht.origin });
    expect(saved.rapidpro).to.deep.equal(setup.binding.rapidpro);
    expect(Object.values(saved.flows)).to.have.length(1);
    expect(Object.values(saved.flows)[0]).to.include({ flowName: SYMPTOMS_FLOW, formCode: 'RP_SYMPTOMS', watermark: setup.rp.runs[9].modified_on });
    // No temporary file, and the lock is released.
    expect(fs.readdirSync(path.dirname(setup.statePath))).to.deep.equal(['sync.json']);
  });

  it('creates nothing when run twice (and clears a temporary state file a killed sync left)', async () => {
    addRuns();
    await run();
    fs.writeFileSync(path.join(path.dirname(setup.statePath), '.sync.json.99999.tmp'), '{"version": 2, "fl');
    const second = await run();
    expect(second.created).to.equal(0);
    expect(second.skippedExisting).to.equal(8);
    expect(second.failed).to.equal(0);
    expect(setup.cht.docs).to.have.length(8);
    expect(fs.readdirSync(path.dirname(setup.statePath))).to.deep.equal(['sync.json']);
  });

  it('checks CHT itself, so another machine (no state) or a delivered webhook creates no duplicate', async () => {
    addRuns();
    const delivered = setup.rp.runs[0];
    const records = symptomsSource().recordsFromRun(delivered);
    await new ChtClient(chtConnection(setup.cht.urlFor(), {})).createRecord(records[0]);
    const first = await run({ statePath: undefined });
    expect(first).to.include({ created: 7, skippedExisting: 1 });
    const elsewhere = await run({ statePath: undefined });
    expect(elsewhere).to.include({ created: 0, skippedExisting: 8 });
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('resumes from the watermark, looking back a little for runs committed late', async () => {
    addRuns();
    await run();
    const requestsBefore = setup.rp.requests.length;
    // Stamped 2 s before the last synced run, but only visible now.
    const late = setup.rp.addRun(makeRun(flow, { at: 7.5 }));
    setup.rp.addRun(makeRun(flow, { at: 20 }));
    const summary = await run();
    expect(summary.created).to.equal(2);
    expect(eventIds()).to.include(late.uuid);
    const query = setup.rp.requests.slice(requestsBefore).find((r) => r.endpoint === 'runs.json')!;
    expect(decodeURIComponent(query.rawUrl)).to.contain('after=2024-06-01T07:55:09.000Z');
    expect(state().flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(setup.rp.runs[11].modified_on);
  });

  it('starts from --since instead of the state when given', async () => {
    addRuns();
    const summary = await run({ since: '2024-06-01T08:00:08Z' });
    expect(summary).to.include({ fetchedRuns: 2, created: 2 });
  });

  it('reports malformed runs, skips them and goes on', async () => {
    addRuns(4);
    const badPhone = setup.rp.addRun(makeRun(flow, { at: 4, phone: '0712345678' }));
    const noPatient = setup.rp.addRun(makeRun(flow, { at: 5, patient: null }));
    setup.rp.addRun(makeRun(flow, { at: 6 }));
    const summary = await run();
    expect(summary).to.include({ fetchedRuns: 7, created: 4, failed: 2 });
    expect(summary.failures.map((f) => f.runUuid)).to.deep.equal([badPhone.uuid, noPatient.uuid]);
    expect(summary.failures[1].reason).to.equal('the run has no "patient_id" result');
    expect(setup.logs[0]).to.contain(`run ${badPhone.uuid} of "${SYMPTOMS_FLOW}"`).and.to.contain('not an E.164 phone');
    // The watermark moved past them: they are reported once, not on every sync.
    expect(state().flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(setup.rp.runs[6].modified_on);
  });

  it('redacts phone numbers in failure reports', async () => {
    const source: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => { throw new Error(`cannot parse ${r.contact.urn}`); } };
    setup.rp.addRun(makeRun(flow, { at: 1, phone: '+254799123456' }));
    const summary = await run({ sources: [source] });
    expect(summary.failures[0].reason).to.equal('cannot parse +2547•••••456');
    expect(setup.logs.join('\n')).not.to.contain('+254799123456');
  });

  it('rejects records that break the de-duplication contract', async () => {
    setup.rp.addRun(makeRun(flow, { at: 1 }));
    const wrongId: SyncSource = { ...symptomsSource(), recordsFromRun: () => [{ _meta: { form: 'RP_SYMPTOMS' }, rp_event_id: 'not-the-run' }] };
    const wrongForm: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => [{ _meta: { form: 'RP_OTHER' }, rp_event_id: r.uuid }] };
    const bug: SyncSource = { ...symptomsSource(), recordsFromRun: (r) => [(r as unknown as { x: { y: 1 } }).x.y] as never };
    const summary = await run({ sources: [wrongId, wrongForm, bug], statePath: undefined });
    expect(summary.failures.map((f) => f.reason)).to.satisfy((reasons: string[]) =>
      /rp_event_id must be the run uuid/.test(reasons[0]) && /not RP_SYMPTOMS/.test(reasons[1]) && /a bug\?\): TypeError/.test(reasons[2]));
    expect(setup.cht.docs).to.have.length(0);
  });

  it('reports a flow missing from the workspace with close names, and syncs the others', async () => {
    addRuns(2);
    const summary = await run({ sources: [symptomsSource('Quarantine symptom checks'), symptomsSource()] });
    expect(summary).to.include({ created: 2, failed: 1 });
    expect(summary.failures[0].reason).to.contain(`close names: "${SYMPTOMS_FLOW}"`);
  });

  it('keeps syncing the runs of a flow that was replaced (imported again under a new uuid), and the new one', async () => {
    addRuns(2);
    await run();
    flow.archived = true;
    const replacement = setup.rp.addFlow(SYMPTOMS_FLOW);
    const late = setup.rp.addRun(makeRun(flow, { at: 30 }));
    const fresh = setup.rp.addRun(makeRun(replacement, { at: 31 }));
    setup.logs = [];
    expect((await run()).created).to.equal(2);
    expect(setup.cht.countOf(late.uuid)).to.equal(1);
    expect(setup.cht.countOf(fresh.uuid)).to.equal(1);
    expect(setup.logs).to.deep.equal([`flow "${SYMPTOMS_FLOW}" is ${replacement.uuid} in the workspace now; the runs of ${flow.uuid}, which the state file synced before, are still synced`]);
    setup.logs = [];
    expect((await run()).created).to.equal(0);
    expect(setup.logs).to.deep.equal([]);
  });

  it('posts several records per run with suffixed ids, keeping state per flow', async () => {
    const quiz = setup.rp.addFlow(QUIZ_FLOW);
    setup.rp.addRun(makeRun(quiz, { at: 1, values: { q1: 'Correct', q2: 'Wrong' } }));
    setup.rp.addRun(makeRun(quiz, { at: 2, values: { q1: 'Correct' } }));
    addRuns(2);
    const summary = await run({ sources: [symptomsSource(), quizSource()] });
    expect(summary.created).to.equal(5);
    const ids = setup.cht.recordsOf('RP_TRAINING').map((d) => d.fields.rp_event_id);
    expect(ids).to.deep.equal([`${setup.rp.runs[0].uuid}/q1`, `${setup.rp.runs[0].uuid}/q2`, `${setup.rp.runs[1].uuid}/q1`]);
    expect(Object.keys(state().flows).sort()).to.deep.equal([`${flow.uuid}:RP_SYMPTOMS`, `${quiz.uuid}:RP_TRAINING`].sort());
    // A new answer on an already-synced run (a later modified_on) adds only the new record.
    setup.rp.runs[1].values.q2 = { ...setup.rp.runs[1].values.q1, name: 'q2' };
    setup.rp.runs[1].modified_on = '2024-06-01T09:00:00.000Z';
    expect((await run({ sources: [quizSource()] })).created).to.equal(1);
    expect(setup.cht.recordsOf('RP_TRAINING')).to.have.length(4);
  });

  it('stops when CHT goes down half-way, saves only what was saved, and a rerun completes exactly once', async () => {
    addRuns();
    setup.cht.downAfterRecords = 2;
    const first = await run();
    // The third POST's connection drops: the record is looked up before anything else, and CHT
    // does not answer the lookup either (retried with backoff): the sync stops.
    expect(first.aborted).to.match(/while syncing ".*": CHT POST \/medic\/_find: CHT at .* is unreachable .* after 6 attempt\(s\)/);
    expect(setup.sleeps).to.deep.equal([375, 750, 1500, 3000, 6000]);
    expect(first.created).to.equal(2);
    expect(first.failed).to.equal(1);
    // Run 2's record failed: the watermark stops at run 1, not at the end of the page.
    expect(state().flows[`${flow.uuid}:RP_SYMPTOMS`].watermark).to.equal(setup.rp.runs[1].modified_on);

    setup.cht.down = false;
    const second = await run();
    expect(second.aborted).to.equal(undefined);
    expect(second.created).to.equal(6);
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('creates no duplicate when CHT saved a record but the answer was lost: it looks before posting again', async () => {
    addRuns(3);
    setup.cht.dropAnswerAfterSave = 1;
    const first = await run();
    expect(first).to.include({ created: 3, outstanding: 0 });
    expect(first.aborted).to.equal(undefined);
    expect(setup.cht.recordPosts).to.have.length(3);
    const second = await run();
    expect(second).to.include({ created: 0, skippedExisting: 3 });
    expect(eventIds().sort()).to.deep.equal(answeredRunIds().sort());
  });

  it('stops with a clear message when RapidPro rejects the token', async () => {
    addRuns(2);
    const summary = await run({ rapidpro: setup.rapidproClient('bad-token-123456789') });
    expect(summary.aborted).to.contain('rejected the API token').and.not.to.contain('bad-token-123456789');
    expect(summary.failed).to.equal(1);
  });

  it('asks CHT once per page and reports progress as it goes', async () => {
    addRuns();
    const progress: SyncProgress[] = [];
    await run({ onProgress: (p) => progress.push(p) });
    expect(setup.cht.findCalls).to.equal(3);
    expect(progress.map((p) => p.fetchedRuns)).to.include.members([0, 4, 8, 10]);
    expect(progress[progress.length - 1]).to.deep.equal({ flowName: SYMPTOMS_FLOW, fetchedRuns: 10, created: 8, skippedExisting: 0, failed: 0, outstanding: 0 });
  });
});
