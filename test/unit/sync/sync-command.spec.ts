import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIO, UsageError } from '../../../src/cli/command';
import { commands } from '../../../src/cli/commands';
import { SYNC_EXIT, createSyncCommand } from '../../../src/cli/commands/sync';
import { main } from '../../../src/cli/index';
import { lockPathFor } from '../../../src/sync';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { FORMS, SYMPTOMS_FLOW, makeRun, symptomsSource } from '../../support/servers/fixtures';
import { unwritableFolder } from './paths';

describe('cht-rapidpro sync (command)', () => {
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let dir: string;
  let out: string[];
  let err: string[];
  let progress: string[];

  const io = (overrides: Partial<CommandIO> = {}): CommandIO => ({
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    projectDir: dir,
    env: { RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, HOME: dir },
    isTTY: false,
    ...overrides,
  });
  const command = createSyncCommand({ sources: () => [symptomsSource()], timing: { sleep: async () => undefined }, writeProgress: (t) => progress.push(t) });
  const usageError = async (promise: Promise<unknown>): Promise<string> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(UsageError);
      expect((error as Error).message, 'one line').not.to.contain('\n');
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
  };
  const nothingPosted = (): void => {
    expect(cht.recordPosts).to.deep.equal([]);
    expect(cht.findCalls).to.equal(0);
  };

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    cht = await new FakeCht().start();
    cht.forms = FORMS;
    const flow = rp.addFlow(SYMPTOMS_FLOW);
    for (let i = 0; i < 5; i++) rp.addRun(makeRun(flow, { at: i }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-cmd-'));
    out = [];
    err = [];
    progress = [];
  });
  afterEach(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is registered in the CLI', () => {
    expect(commands.map((c) => c.name)).to.include.members(['sync', 'deploy']);
  });

  it('syncs, prints the summary, keeps state outside the project in one file per instance, exits 0', async () => {
    const code = await command.run(['--url', cht.urlFor()], io());
    expect(code).to.equal(SYNC_EXIT.done);
    expect(out[out.length - 1]).to.equal('fetched 5 runs, created 5 records, skipped 0 already in CHT, 0 failed');
    const file = path.join(dir, '.local', 'state', 'cht-rapidpro', `${new URL(cht.origin).host.replace(':', '_')}-${new URL(rp.host).host.replace(':', '_')}.json`);
    expect(out[0]).to.contain(`state: ${file}`).and.to.contain('leaving runs modified in the last 10 min');
    expect(fs.existsSync(file)).to.equal(true);
    expect(fs.existsSync(lockPathFor(file))).to.equal(false);
    expect(out.join('\n')).not.to.contain('admin-pass');
    expect(progress).to.deep.equal([]);
  });

  it('exits 1 when a run cannot be read, and draws progress only on a terminal', async () => {
    rp.addRun(makeRun(rp.flows[0], { at: 9, phone: '12345' }));
    const state = path.join(dir, 'state.json');
    const code = await command.run(['--url', cht.urlFor(), '--state', state, '--rapidpro', writeCreds()], io({ isTTY: true, env: {} }));
    expect(code).to.equal(SYNC_EXIT.failed);
    expect(err.join('\n')).to.contain('not an E.164 phone');
    expect(out[out.length - 1]).to.match(/created 5 records, .* 1 failed$/);
    expect(progress[0]).to.match(/^\r/);
    expect(progress[progress.length - 1]).to.equal('\n');
    expect(fs.existsSync(state)).to.equal(true);
  });

  it('exits 3 and says how many records are outstanding when CHT refuses one', async () => {
    const refused = rp.runs[2].uuid;
    cht.refuse = (body) => (body.rp_event_id === refused ? { status: 500, details: 'transition update_clinics failed' } : undefined);
    const code = await command.run(['--url', cht.urlFor(), '--state', path.join(dir, 's.json')], io());
    expect(code).to.equal(SYNC_EXIT.outstanding);
    expect(out[out.length - 1]).to.equal('fetched 5 runs, created 4 records, skipped 0 already in CHT, 0 failed; 1 record outstanding, will retry');
    expect(err).to.have.length(1);
    expect(err[0]).to.equal(`CHT refused a record: flow "${SYMPTOMS_FLOW}", run ${refused}, rp_event_id ${refused}: transition update_clinics failed; will retry on the next sync`);
    cht.refuse = undefined;
    expect(await command.run(['--url', cht.urlFor(), '--state', path.join(dir, 's.json')], io())).to.equal(SYNC_EXIT.done);
    expect(cht.docs).to.have.length(5);
  });

  it('exits 1 and says how to continue when CHT goes down', async () => {
    cht.downAfterRecords = 1;
    const code = await command.run(['--url', cht.urlFor(), '--state', path.join(dir, 's.json')], io());
    expect(code).to.equal(SYNC_EXIT.failed);
    expect(err.join('\n')).to.contain('sync stopped').and.to.contain('rerun to continue').and.not.to.contain('admin-pass');
  });

  it('exits 4 with one line when another sync holds the state', async () => {
    const state = path.join(dir, 's.json');
    fs.writeFileSync(lockPathFor(state), JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'other' }));
    expect(await command.run(['--url', cht.urlFor(), '--state', state], io())).to.equal(SYNC_EXIT.busy);
    expect(err).to.have.length(1);
    expect(err[0]).to.match(/^cht-rapidpro sync: another sync is running on this state \(pid \d+ on .*; lock .*s\.json\.lock\): wait for it to finish$/);
    nothingPosted();
  });

  it('rejects bad usage with clear messages', async () => {
    expect(await usageError(command.run([], io()))).to.contain('--url is required');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--since', 'yesterday'], io()))).to.contain('--since "yesterday" is not an ISO 8601');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--since', '0'], io()))).to.contain('--since "0" is not an ISO 8601');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--since', '2024-02-30'], io()))).to.contain('not a date in the calendar');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--settle', 'soon'], io()))).to.contain('--settle "soon" is not a number of minutes');
    expect(await usageError(command.run(['--url', cht.urlFor(), 'extra'], io()))).to.contain('unexpected argument "extra"');
    expect(await usageError(command.run(['--url', cht.urlFor()], io({ env: {} })))).to.contain('RAPIDPRO_HOST and RAPIDPRO_TOKEN');
    expect(await usageError(command.run(['--url', cht.origin], io()))).to.contain('CHT_USERNAME and CHT_PASSWORD');
    const corrupt = path.join(dir, 'corrupt.json');
    fs.writeFileSync(corrupt, 'nope');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--state', corrupt], io()))).to.contain('delete it to start over');
    nothingPosted();
  });

  it('refuses, before posting anything, a state of another CHT, a bad or future watermark, and paths it cannot write', async () => {
    const state = path.join(dir, 'state.json');
    expect(await command.run(['--url', cht.urlFor(), '--state', state], io())).to.equal(SYNC_EXIT.done);
    const posted = cht.recordPosts.length;
    const other = await new FakeCht().start();
    try {
      other.forms = FORMS;
      expect(await usageError(command.run(['--url', other.urlFor(), '--state', state], io()))).to.contain(`belongs to CHT ${cht.origin}, not ${other.origin}`);
      expect(other.recordPosts).to.deep.equal([]);
    } finally {
      await other.stop();
    }
    const saved = JSON.parse(fs.readFileSync(state, 'utf8')) as { flows: Record<string, { watermark: string }> };
    for (const [watermark, expected] of [['2999-01-01T00:00:00Z', 'is in the future'], ['last tuesday', 'is not an ISO 8601 time']]) {
      Object.values(saved.flows)[0].watermark = watermark;
      fs.writeFileSync(state, JSON.stringify(saved));
      expect(await usageError(command.run(['--url', cht.urlFor(), '--state', state], io()))).to.contain(expected);
    }
    expect(await usageError(command.run(['--url', cht.urlFor(), '--state', dir], io()))).to.contain('it is a directory');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--state', '/dev/null/x'], io()))).to.contain('not a directory');
    const readOnly = path.join(unwritableFolder(dir), 'sync.json');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--state', readOnly], io()))).to.contain('permission denied');
    expect(await usageError(command.run(['--url', cht.urlFor()], io({ env: { RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token } }))))
      .to.contain('HOME and XDG_STATE_HOME are unset');
    expect(cht.recordPosts).to.have.length(posted);
  });

  it('prints one line and exits 2 through the CLI for a state it cannot use', async () => {
    const io2 = io();
    const code = await main(['sync', '--url', cht.urlFor(), '--state', '/dev/null/x'], { ...io2, env: { ...io2.env } });
    expect(code).to.equal(SYNC_EXIT.usage);
    expect(err).to.have.length(1);
    expect(err[0]).to.match(/^cht-rapidpro sync: cannot create the folder of the sync state \/dev\/null\/x: a part of the path is not a directory/);
  });

  it('accepts a credentials file saved with a UTF-8 byte-order mark', async () => {
    const file = path.join(dir, 'creds.json');
    fs.writeFileSync(file, '\uFEFF' + JSON.stringify({ host: rp.host, token: rp.token }));
    expect(await command.run(['--url', cht.urlFor(), '--rapidpro', file, '--state', path.join(dir, 's.json')], io({ env: {} }))).to.equal(SYNC_EXIT.done);
  });

  it('exits 1 when no workflow registers a sync source', async () => {
    const empty = createSyncCommand({ sources: () => [] });
    expect(await empty.run(['--url', cht.urlFor()], io())).to.equal(SYNC_EXIT.failed);
    expect(err[0]).to.contain('no workflow registers a sync source');
  });

  function writeCreds(): string {
    const file = path.join(dir, 'creds.json');
    fs.writeFileSync(file, JSON.stringify({ host: rp.host, token: rp.token }));
    return file;
  }
});
