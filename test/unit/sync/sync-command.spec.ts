import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandIO, UsageError } from '../../../src/cli/command';
import { commands } from '../../../src/cli/commands';
import { createSyncCommand } from '../../../src/cli/commands/sync';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { FORMS, SYMPTOMS_FLOW, makeRun, symptomsSource } from '../../support/servers/fixtures';

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
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
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

  it('syncs, prints the summary, keeps state outside the project by default, exits 0', async () => {
    const code = await command.run(['--url', cht.urlFor()], io());
    expect(code).to.equal(0);
    expect(out[out.length - 1]).to.equal('fetched 5 runs, created 5 records, skipped 0 already in CHT, 0 failed');
    expect(out[0]).to.contain(path.join(dir, '.local', 'state', 'cht-rapidpro', 'sync-'));
    expect(out.join('\n')).not.to.contain('admin-pass');
    expect(progress).to.deep.equal([]);
  });

  it('exits 1 when anything failed, and draws progress only on a terminal', async () => {
    rp.addRun(makeRun(rp.flows[0], { at: 9, phone: '12345' }));
    const state = path.join(dir, 'state.json');
    const code = await command.run(['--url', cht.urlFor(), '--state', state, '--rapidpro', writeCreds()], io({ isTTY: true, env: {} }));
    expect(code).to.equal(1);
    expect(err.join('\n')).to.contain('not an E.164 phone');
    expect(out[out.length - 1]).to.match(/created 5 records, .* 1 failed$/);
    expect(progress[0]).to.match(/^\r/);
    expect(progress[progress.length - 1]).to.equal('\n');
    expect(fs.existsSync(state)).to.equal(true);
  });

  it('exits 1 and says how to continue when CHT goes down', async () => {
    cht.downAfterRecords = 1;
    const code = await command.run(['--url', cht.urlFor(), '--state', path.join(dir, 's.json')], io());
    expect(code).to.equal(1);
    expect(err.join('\n')).to.contain('sync stopped').and.to.contain('rerun to continue').and.not.to.contain('admin-pass');
  });

  it('rejects bad usage with clear messages', async () => {
    expect(await usageError(command.run([], io()))).to.contain('--url is required');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--since', 'yesterday'], io()))).to.contain('not an ISO date');
    expect(await usageError(command.run(['--url', cht.urlFor()], io({ env: {} })))).to.contain('RAPIDPRO_HOST and RAPIDPRO_TOKEN');
    expect(await usageError(command.run(['--url', cht.origin], io()))).to.contain('CHT_USERNAME and CHT_PASSWORD');
    const corrupt = path.join(dir, 'corrupt.json');
    fs.writeFileSync(corrupt, 'nope');
    expect(await usageError(command.run(['--url', cht.urlFor(), '--state', corrupt], io()))).to.contain('delete it to start over');
  });

  it('exits 1 when no workflow registers a sync source', async () => {
    const empty = createSyncCommand({ sources: () => [] });
    expect(await empty.run(['--url', cht.urlFor()], io())).to.equal(1);
    expect(err[0]).to.contain('no workflow registers a sync source');
  });

  function writeCreds(): string {
    const file = path.join(dir, 'creds.json');
    fs.writeFileSync(file, JSON.stringify({ host: rp.host, token: rp.token }));
    return file;
  }
});
