import { expect } from 'chai';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lockPathFor, readState } from '../../../src/sync';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { FORMS, SYMPTOMS_FLOW, makeRun } from '../../support/servers/fixtures';

const CHILD = path.join(__dirname, '..', '..', 'support', 'servers', 'sync-child.ts');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe('sync in separate processes: killed at a random point, two at once', function () {
  this.timeout(30_000);
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let dir: string;
  let state: string;

  const startChild = (): { child: ChildProcess; done: Promise<Finished> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, SYNC_CHT_URL: cht.urlFor(), SYNC_STATE: state },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const done = new Promise<Finished>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { child, done };
  };
  /** Exactly one record per answered run: nothing lost, nothing twice. */
  const expectOneRecordPerAnswer = (context: string): void => {
    const ids = cht.recordsOf('RP_SYMPTOMS').map((doc) => doc.fields.rp_event_id);
    const answered = rp.runs.filter((run) => run.values.fever).map((run) => run.uuid);
    expect([...ids].sort(), context).to.deep.equal([...answered].sort());
  };

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    rp.pageSize = 5;
    cht = await new FakeCht().start();
    cht.forms = FORMS;
    const flow = rp.addFlow(SYMPTOMS_FLOW);
    for (let i = 0; i < 30; i++) rp.addRun(makeRun(flow, { at: i, answered: i % 5 !== 4 }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-proc-'));
    state = path.join(dir, 'state.json');
  });
  afterEach(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing when SIGKILLed at a random point and rerun; the dead lock is taken over', async () => {
    // Any point is a valid test; the one drawn is in the failure message to replay it.
    const killAt = 1 + Math.floor(Math.random() * 23);
    const context = `killed after record ${killAt}`;
    cht.recordDelayMs = 15;
    const first = startChild();
    let seen = 0;
    cht.on('record', () => {
      if (++seen === killAt) first.child.kill('SIGKILL');
    });
    const killed = await first.done;
    expect(killed.signal, `${context}: ${killed.stdout}${killed.stderr}`).to.equal('SIGKILL');
    cht.removeAllListeners('record');
    // A POST the child sent just before dying may still be saving on the server side.
    await cht.settled();
    const afterKill = cht.docs.length;
    expect(afterKill, context).to.be.within(killAt, 23);
    // The killed sync left its lock, naming a pid that no longer runs.
    expect(fs.existsSync(lockPathFor(state)), context).to.equal(true);
    // The state file is whole (or absent): never half-written.
    const binding = JSON.parse(fs.readFileSync(state, 'utf8')) as { rapidpro: { host: string; workspace: string }; cht: string };
    const watermark = Object.values(readState(state, binding).flows)[0]?.watermark;
    if (watermark) expect(Date.parse(watermark), context).to.be.below(Date.parse(rp.runs[29].modified_on));

    cht.recordDelayMs = 0;
    const rerun = await startChild().done;
    expect(rerun.code, `${context}: ${rerun.stdout}${rerun.stderr}`).to.equal(0);
    expect(rerun.stderr, context).to.match(/removed the stale lock .*: pid \d+ no longer runs/);
    expect(rerun.stdout, context).to.match(new RegExp(`created ${24 - afterKill} records`));
    expect(fs.existsSync(lockPathFor(state)), context).to.equal(false);
    expectOneRecordPerAnswer(context);
  });

  it('runs one of two syncs started together; the other exits 4 with one line and posts nothing', async () => {
    const [a, b] = [startChild(), startChild()];
    // However the two processes' start-up times differ, the first to take the lock reads no run
    // before the other has exited (or 10 s have passed, when the lock let both through).
    const firstExit = Promise.race([a.done, b.done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rp.gate = async (endpoint) => {
      if (endpoint === 'runs.json') await firstExit;
    };
    const results = await Promise.all([a.done, b.done]);
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.stdout + r.stderr).join('\n---\n')).to.deep.equal([0, 4]);
    const busy = results.find((r) => r.code === 4)!;
    expect(busy.stderr.trim().split('\n')).to.have.length(1);
    expect(busy.stderr).to.match(/^cht-rapidpro sync: another sync is running on this state \(pid \d+/);
    expect(cht.recordPosts).to.have.length(24);
    expectOneRecordPerAnswer('two syncs');
  });
});
