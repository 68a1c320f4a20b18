import { expect } from 'chai';
import { RapidProFlow } from '../../../src/rapidpro/client';
import { readState, summaryLine, syncExitCode } from '../../../src/sync';
import { QUIZ_FLOW, SYMPTOMS_FLOW, makeRun, quizSource, symptomsSource } from '../../support/servers/fixtures';
import { SyncSetup } from '../../support/servers/sync-setup';

describe('sync resilience: refused records, transient CHT errors (over HTTP)', () => {
  const setup = new SyncSetup();
  let flow: RapidProFlow;
  let quiz: RapidProFlow;
  const key = (f: RapidProFlow, form: string): string => `${f.uuid}:${form}`;
  const outstanding = (f: RapidProFlow, form = 'RP_SYMPTOMS') => readState(setup.statePath, setup.binding).flows[key(f, form)]?.outstanding ?? {};
  const both = { sources: [symptomsSource(), quizSource()] };

  beforeEach(async () => {
    await setup.start();
    flow = setup.rp.addFlow(SYMPTOMS_FLOW);
    quiz = setup.rp.addFlow(QUIZ_FLOW);
    for (let i = 0; i < 6; i++) setup.rp.addRun(makeRun(flow, { at: i }));
    setup.rp.addRun(makeRun(quiz, { at: 10, values: { q1: 'Correct', q2: 'Wrong' } }));
  });
  afterEach(() => setup.stop());

  it('reports a record CHT refuses in one line, skips it, syncs the rest and later flows, and retries it next time', async () => {
    const bad = setup.rp.runs[1];
    let refusing = true;
    setup.cht.refuse = (body) => (refusing && body.rp_event_id === bad.uuid ? { status: 500, details: 'Cannot read properties of undefined (reading \'parent\')' } : undefined);

    const first = await setup.run(both);
    expect(first).to.include({ created: 7, failed: 0, outstanding: 1 });
    expect(first.aborted).to.equal(undefined);
    expect(syncExitCode(first)).to.equal(3);
    expect(summaryLine(first)).to.equal('fetched 7 runs, created 7 records, skipped 0 already in CHT, 0 failed; 1 record outstanding, will retry');
    expect(setup.logs).to.deep.equal([
      `CHT refused a record: flow "${SYMPTOMS_FLOW}", run ${bad.uuid}, rp_event_id ${bad.uuid}: Cannot read properties of undefined (reading 'parent'); will retry on the next sync`,
    ]);
    expect(setup.cht.recordsOf('RP_TRAINING')).to.have.length(2);
    // Remembered, and the watermark still moved to the end: the runs after it are not scanned again.
    expect(outstanding(flow)[bad.uuid]).to.include({ run: bad.uuid, attempts: 1, reason: 'Cannot read properties of undefined (reading \'parent\')' });
    expect(readState(setup.statePath, setup.binding).flows[key(flow, 'RP_SYMPTOMS')].watermark).to.equal(setup.rp.runs[5].modified_on);

    // Still refused: one more attempt, the same one line, nothing else posted twice.
    setup.logs = [];
    const second = await setup.run(both);
    expect(second).to.include({ created: 0, outstanding: 1 });
    expect(setup.logs).to.have.length(1);
    expect(outstanding(flow)[bad.uuid].attempts).to.equal(2);
    expect(setup.cht.recordPosts.filter((p) => p.rpEventId === bad.uuid)).to.have.length(2);

    // Fixed in CHT: the next sync reads the run again by its uuid and posts it.
    refusing = false;
    const requests = setup.rp.requests.length;
    const third = await setup.run(both);
    expect(third).to.include({ created: 1, outstanding: 0 });
    expect(syncExitCode(third)).to.equal(0);
    expect(setup.rp.requests.slice(requests).some((r) => r.rawUrl.includes(`uuid=${bad.uuid}`))).to.equal(true);
    expect(outstanding(flow)).to.deep.equal({});
    expect(setup.cht.countOf(bad.uuid)).to.equal(1);
    expect(setup.cht.docs).to.have.length(8);
  });

  it('stops only the flow whose JSON form CHT lacks; the later flow is synced', async () => {
    delete setup.cht.forms.RP_SYMPTOMS;
    const summary = await setup.run(both);
    expect(summary.failed).to.equal(1);
    expect(summary.aborted).to.equal(undefined);
    expect(summary.failures[0].reason).to.contain('Form not found: RP_SYMPTOMS').and.to.contain('deploy the app settings first');
    expect(setup.cht.recordsOf('RP_TRAINING')).to.have.length(2);
    // The symptoms flow did not move on: once the form exists, everything is posted.
    setup.cht.forms.RP_SYMPTOMS = ['patient_id', 'rp_event_id', 'fever'];
    const again = await setup.run(both);
    expect(again).to.include({ created: 6, skippedExisting: 2, failed: 0 });
  });

  it('retries transient CHT errors with backoff (never less than it, even for Retry-After: 0) and posts once', async () => {
    setup.cht.fail({ path: '/api/v2/records', status: 429, retryAfter: '0', times: 2 });
    setup.cht.fail({ path: '/medic/_find', status: 503, times: 1 });
    const summary = await setup.run();
    expect(summary).to.include({ created: 6, outstanding: 0, failed: 0 });
    expect(setup.sleeps).to.deep.equal([375, 375, 750]);
    expect(setup.cht.recordPosts).to.have.length(6);
  });

  it('honours RapidPro rate limits on runs.json between pages (Retry-After, never less than the backoff)', async () => {
    setup.rp.pageSize = 2;
    let pages = 0;
    setup.rp.gate = (endpoint) => {
      // From the second page on, RapidPro throttles once.
      if (endpoint === 'runs.json' && ++pages === 2) setup.rp.fail({ endpoint: 'runs.json', status: 429, retryAfter: '0', times: 1, body: { detail: 'Request was throttled.' } });
    };
    const summary = await setup.run();
    expect(summary).to.include({ fetchedRuns: 6, created: 6, failed: 0 });
    expect(setup.sleeps).to.deep.equal([375]);
  });

  it('waits for a CHT that refuses connections for a while, then posts everything exactly once', async () => {
    await setup.cht.offline();
    setup.onSleep = async () => {
      if (setup.sleeps.length === 3) await setup.cht.online();
    };
    const summary = await setup.run();
    expect(summary).to.include({ created: 6, failed: 0 });
    expect(setup.sleeps).to.deep.equal([375, 750, 1500]);
    for (const run of setup.rp.runs.slice(0, 6)) expect(setup.cht.countOf(run.uuid)).to.equal(1);
  });

  it('stops, saving progress, when CHT stays unreachable; the rerun finishes', async () => {
    setup.cht.downAfterRecords = 3;
    const first = await setup.run();
    expect(first.aborted).to.contain('is unreachable');
    expect(syncExitCode(first)).to.equal(1);
    setup.cht.down = false;
    const second = await setup.run();
    expect(second).to.include({ created: 3, skippedExisting: 3 });
    for (const run of setup.rp.runs.slice(0, 6)) expect(setup.cht.countOf(run.uuid)).to.equal(1);
  });

  it('drops an outstanding record whose run RapidPro no longer has, saying so', async () => {
    const bad = setup.rp.runs[2];
    setup.cht.refuse = (body) => (body.rp_event_id === bad.uuid ? { status: 400, details: 'Bad request' } : undefined);
    await setup.run();
    expect(Object.keys(outstanding(flow))).to.deep.equal([bad.uuid]);
    setup.rp.runs.splice(2, 1);
    setup.logs = [];
    const summary = await setup.run();
    expect(summary.outstanding).to.equal(0);
    expect(setup.logs).to.deep.equal([`dropped 1 outstanding record(s) of flow "${SYMPTOMS_FLOW}": run ${bad.uuid} is no longer in RapidPro`]);
  });

  it('retries at most the given number of runs per flow per sync, oldest first', async () => {
    setup.cht.refuse = () => ({ status: 400, details: 'Bad request' });
    await setup.run();
    expect(Object.keys(outstanding(flow))).to.have.length(6);
    setup.cht.refuse = undefined;
    setup.logs = [];
    // Without the look-back, the scan starts at the last run (5), which it posts itself: run 4 waits.
    const summary = await setup.run({ maxRetriesPerFlow: 4, overlapSeconds: 0 });
    expect(summary).to.include({ created: 5, outstanding: 1 });
    expect(Object.values(outstanding(flow)).map((o) => o.run)).to.deep.equal([setup.rp.runs[4].uuid]);
    expect(setup.logs).to.deep.equal([`flow "${SYMPTOMS_FLOW}": 2 runs with outstanding records wait for a later sync (4 retried per sync)`]);
    expect((await setup.run()).outstanding).to.equal(0);
    expect(setup.cht.docs).to.have.length(6);
  });
});
