import { expect } from 'chai';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readState } from '../../../src/sync';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { FORMS, SYMPTOMS_FLOW, makeRun } from '../../support/servers/fixtures';

const CHILD = path.join(__dirname, '..', '..', 'support', 'servers', 'sync-child.ts');

describe('sync killed mid-way (separate process)', function () {
  this.timeout(20_000);
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let dir: string;

  const startChild = (state: string): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string }> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, SYNC_CHT_URL: cht.urlFor(), SYNC_STATE: state },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    const done = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
    return { child, done };
  };

  before(async () => {
    rp = await new FakeRapidPro().start();
    rp.pageSize = 5;
    cht = await new FakeCht().start();
    cht.forms = FORMS;
    const flow = rp.addFlow(SYMPTOMS_FLOW);
    for (let i = 0; i < 30; i++) rp.addRun(makeRun(flow, { at: i, answered: i % 5 !== 4 }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-kill-'));
  });
  after(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing when the process is killed and rerun', async () => {
    const state = path.join(dir, 'state.json');
    cht.recordDelayMs = 15;
    const first = startChild(state);
    let seen = 0;
    cht.on('record', () => {
      if (++seen === 12) first.child.kill('SIGKILL');
    });
    const killed = await first.done;
    expect(killed.code, killed.stdout).to.equal(null);
    cht.removeAllListeners('record');
    // A POST the child sent just before dying may still be saving on the server side.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterKill = cht.docs.length;
    expect(afterKill).to.be.within(12, 23);
    // The state file is whole (or absent): never half-written.
    const watermark = fs.existsSync(state) ? Object.values(readState(state).flows)[0]?.watermark : undefined;
    if (watermark) expect(Date.parse(watermark)).to.be.below(Date.parse(rp.runs[29].modified_on));

    cht.recordDelayMs = 0;
    const rerun = await startChild(state).done;
    expect(rerun.code, rerun.stdout).to.equal(0);
    expect(rerun.stdout).to.match(new RegExp(`created ${24 - afterKill} records`));

    const ids = cht.recordsOf('RP_SYMPTOMS').map((doc) => doc.fields.rp_event_id);
    const answered = rp.runs.filter((run) => run.values.fever).map((run) => run.uuid);
    expect(ids).to.have.length(answered.length);
    expect([...ids].sort()).to.deep.equal([...answered].sort());
  });
});
