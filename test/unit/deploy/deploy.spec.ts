import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChtClient, chtConnection, chtUrlWithCredentials } from '../../../src/cht/api';
import { CommandIO, UsageError } from '../../../src/cli/command';
import { createDeployCommand } from '../../../src/cli/commands/deploy';
import { CHT_CONF_ACTIONS, ChtConfInvocation, DeployError, DeployOptions, DeployedFlow, deploy } from '../../../src/deploy';
import { SynthOptions as GenerateOptions } from '../../../src/project/synth';
import { RapidProClient } from '../../../src/rapidpro/client';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';

const EXPORTED_UUID = '11111111-1111-4111-8111-111111111111';
const FLOWS: DeployedFlow[] = [
  { name: 'Quarantine symptom check', exportFile: 'rapidpro/contact-tracing.json' },
  { name: 'ANC training', exportFile: 'rapidpro/remote-training.json' },
];
const COMMITTED_SETTINGS = '{"committed": true}\n';

/** Stands in for the workflows' generator: one flow-start push per flow, as the lead's contract describes. */
function generate(options: GenerateOptions): Map<string, string> {
  const push = (flow: string) => ({
    relevant_to: "doc.type === 'data_record'",
    destination: {
      base_url: options.rapidproUrl ?? 'https://rapidpro.example.org',
      path: '/api/v2/flow_starts.json',
      auth: { type: 'header', name: 'Authorization', value_key: 'rapidpro_token' },
    },
    mapping: { flow: { expr: `'${options.flowUuids?.[flow] ?? EXPORTED_UUID}'` }, urns: { expr: "['tel:' + doc.fields.phone]" } },
  });
  const settings = { inherit: '.', replace: { 'outbound.rapidpro_quarantine_start': push(FLOWS[0].name), 'outbound.rapidpro_training_start': push(FLOWS[1].name) } };
  return new Map([['settings.inherit.json', JSON.stringify(settings, null, 2)], ['app_settings/forms.json', '{}\n']]);
}

describe('deploy (against fake RapidPro and CHT)', () => {
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let projectDir: string;
  let logs: string[];
  let invocations: { invocation: ChtConfInvocation; settings: string; hasModules: boolean }[];

  /** Records each cht-conf run and what the temporary project held at that moment. */
  const runner = (exitCode = 0) => async (invocation: ChtConfInvocation): Promise<number> => {
    invocations.push({
      invocation,
      settings: fs.readFileSync(path.join(invocation.cwd, 'settings.inherit.json'), 'utf8'),
      hasModules: fs.lstatSync(path.join(invocation.cwd, 'node_modules')).isSymbolicLink(),
    });
    fs.mkdirSync(path.join(invocation.cwd, '.snapshots'), { recursive: true });
    fs.writeFileSync(path.join(invocation.cwd, '.snapshots', 'remote.json'), '{"uploaded": true}');
    return exitCode;
  };
  const options = (overrides: Partial<DeployOptions> = {}): DeployOptions => ({
    projectDir,
    rapidpro: new RapidProClient({ credentials: { host: rp.host, token: rp.token } }),
    rapidproToken: rp.token,
    cht: new ChtClient(chtConnection(cht.urlFor(), {})),
    chtUrl: chtUrlWithCredentials(chtConnection(cht.urlFor(), {})),
    flows: FLOWS,
    generate,
    runChtConf: runner(),
    log: (line) => logs.push(line),
    ...overrides,
  });
  const deployError = async (promise: Promise<unknown>): Promise<DeployError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(DeployError);
      return error as DeployError;
    }
    throw new Error('expected a DeployError');
  };

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    rp.pageSize = 2;
    for (const name of ['Unrelated A', 'ANC training', 'Unrelated B', 'Quarantine symptom check']) rp.addFlow(name);
    cht = await new FakeCht().start();
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-project-'));
    fs.mkdirSync(path.join(projectDir, 'app_settings'));
    fs.mkdirSync(path.join(projectDir, 'node_modules'));
    fs.writeFileSync(path.join(projectDir, 'package.json'), '{"dependencies": {"cht-conf": "^6.6.1"}}');
    fs.writeFileSync(path.join(projectDir, 'app_settings', 'base_settings.json'), '{}');
    fs.writeFileSync(path.join(projectDir, 'settings.inherit.json'), COMMITTED_SETTINGS);
    logs = [];
    invocations = [];
  });
  afterEach(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it('resolves the flows, stores the token credential, and runs cht-conf on a temporary copy with the resolved UUIDs', async () => {
    const result = await deploy(options());
    const quarantine = rp.flows.find((f) => f.name === FLOWS[0].name)!;
    expect(result.flows.map((f) => f.uuid)).to.deep.equal([quarantine.uuid, rp.flows[1].uuid]);
    expect(result.exitCode).to.equal(0);
    expect(cht.credentials.get('rapidpro_token')).to.equal(`Token ${rp.token}`);
    expect(result.credentialKeys).to.deep.equal(['rapidpro_token']);

    expect(invocations).to.have.length(1);
    const { invocation, settings, hasModules } = invocations[0];
    expect(invocation.cwd).not.to.equal(projectDir);
    expect(hasModules).to.equal(true);
    const push = JSON.parse(settings).replace['outbound.rapidpro_quarantine_start'];
    expect(push.mapping.flow.expr).to.equal(`'${quarantine.uuid}'`);
    expect(push.destination.base_url).to.equal(rp.host.replace(/\/$/, ''));
    expect(invocation.args).to.deep.equal([`--url=${cht.urlFor()}`, ...CHT_CONF_ACTIONS, '--skip-version-check', '--accept-self-signed-certs']);
    expect(invocation.bin).to.equal(path.join(projectDir, 'node_modules', '.bin', 'cht'));

    // The committed files are untouched, the copy is gone, cht-conf's snapshots are kept.
    expect(fs.readFileSync(path.join(projectDir, 'settings.inherit.json'), 'utf8')).to.equal(COMMITTED_SETTINGS);
    expect(fs.existsSync(invocation.cwd)).to.equal(false);
    expect(fs.readFileSync(path.join(projectDir, '.snapshots', 'remote.json'), 'utf8')).to.contain('uploaded');
    expect(logs.join('\n')).not.to.contain(rp.token).and.not.to.contain('admin-pass');
  });

  it('names the export to import when a flow is missing, lists close names, and changes nothing', async () => {
    rp.flows = rp.flows.filter((f) => f.name !== 'ANC training');
    rp.addFlow('ANC Training (copy)');
    const error = await deployError(deploy(options()));
    expect(error.message).to.contain('flow "ANC training" is not in the workspace: import rapidpro/remote-training.json');
    expect(error.message).to.contain('close names in the workspace: "ANC Training (copy)"');
    expect(cht.credentials.size).to.equal(0);
    expect(invocations).to.have.length(0);
  });

  it('dry run: reports flows, credential keys and the command, and changes nothing', async () => {
    const result = await deploy(options({ dryRun: true }));
    expect(result.credentialKeys).to.deep.equal(['rapidpro_token']);
    expect(cht.credentials.size).to.equal(0);
    expect(invocations).to.have.length(0);
    const text = logs.join('\n');
    expect(text).to.contain('Quarantine symptom check →').and.to.contain('would set CHT credential(s): rapidpro_token');
    expect(text).to.contain('would run: node_modules/.bin/cht --url=http://admin:[redacted]@127.0.0.1');
    expect(text).not.to.contain('admin-pass').and.not.to.contain(rp.token);
    expect(fs.readdirSync(projectDir).sort()).to.deep.equal(['app_settings', 'node_modules', 'package.json', 'settings.inherit.json']);
  });

  it('refuses a generator that ignored the resolved UUIDs or the workspace URL', async () => {
    const stale = await deployError(deploy(options({ generate: (o) => generate({ ...o, flowUuids: {} }) })));
    expect(stale.message).to.contain(`outbound push rapidpro_quarantine_start starts flow ${EXPORTED_UUID}`);
    const elsewhere = await deployError(deploy(options({ generate: (o) => generate({ ...o, rapidproUrl: undefined }) })));
    expect(elsewhere.message).to.contain('(https://rapidpro.example.org) do not send to the RapidPro workspace');
    expect(cht.credentials.size).to.equal(0);
  });

  it('returns cht-conf\'s failure and keeps no snapshot of a failed upload', async () => {
    const result = await deploy(options({ runChtConf: runner(3) }));
    expect(result.exitCode).to.equal(3);
    expect(fs.existsSync(path.join(projectDir, '.snapshots'))).to.equal(false);
    expect(logs[logs.length - 1]).to.contain('cht-conf failed with exit code 3');
  });

  it('uses only actions and options cht-conf 6 supports', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const supported = require('cht-conf/src/cli/supported-actions') as string[];
    expect(supported).to.include.members([...CHT_CONF_ACTIONS]);
    const usage = fs.readFileSync(require.resolve('cht-conf/src/cli/usage'), 'utf8');
    for (const flag of ['--url=', '--skip-version-check', '--accept-self-signed-certs']) expect(usage).to.contain(flag);
  });

  describe('command', () => {
    let out: string[];
    let err: string[];
    const io = (env: NodeJS.ProcessEnv): CommandIO => ({ out: (l) => out.push(l), err: (l) => err.push(l), projectDir, env, isTTY: false });
    const command = () => createDeployCommand({ flows: () => FLOWS, generate, runChtConf: runner() });
    beforeEach(() => { out = []; err = []; });

    it('deploys with --dry-run from environment credentials and exits 0', async () => {
      const code = await command().run(['--url', cht.urlFor(), '--dry-run'], io({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token }));
      expect(code).to.equal(0);
      expect(out.join('\n')).to.contain('dry run: nothing was changed');
      expect(cht.credentials.size).to.equal(0);
    });

    it('deploys for real and exits 0', async () => {
      const code = await command().run(['--url', cht.origin], io({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, CHT_USERNAME: 'admin', CHT_PASSWORD: 'admin-pass' }));
      expect(code).to.equal(0);
      expect(invocations[0].invocation.args[0]).to.equal(`--url=${cht.urlFor()}`);
    });

    it('exits 1 with one clear line for a missing flow or a non-admin CHT user', async () => {
      rp.flows = [];
      expect(await command().run(['--url', cht.urlFor()], io({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token }))).to.equal(1);
      expect(err[0]).to.match(/^deploy failed: RapidPro workspace .* is missing flows/);
      rp.addFlow(FLOWS[0].name);
      rp.addFlow(FLOWS[1].name);
      expect(await command().run(['--url', cht.urlFor('gateway')], io({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token }))).to.equal(1);
      expect(err[1]).to.contain('Insufficient permissions').and.not.to.contain('gw-pass');
      expect(invocations).to.have.length(0);
    });

    it('rejects missing options and credentials as usage errors', async () => {
      const message = async (args: string[], env: NodeJS.ProcessEnv): Promise<string> => {
        try {
          await command().run(args, io(env));
        } catch (error) {
          expect(error).to.be.instanceOf(UsageError);
          return (error as Error).message;
        }
        throw new Error('expected a UsageError');
      };
      expect(await message([], {})).to.contain('--url is required');
      expect(await message(['--url', cht.urlFor()], { RAPIDPRO_HOST: rp.host })).to.contain('set RAPIDPRO_TOKEN');
      expect(await message(['--url', cht.urlFor(), '--force'], {})).to.contain('unknown option --force');
    });
  });
});
