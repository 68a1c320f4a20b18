import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { RapidProFlow, RapidProRun } from '../../../src/rapidpro/client';
import { SyncLockedError, SyncSummary, lockPathFor, readState, syncExitCode } from '../../../src/sync';
import { SYMPTOMS_FLOW, makeRun, symptomsSource } from '../../support/servers/fixtures';
import { SyncSetup } from '../../support/servers/sync-setup';

const MINUTE = 60_000;

describe('sync idempotence: one sync per state, settle window, unknown outcomes (over HTTP)', () => {
  const setup = new SyncSetup();
  let flow: RapidProFlow;

  /** A run answered `minutesAgo` before now (real time), as RapidPro shows it. */
  const recentRun = (minutesAgo: number): RapidProRun => {
    const run = makeRun(flow, { at: 0 });
    run.modified_on = new Date(Date.now() - minutesAgo * MINUTE).toISOString();
    return setup.rp.addRun(run);
  };
  const lockFile = (): string => lockPathFor(setup.statePath);
  const expectOneRecordPerAnswer = (): void => {
    for (const run of setup.rp.runs.filter((r) => r.values.fever)) expect(setup.cht.countOf(run.uuid), run.uuid).to.equal(1);
    expect(setup.cht.docs).to.have.length(setup.rp.runs.filter((r) => r.values.fever).length);
  };

  beforeEach(async () => {
    await setup.start();
    flow = setup.rp.addFlow(SYMPTOMS_FLOW);
    for (let i = 0; i < 8; i++) setup.rp.addRun(makeRun(flow, { at: i }));
  });
  afterEach(() => setup.stop());

  describe('one sync per state file', () => {
    it('runs one of two syncs started together; the other is refused before it posts anything', async () => {
      setup.cht.recordDelayMs = 10;
      const results = await Promise.allSettled([setup.run(), setup.run()]);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).to.have.length(1);
      expect(refused[0].reason).to.be.instanceOf(SyncLockedError);
      expect((refused[0].reason as Error).message).to.match(new RegExp(`^another sync is running on this state \\(pid ${process.pid} on .*\\): wait for it to finish$`));
      expect(setup.cht.recordPosts).to.have.length(8);
      expectOneRecordPerAnswer();
      expect(fs.existsSync(lockFile())).to.equal(false);
    });

    it('takes over the lock of a sync that was killed (its pid no longer runs), saying so', async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      fs.mkdirSync(setup.dir + '/state', { recursive: true });
      fs.writeFileSync(lockFile(), JSON.stringify({ pid: dead, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 't' }));
      const summary = await setup.run();
      expect(summary.created).to.equal(8);
      expect(setup.logs[0]).to.equal(`removed the stale lock ${lockFile()}: pid ${dead} no longer runs (killed?)`);
      expect(fs.existsSync(lockFile())).to.equal(false);
    });

    it('takes over a lock nobody refreshed for long (its pid reused by another program), or left empty', async () => {
      fs.mkdirSync(setup.dir + '/state', { recursive: true });
      fs.writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 't' }));
      const old = new Date(Date.now() - 20 * MINUTE);
      fs.utimesSync(lockFile(), old, old);
      expect((await setup.run()).created).to.equal(8);
      expect(setup.logs[0]).to.match(/removed the stale lock .*: its holder has not refreshed it for 20 minutes/);
      fs.writeFileSync(lockFile(), '');
      await setup.run().then(() => expect.fail('an empty fresh lock is a sync starting'), (error: unknown) => expect(error).to.be.instanceOf(SyncLockedError));
      fs.utimesSync(lockFile(), old, old);
      expect((await setup.run()).created).to.equal(0);
    });

    it('never guesses about a lock from another host: the message says how to remove it', async () => {
      fs.mkdirSync(setup.dir + '/state', { recursive: true });
      fs.writeFileSync(lockFile(), JSON.stringify({ pid: 1, hostname: 'cron-box', startedAt: '2024-06-01T00:00:00Z', token: 't' }));
      const error = await setup.run().then(() => undefined, (e: unknown) => e as Error);
      expect(error).to.be.instanceOf(SyncLockedError);
      expect(error?.message).to.equal(`another sync is running on this state (pid 1 on cron-box, started 2024-06-01T00:00:00Z; lock ${lockFile()}): if no sync runs on cron-box any more, delete ${lockFile()}`);
      expect(setup.cht.recordPosts).to.have.length(0);
    });

    it('stops when another sync took its lock over mid-way, keeping what it saved', async () => {
      setup.cht.on('record', () => {
        if (setup.cht.docs.length === 2) fs.writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'thief' }));
      });
      const summary = await setup.run();
      expect(summary.aborted).to.contain('this sync lost its lock');
      expect(syncExitCode(summary)).to.equal(1);
      // The other sync's lock is left to it.
      expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).to.include({ token: 'thief' });
    });
  });

  describe('settle window', () => {
    it('leaves runs modified in the last N minutes for a later sync, and syncs them once the window has passed', async () => {
      const fresh = recentRun(2);
      const settled = recentRun(15);
      const first = await setup.run();
      expect(first.created).to.equal(9);
      expect(setup.cht.countOf(fresh.uuid)).to.equal(0);
      expect(setup.cht.countOf(settled.uuid)).to.equal(1);
      const query = setup.rp.requests.find((r) => r.endpoint === 'runs.json')!;
      expect(decodeURIComponent(query.rawUrl)).to.match(/before=\d{4}-\d\d-\d\dT/);
      expect(Date.parse(readState(setup.statePath, setup.binding).flows[`${flow.uuid}:RP_SYMPTOMS`].watermark!)).to.be.below(Date.parse(fresh.modified_on));

      const later = await setup.run({ now: () => Date.now() + 10 * MINUTE });
      expect(later).to.include({ created: 1 });
      expectOneRecordPerAnswer();
      expect((await setup.run({ settleSeconds: 0 })).created).to.equal(0);
    });

    /**
     * The webhook's POST for a run just answered reaches CHT, which works on it (transitions) for
     * as long as the sync runs; it is saved once the sync has finished.
     */
    const webhookInFlight = async (answered: RapidProRun): Promise<{ landed: Promise<unknown>; syncFinished: () => void }> => {
      let syncFinished!: () => void;
      const finished = new Promise<void>((resolve) => { syncFinished = resolve; });
      let held = false;
      setup.cht.recordGate = (input) => {
        if (input.rp_event_id !== answered.uuid || held) return undefined;
        held = true;
        return finished;
      };
      const [body] = symptomsSource().recordsFromRun(answered);
      const landed = setup.chtClient({ timeoutMs: 20_000 }).createRecord(body);
      while (!setup.cht.recordPosts.some((p) => p.rpEventId === answered.uuid)) await new Promise((resolve) => setTimeout(resolve, 5));
      return { landed, syncFinished };
    };

    it('does not race a webhook in flight: the sync leaves the run, the webhook lands, the next sync skips it', async () => {
      const answered = recentRun(0);
      const webhook = await webhookInFlight(answered);
      await setup.run();
      webhook.syncFinished();
      await webhook.landed;
      expect(setup.cht.countOf(answered.uuid)).to.equal(1);
      const next = await setup.run({ now: () => Date.now() + 11 * MINUTE });
      expect(next).to.include({ created: 0, skippedExisting: 9 });
      expectOneRecordPerAnswer();
    });

    it('(the hazard the window prevents) without it, a sync racing the webhook makes a second record', async () => {
      const answered = recentRun(0);
      const webhook = await webhookInFlight(answered);
      await setup.run({ settleSeconds: 0 });
      webhook.syncFinished();
      await webhook.landed;
      expect(setup.cht.countOf(answered.uuid)).to.equal(2);
    });
  });

  describe('a POST whose outcome is unknown', () => {
    const slowRun = (): RapidProRun => setup.rp.runs[3];

    it('is looked up, not resent, when CHT completes it after the client gave up; a rerun leaves exactly one record', async () => {
      // CHT works on this record until the test lets it finish; the client waits 200 ms.
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => { finish = resolve; });
      setup.cht.recordGate = (input) => (input.rp_event_id === slowRun().uuid ? finished : undefined);
      const first: SyncSummary = await setup.run({ cht: setup.chtClient({ timeoutMs: 200 }) });
      expect(first).to.include({ created: 7, outstanding: 1 });
      expect(setup.logs.join('\n')).to.contain(`no answer from CHT for the record of flow "${SYMPTOMS_FLOW}", run ${slowRun().uuid}`);
      expect(readState(setup.statePath, setup.binding).flows[`${flow.uuid}:RP_SYMPTOMS`].outstanding?.[slowRun().uuid].unknownSince).to.be.a('string');

      // A rerun while CHT is still at it: not in CHT yet, and within the window: not resent.
      const early = await setup.run();
      expect(early).to.include({ created: 0, outstanding: 1 });
      finish();
      await setup.cht.settled();
      const rerun = await setup.run();
      expect(rerun).to.include({ created: 0, outstanding: 0 });
      expect(setup.cht.recordPosts.filter((p) => p.rpEventId === slowRun().uuid)).to.have.length(1);
      expectOneRecordPerAnswer();
    });

    it('is found and counted when CHT saved it but the gateway answered 504', async () => {
      setup.cht.fail({ path: '/api/v2/records', status: 504, afterSave: true, times: 1, body: { message: 'Gateway Time-out' } });
      const summary = await setup.run();
      expect(summary).to.include({ created: 8, outstanding: 0 });
      expectOneRecordPerAnswer();
    });

    it('is posted again only on a sync after the settle window, when CHT still does not have it', async () => {
      // A gateway gave up and CHT never got the record.
      setup.cht.fail({ path: '/api/v2/records', status: 502, times: 1, body: { message: 'Bad Gateway' } });
      expect(await setup.run()).to.include({ created: 7, outstanding: 1 });
      expect(await setup.run()).to.include({ created: 0, outstanding: 1 });
      expect(await setup.run({ now: () => Date.now() + 11 * MINUTE })).to.include({ created: 1, outstanding: 0 });
      expectOneRecordPerAnswer();
    });

    it('stops the sync after three in a row: CHT is not answering in time', async () => {
      setup.cht.fail({ path: '/api/v2/records', status: 504, times: 3 });
      const summary = await setup.run();
      expect(summary.aborted).to.contain('CHT did not answer 3 record POSTs in a row');
      expect(summary).to.include({ created: 0, outstanding: 3 });
    });
  });
});
