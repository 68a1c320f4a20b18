// check:allow-secrets-in-file: fake CHT passwords and RapidPro tokens for local test servers.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { chtConnection } from '../../../src/cht/api';
import { CommandIO, UsageError } from '../../../src/cli/command';
import { createDeployCommand } from '../../../src/cli/commands/deploy';
import {
  CHT_CONF_ACTIONS, CONTENT_ACTIONS, CREDENTIAL_ENV, ChtAdmin, ChtConfInvocation, ChtConfRunner, DEFAULT_APP_FORMS_411, DeployError, DeployOptions,
  DeployStopped, INCOMING_KEY, OUTGOING_KEY, SETTINGS_ACTIONS, deploy,
} from '../../../src/deploy';
import { synthesize as realSynthesize } from '../../../src/project/synth';
import { RapidProClient } from '../../../src/rapidpro/client';

const synthesize_ = realSynthesize();
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';
import { APP_FORM_XML, EXPORTED_UUID, FLOWS, PERSON_XML, PUSH_KEY, RULES, SUMMARY, deployProject, synthesize } from './project';

interface Run {
  actions: string[];
  invocation: ChtConfInvocation;
  /** The copy's app_settings.json, when cht-conf ran. */
  settings: string | undefined;
  files: string[];
  credentialsAtStart: string[];
}

describe('deploy (against fake RapidPro and CHT, cht-conf replaced)', () => {
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let projectDir: string;
  let logs: string[];
  let runs: Run[];

  const listFiles = (dir: string, prefix = ''): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]);

  /**
   * Stands in for cht-conf: records what it was given and what the copy and CHT held, prints the
   * progress lines cht-conf prints, applies the settings upload as CHT would (replace=1), and can
   * fail in an action.
   */
  const runner = (failAt?: string): ChtConfRunner => async (invocation, hooks) => {
    const actions = invocation.args.filter((arg) => (CHT_CONF_ACTIONS as readonly string[]).includes(arg));
    const settingsFile = path.join(invocation.cwd, 'app_settings.json');
    runs.push({
      actions, invocation,
      settings: fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined,
      files: listFiles(invocation.cwd).sort(),
      credentialsAtStart: [...cht.credentials.keys()].sort(),
    });
    hooks.onSpawn?.(4242);
    for (const action of actions) {
      hooks.onLine(`INFO Starting action: ${action}…`);
      if (action === failAt) {
        hooks.onLine('ERROR Unable to fetch doc with id form:contact:person:create, returned status code = 500');
        return 1;
      }
      if (action === 'upload-app-settings') cht.config.settings = { ...cht.config.settings, ...(JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as object) };
      hooks.onLine(`INFO ${action} complete.`);
    }
    return 0;
  };
  const admin = (user = 'admin', options: { insecureTls?: boolean } = {}): ChtAdmin => new ChtAdmin(chtConnection(cht.urlFor(user), {}), options);
  const options = (overrides: Partial<DeployOptions> = {}): DeployOptions => ({
    projectDir,
    rapidpro: new RapidProClient({ credentials: { host: rp.host, token: rp.token } }),
    rapidproToken: rp.token,
    cht: admin(),
    flows: FLOWS,
    synthesize,
    runChtConf: runner(),
    env: { PATH: process.env.PATH },
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
  const writes = () => cht.config.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD');

  beforeEach(async () => {
    rp = await new FakeRapidPro().start();
    rp.pageSize = 2;
    for (const name of ['Unrelated A', 'ANC training', 'Unrelated B', 'Quarantine symptom check']) rp.addFlow(name);
    cht = await new FakeCht().start();
    cht.config.seedFresh411();
    projectDir = deployProject();
    logs = [];
    runs = [];
  });
  afterEach(async () => {
    await Promise.all([rp.stop(), cht.stop()]);
    fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it('uploads content, then stores the credentials, then uploads the settings — in that order, from a copy holding only what cht-conf uploads', async () => {
    const result = await deploy(options());
    expect(runs.map((run) => run.actions)).to.deep.equal([[...CONTENT_ACTIONS], [...SETTINGS_ACTIONS]]);
    // Credentials only after the content is in, before the settings that use them.
    expect(runs[0].credentialsAtStart).to.deep.equal([]);
    expect(runs[1].credentialsAtStart).to.deep.equal([INCOMING_KEY, PUSH_KEY, OUTGOING_KEY].sort());
    expect(cht.credentials.get(PUSH_KEY)).to.equal(`Token ${rp.token}`);
    expect(cht.credentials.get(OUTGOING_KEY)).to.equal(rp.token);
    expect(runs[0].files).to.deep.equal(['app_settings.json', 'forms/app/demo.xml', 'forms/contact/person-create.xml', 'package.json',
      'translations/messages-en.properties', 'translations/messages-fr.properties']);
    expect(runs[0].invocation.cwd).not.to.equal(projectDir);
    expect(fs.existsSync(runs[0].invocation.cwd)).to.equal(false);
    expect(fs.existsSync(path.join(projectDir, '.snapshots'))).to.equal(false);
    expect(result.commands).to.have.lengthOf(2);
    expect(logs[logs.length - 1]).to.equal('deploy complete');
  });

  it('uploads the committed compiled rules byte for byte, with the workspace pushes and the SMS gateway URL', async () => {
    await deploy(options());
    const committed = JSON.parse(fs.readFileSync(path.join(projectDir, 'app_settings.json'), 'utf8')) as Record<string, unknown>;
    const uploaded = JSON.parse(runs[1].settings as string) as Record<string, { [key: string]: unknown }>;
    expect(uploaded.tasks.rules).to.equal(RULES).and.to.equal((committed.tasks as { rules: string }).rules);
    expect(uploaded.contact_summary).to.equal(SUMMARY);
    expect(uploaded.tasks).to.deep.equal(committed.tasks);
    expect(uploaded.purge).to.deep.equal(committed.purge);
    const quarantine = rp.flows.find((flow) => flow.name === FLOWS[0].name)!;
    const push = uploaded.outbound.rapidpro_quarantine_start as { mapping: { flow: { expr: string } }; destination: { base_url: string } };
    expect(push.mapping.flow.expr).to.equal(`'${quarantine.uuid}'`);
    expect(push.destination.base_url).to.equal(rp.host.replace(/\/$/, ''));
    expect(uploaded.sms).to.deep.equal({ outgoing_service: 'rapidpro', rapidpro: { url: rp.host.replace(/\/$/, '') } });
    expect(cht.config.settings.sms).to.deep.equal(uploaded.sms);
    // The committed files are untouched.
    expect(fs.readFileSync(path.join(projectDir, 'settings.inherit.json'), 'utf8')).to.contain(EXPORTED_UUID);
  });

  it('gives cht-conf the CHT password through its environment only: never in its arguments or in the log', async () => {
    await deploy(options());
    for (const { invocation } of runs) {
      expect(invocation.args.join(' ')).not.to.contain('admin-pass');
      expect(invocation.args).to.include(`--url=${cht.origin}/`);
      expect(invocation.args).to.include('--force');
      expect(invocation.args).not.to.include('--accept-self-signed-certs');
      expect(invocation.env[CREDENTIAL_ENV.userVariable]).to.equal('admin');
      expect(invocation.env[CREDENTIAL_ENV.passwordVariable]).to.equal('admin-pass');
    }
    const text = logs.join('\n');
    expect(text).not.to.contain('admin-pass').and.not.to.contain(rp.token);
    expect(text).to.contain(`running: cht --url=${cht.origin}/ validate-app-forms`);
  });

  it('turns TLS checks off for cht-conf only with insecureTls, and never through an inherited NODE_TLS_REJECT_UNAUTHORIZED', async () => {
    await deploy(options({ env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } }));
    expect(runs[0].invocation.env.NODE_TLS_REJECT_UNAUTHORIZED).to.equal(undefined);
    runs = [];
    await deploy(options({ insecureTls: true, cht: admin('admin', { insecureTls: true }) }));
    expect(runs[0].invocation.args).to.include('--accept-self-signed-certs');
    expect(logs.join('\n')).to.contain('TLS certificate checks are OFF');
  });

  it('dry run: reads CHT (GET only), reports creations and overwrites, writes nothing, runs no cht-conf', async () => {
    const result = await deploy(options({ dryRun: true }));
    expect(writes()).to.deep.equal([]);
    expect(cht.credentials.size).to.equal(0);
    expect(runs).to.deep.equal([]);
    const text = logs.join('\n');
    expect(text).to.contain('forms (2): 1 new (form:demo); 1 overwrite CHT\'s differing copy (form:contact:person:create)');
    expect(text).to.contain('translations messages-en: replaces CHT\'s custom translations (2 added, 2 on CHT not in the project dropped)');
    expect(text).to.contain('translations messages-fr: adds 1 custom translations');
    expect(text).to.contain('settings CHT keeps (not in the project): create_user_for_contacts, death_reporting, gateway_number');
    expect(text).to.contain(`credential ${PUSH_KEY} (the outbound pushes' Authorization header: "Token <RapidPro API token>"): absent, would be stored`);
    expect(text).to.contain(`credential ${INCOMING_KEY} (the shared secret RapidPro sends with messages for CHT): absent, would be generated and stored`);
    expect(text).to.contain("CHT's default forms the project does not use stay: form:death_report");
    expect(text).to.match(/overwrites on CHT: form:contact:person:create \(CHT's XForm differs\), messages-en custom translations, setting contact_summary, setting contact_types, setting permissions, setting tasks$/m);
    expect(result.overwrote).to.include('form:contact:person:create (CHT\'s XForm differs)');
    expect(logs[logs.length - 1]).to.equal('dry run: nothing was changed on CHT');
  });

  it('warns, before changing anything, when a workspace flow differs from its export (a re-import strands contacts waiting in it)', async () => {
    const checkin = synthesize_.exports.flatMap((exported) => exported.content.flows).find((flow) => flow.name === 'Quarantine Daily Check-in');
    if (!checkin) throw new Error('no check-in flow');
    const edited = structuredClone(checkin);
    const ask = edited.nodes.flatMap((node) => node.actions).find((action) => action.type === 'send_msg');
    if (ask?.type === 'send_msg') ask.text = 'Edited in RapidPro';
    rp.addFlowDefinition(edited);
    await deploy(options({ dryRun: true, flows: [...FLOWS, { name: checkin.name, exportFile: 'rapidpro/contact-tracing.json' }] }));
    const warning = logs.find((line) => line.startsWith('warning: flow "Quarantine Daily Check-in" differs from the export'));
    expect(warning, logs.join('\n')).to.match(/contacts waiting at .* fail on their next reply/);
    expect(logs.indexOf(warning as string)).to.be.below(logs.findIndex((line) => line.startsWith('dry run — what deploy would change')));
    expect(writes()).to.deep.equal([]);
  });

  it('says so when the workspace runs exactly the exported flows', async () => {
    const checkin = synthesize_.exports.flatMap((exported) => exported.content.flows).find((flow) => flow.name === 'Quarantine Daily Check-in');
    if (!checkin) throw new Error('no check-in flow');
    rp.addFlowDefinition(checkin);
    await deploy(options({ dryRun: true, flows: [...FLOWS, { name: checkin.name, exportFile: 'rapidpro/contact-tracing.json' }] }));
    expect(logs).to.include('RapidPro workspace: its flows are the ones in rapidpro/*.json');
    expect(logs.filter((line) => line.startsWith('warning: flow'))).to.deep.equal([]);
  });

  it('dry run after a deploy: forms unchanged, existing credentials reported, the incoming secret kept', async () => {
    cht.config.putForm('form:demo', 'demo', APP_FORM_XML, { title: 'Demo' });
    cht.config.putForm('form:contact:person:create', 'contact:person:create', PERSON_XML, { title: 'New person', context: { person: false, place: false } });
    await deploy(options());
    logs = [];
    await deploy(options({ dryRun: true }));
    const text = logs.join('\n');
    expect(text).to.contain('forms (2): 2 unchanged');
    expect(text).to.contain(`credential ${PUSH_KEY} (the outbound pushes' Authorization header: "Token <RapidPro API token>"): exists, would be overwritten`);
    expect(text).to.contain(`credential ${INCOMING_KEY} (the shared secret RapidPro sends with messages for CHT): exists, kept as it is`);
  });

  it('names the export to import when a flow is missing, and changes nothing', async () => {
    rp.flows = rp.flows.filter((f) => f.name !== 'ANC training');
    rp.addFlow('ANC Training (copy)');
    const error = await deployError(deploy(options()));
    expect(error.message).to.contain('flow "ANC training" is not in the workspace: import rapidpro/remote-training.json');
    expect(error.message).to.contain('close names in the workspace: "ANC Training (copy)"');
    expect(error.message).to.contain('nothing was changed on CHT');
    expect(writes()).to.deep.equal([]);
    expect(runs).to.have.length(0);
  });

  it('checks CHT first: an unreachable CHT or a user who is not an administrator stops it before anything is written', async () => {
    const refused = await deployError(deploy(options({ cht: admin('gateway') })));
    expect(refused.message).to.match(/^CHT user "gateway" is not a CHT administrator \(roles: gateway\).*; nothing was changed on CHT$/);
    cht.down = true;
    const down = await deployError(deploy(options()));
    expect(down.message).to.match(/^CHT GET \/_session: CHT at http:\/\/127\.0\.0\.1:\d+ is unreachable \(ECONNRESET\); nothing was changed on CHT$/);
    expect(cht.credentials.size).to.equal(0);
    expect(runs).to.have.length(0);
  });

  it('refuses a stale app_settings.json before changing anything', async () => {
    const base = JSON.parse(fs.readFileSync(path.join(projectDir, 'app_settings/base_settings.json'), 'utf8')) as Record<string, unknown>;
    base.locale = 'fr';
    fs.writeFileSync(path.join(projectDir, 'app_settings/base_settings.json'), JSON.stringify(base));
    const error = await deployError(deploy(options()));
    expect(error.message).to.equal('app_settings.json is stale: locale differs from app_settings/ and settings.inherit.json — run npm run build and commit app_settings.json; nothing was changed on CHT');
    expect(writes()).to.deep.equal([]);
  });

  it('a cht-conf failure during the content upload: no credential stored, settings untouched, the message says so', async () => {
    const error = await deployError(deploy(options({ runChtConf: runner('upload-contact-forms') })));
    expect(error.message).to.equal('cht-conf failed during upload-contact-forms (exit code 1): Unable to fetch doc with id form:contact:person:create, returned status code = 500; ' +
      'uploaded: app forms, contact forms partly; the settings were not uploaded, so CHT still runs its previous settings: the new pushes and the RapidPro SMS gateway are not active yet — rerun deploy to finish (repeating it is safe)');
    expect(cht.credentials.size).to.equal(0);
    expect(runs).to.have.length(1);
    expect(fs.existsSync(runs[0].invocation.cwd)).to.equal(false);
  });

  it('a cht-conf failure during the settings upload: says the settings may not have reached CHT, credentials are stored', async () => {
    const error = await deployError(deploy(options({ runChtConf: runner('upload-app-settings') })));
    expect(error.message).to.match(/^cht-conf failed during upload-app-settings \(exit code 1\).*; uploaded: app forms, contact forms, translations, resources, database indexes; credentials stored: rapidpro:api, rapidpro:outgoing, rapidpro:incoming; the settings upload did not complete: unless it reached CHT before failing, CHT still runs its previous settings/);
  });

  it('a generated incoming secret is written to --incoming-secret-file before anything changes on CHT, and reused by the next run', async () => {
    const file = path.join(projectDir, 'incoming.secret');
    const error = await deployError(deploy(options({ incomingSecretFile: file, runChtConf: runner('upload-app-forms') })));
    expect(error.message).to.contain('uploaded: nothing, app forms partly');
    const saved = fs.readFileSync(file, 'utf8').trim();
    expect(saved).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(cht.credentials.size).to.equal(0);
    // The command reads an existing file as the secret to store.
    await deploy(options({ incomingSecret: { secret: saved, from: file }, incomingSecretFile: file }));
    expect(cht.credentials.get(INCOMING_KEY)).to.equal(saved);
    // A file that cannot be written stops the deploy before any write.
    cht.credentials.clear();
    const before = writes().length;
    const unwritable = await deployError(deploy(options({ incomingSecretFile: path.join(projectDir, 'missing-dir', 'secret') })));
    expect(unwritable.message).to.match(/^--incoming-secret-file .* cannot be written \(ENOENT\); nothing was changed on CHT$/);
    expect(writes().length).to.equal(before);
  });

  it('a failure storing a credential: content uploaded, settings not, the message says which credentials are stored', async () => {
    let calls = 0;
    const original = cht.credentials.set.bind(cht.credentials);
    cht.credentials.set = (key: string, value: string) => {
      if (++calls === 2) throw new Error('vault down');
      return original(key, value);
    };
    const error = await deployError(deploy(options()));
    expect(error.message).to.match(/^CHT PUT \/api\/v1\/credentials\/rapidpro%3Aoutgoing failed with 500.*; uploaded: app forms, contact forms, translations, resources, database indexes; credentials stored: rapidpro:api; the settings were not uploaded/);
    expect(runs).to.have.length(1);
  });

  it('rapidpro:incoming: a given secret is stored, an existing one kept, a missing one generated and never printed unless asked', async () => {
    await deploy(options({ incomingSecret: { secret: 'given-incoming-secret-0123456789', from: 'RAPIDPRO_INCOMING_SECRET' } }));
    expect(cht.credentials.get(INCOMING_KEY)).to.equal('given-incoming-secret-0123456789');
    expect(logs.join('\n')).not.to.contain('given-incoming-secret-0123456789');
    expect(logs.join('\n')).to.contain('set the global "CHT Incoming Token" (key cht_incoming_token)');

    const puts = () => cht.config.requests.length;
    logs = [];
    await deploy(options());
    expect(cht.credentials.get(INCOMING_KEY)).to.equal('given-incoming-secret-0123456789');
    expect(logs.join('\n')).to.contain(`kept credential ${INCOMING_KEY}`);
    expect(puts()).to.be.above(0);

    cht.credentials.delete(INCOMING_KEY);
    logs = [];
    await deploy(options());
    const generated = cht.credentials.get(INCOMING_KEY)!;
    expect(generated).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(logs.join('\n')).not.to.contain(generated);
    expect(logs.join('\n')).to.contain('generated a new rapidpro:incoming secret and stored it in CHT (not shown');

    cht.credentials.delete(INCOMING_KEY);
    logs = [];
    await deploy(options({ showIncomingSecret: true }));
    expect(logs.join('\n')).to.contain(`generated a new rapidpro:incoming secret: ${cht.credentials.get(INCOMING_KEY)}`);

    cht.credentials.delete(INCOMING_KEY);
    const file = path.join(projectDir, 'incoming.secret');
    await deploy(options({ incomingSecretFile: file }));
    expect(fs.readFileSync(file, 'utf8').trim()).to.equal(cht.credentials.get(INCOMING_KEY));
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('leaves the gateway credentials alone when CHT\'s SMS do not go through RapidPro', async () => {
    for (const file of ['app_settings/base_settings.json', 'app_settings.json']) {
      const settings = JSON.parse(fs.readFileSync(path.join(projectDir, file), 'utf8')) as Record<string, unknown>;
      settings.sms = { outgoing_service: 'medic-gateway' };
      fs.writeFileSync(path.join(projectDir, file), JSON.stringify(settings));
    }
    await deploy(options());
    expect([...cht.credentials.keys()]).to.deep.equal([PUSH_KEY]);
    expect((JSON.parse(runs[1].settings as string) as { sms: unknown }).sms).to.deep.equal({ outgoing_service: 'medic-gateway' });
  });

  it('--remove-default-forms: after the settings, removes the settings naming unused default forms, then the forms', async () => {
    const result = await deploy(options({ removeDefaultForms: true }));
    expect(cht.config.formIds().filter((id) => DEFAULT_APP_FORMS_411.includes(id.slice('form:'.length) as typeof DEFAULT_APP_FORMS_411[number]))).to.deep.equal([]);
    expect(cht.config.settings).not.to.have.any.keys('death_reporting', 'create_user_for_contacts');
    expect(cht.config.settings.gateway_number).to.equal('+13125551212');
    expect(cht.config.formIds()).to.include('form:contact:person:create');
    expect(result.removed).to.include.members(['setting death_reporting', 'setting create_user_for_contacts', 'form:pregnancy', 'form:delivery']);
    const order = writes().map((request) => `${request.method} ${request.path.split('?')[0]}`);
    expect(order.indexOf('PUT /api/v1/settings')).to.be.below(order.indexOf('DELETE /medic/form%3Adeath_report'));
  });

  it('--remove-default-forms keeps a default form the project names in its settings', async () => {
    const committed = JSON.parse(fs.readFileSync(path.join(projectDir, 'app_settings.json'), 'utf8')) as { tasks: { rules: string } };
    committed.tasks.rules = `${RULES}var form='delivery';`;
    fs.writeFileSync(path.join(projectDir, 'app_settings.json'), JSON.stringify(committed));
    await deploy(options({ removeDefaultForms: true }));
    expect(cht.config.formIds()).to.include('form:delivery').and.not.to.include('form:pregnancy');
  });

  it('a failure while removing default forms says the project is deployed', async () => {
    cht.config.failOn = (method, requestPath) => (method === 'DELETE' && requestPath.includes('pregnancy') ? 500 : undefined);
    const error = await deployError(deploy(options({ removeDefaultForms: true })));
    expect(error.message).to.match(/failed with 500.*; the project is deployed \(forms, translations, credentials and settings\); settings naming CHT's default forms removed: create_user_for_contacts, death_reporting; default forms deleted: form:death_report, form:delivery, form:pnc_danger_sign_follow_up_baby, form:pnc_danger_sign_follow_up_mother; the others are still on CHT/);
  });

  it('stopped (SIGINT) while cht-conf runs: says what state CHT is in and removes the copy', async () => {
    const controller = new AbortController();
    const hanging: ChtConfRunner = (invocation, hooks) => new Promise((resolve) => {
      runs.push({ actions: [], invocation, settings: undefined, files: [], credentialsAtStart: [] });
      hooks.onLine('INFO Starting action: upload-app-forms…');
      hooks.signal?.addEventListener('abort', () => resolve(1));
      setTimeout(() => controller.abort('SIGINT'), 20);
    });
    let stopped: unknown;
    try {
      await deploy(options({ runChtConf: hanging, signal: controller.signal }));
    } catch (error) {
      stopped = error;
    }
    expect(stopped).to.be.instanceOf(DeployStopped);
    expect((stopped as DeployStopped).signal).to.equal('SIGINT');
    expect((stopped as Error).message).to.equal('stopped by SIGINT: uploaded: nothing, app forms partly; the settings were not uploaded, so CHT still runs its previous settings: ' +
      'the new pushes and the RapidPro SMS gateway are not active yet — rerun deploy to finish (repeating it is safe)');
    expect(fs.existsSync(runs[0].invocation.cwd)).to.equal(false);
    expect(cht.credentials.size).to.equal(0);
  });

  it('refuses a synthesis that ignored the resolved UUIDs or the workspace URL', async () => {
    const stale = await deployError(deploy(options({ synthesize: (o) => synthesize({ ...o, flowUuids: {} }) })));
    expect(stale.message).to.contain(`outbound push rapidpro_quarantine_start starts flow "${FLOWS[0].name}" (${EXPORTED_UUID})`);
    const elsewhere = await deployError(deploy(options({ synthesize: (o) => synthesize({ ...o, rapidproUrl: undefined }) })));
    expect(elsewhere.message).to.contain('(https://rapidpro.example.org) do not send to the RapidPro workspace');
    expect(writes()).to.deep.equal([]);
  });

  it('uses only actions and options cht-conf 6.6 supports', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const supported = require('cht-conf/src/cli/supported-actions') as string[];
    expect(supported).to.include.members([...CHT_CONF_ACTIONS]);
    const usage = fs.readFileSync(require.resolve('cht-conf/src/cli/usage'), 'utf8');
    for (const flag of ['--url=', '--force', '--skip-version-check', '--accept-self-signed-certs']) expect(usage).to.contain(flag);
  });

  describe('command', () => {
    let out: string[];
    let err: string[];
    const io = (env: NodeJS.ProcessEnv, onSignal?: CommandIO['onSignal']): CommandIO => ({ out: (l) => out.push(l), err: (l) => err.push(l), projectDir, env, isTTY: false, onSignal });
    const command = (run = runner()) => createDeployCommand({ flows: () => FLOWS, synthesize, runChtConf: run });
    const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, CHT_USERNAME: 'admin', CHT_PASSWORD: 'admin-pass', ...extra });
    beforeEach(() => { out = []; err = []; });

    it('deploys with credentials from the environment and a bare URL, exit 0, no warning', async () => {
      expect(await command().run(['--url', cht.origin], io(env()))).to.equal(0);
      expect(err).to.deep.equal([]);
      expect(out).to.include('deploy complete');
    });

    it('warns when the password is on its own command line', async () => {
      expect(await command().run(['--url', cht.urlFor(), '--dry-run'], io({ RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token }))).to.equal(0);
      expect(err[0]).to.contain('the password in --url is on cht-rapidpro\'s command line').and.not.to.contain('admin-pass');
    });

    it('exits 1 with one clear line for a missing flow or a non-admin CHT user', async () => {
      rp.flows = [];
      expect(await command().run(['--url', cht.origin], io(env()))).to.equal(1);
      expect(err[0]).to.match(/^deploy failed: RapidPro workspace .* is missing flows, nothing was changed on CHT/);
      rp.addFlow(FLOWS[0].name);
      rp.addFlow(FLOWS[1].name);
      expect(await command().run(['--url', cht.origin], io(env({ CHT_USERNAME: 'gateway', CHT_PASSWORD: 'gw-pass' })))).to.equal(1);
      expect(err[1]).to.contain('is not a CHT administrator').and.not.to.contain('gw-pass');
      expect(runs).to.have.length(0);
    });

    it('a signal aborts the deploy: exit 130 for SIGINT with the state of CHT, and the handler is removed', async () => {
      let handler: ((signal: NodeJS.Signals) => void) | undefined;
      let removed = false;
      const onSignal: CommandIO['onSignal'] = (h) => { handler = h; return () => { removed = true; }; };
      const hanging: ChtConfRunner = (_invocation, hooks) => new Promise((resolve) => {
        hooks.signal?.addEventListener('abort', () => resolve(1));
        setTimeout(() => handler?.('SIGINT'), 10);
      });
      expect(await command(hanging).run(['--url', cht.origin], io(env(), onSignal))).to.equal(130);
      expect(err[0]).to.equal('deploy: SIGINT received — stopping cht-conf and removing the temporary copy…');
      expect(err[1]).to.match(/^deploy stopped by SIGINT: nothing was changed on CHT$/);
      expect(removed).to.equal(true);
    });

    it('takes the incoming secret from RAPIDPRO_INCOMING_SECRET or an existing --incoming-secret-file, never from a flag value', async () => {
      const file = path.join(projectDir, 'incoming.txt');
      fs.writeFileSync(file, '\uFEFFfile-incoming-secret-0123456789\n');
      expect(await command().run(['--url', cht.origin, '--incoming-secret-file', file], io(env()))).to.equal(0);
      expect(cht.credentials.get(INCOMING_KEY)).to.equal('file-incoming-secret-0123456789');
      expect(await command().run(['--url', cht.origin], io(env({ RAPIDPRO_INCOMING_SECRET: 'env-incoming-secret-0123456789' })))).to.equal(0);
      expect(cht.credentials.get(INCOMING_KEY)).to.equal('env-incoming-secret-0123456789');
      expect(out.join('\n')).not.to.contain('incoming-secret-0123456789');
    });

    it('rejects missing options, unusable secrets and unknown flags as usage errors', async () => {
      const message = async (args: string[], environment: NodeJS.ProcessEnv): Promise<string> => {
        try {
          await command().run(args, io(environment));
        } catch (error) {
          expect(error).to.be.instanceOf(UsageError);
          return (error as Error).message;
        }
        throw new Error('expected a UsageError');
      };
      expect(await message([], {})).to.contain('--url is required');
      expect(await message(['--url', cht.origin], { RAPIDPRO_HOST: rp.host })).to.contain('set RAPIDPRO_TOKEN');
      expect(await message(['--url', cht.origin, '--force'], {})).to.contain('unknown option --force');
      expect(await message(['--url', cht.origin, '--incoming-secret', 'x'], env())).to.contain('unknown option --incoming-secret');
      expect(await message(['--url', cht.origin], env({ RAPIDPRO_INCOMING_SECRET: 'short' }))).to.equal('the incoming secret from RAPIDPRO_INCOMING_SECRET is shorter than 16 characters: use a long random value (e.g. openssl rand -base64 32)');
      expect(await message(['--url', cht.origin, 'extra'], env())).to.match(/^unexpected argument "extra"/);
    });
  });
});
