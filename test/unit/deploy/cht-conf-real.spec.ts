// check:allow-secrets-in-file: fake CHT passwords for the local test server.
/**
 * The real project deployed with the real cht-conf 6.6 to a fake CHT 4.11 that looks fresh (its
 * default forms, settings and translation docs), over HTTP on 127.0.0.1, with no terminal.
 */
import { expect } from 'chai';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chtConnection } from '../../../src/cht/api';
import {
  ChtAdmin, ChtConfRunner, CONTENT_ACTIONS, DEFAULT_APP_FORMS_411, INCOMING_KEY, OUTGOING_KEY, chtConfInvocation, deploy, spawnChtConf,
} from '../../../src/deploy';
import { copyProject, removeCopy } from '../../../src/deploy/project-copy';
import { RapidProClient } from '../../../src/rapidpro/client';
import { deployedFlows } from '../../../src/workflows/sync-sources';
import { FakeCht } from '../../support/servers/fake-cht';
import { FakeRapidPro } from '../../support/servers/fake-rapidpro';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface ProcessView {
  pid: number;
  argv: string[];
  environ: string[];
  environMode: number;
  pgrp: number;
  session: number;
  stdin: string;
}

/** What another user's `ps` shows of a process (its argv), and what only its owner can read. */
function inspect(pid: number): ProcessView {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    argv: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean),
    environ: fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0'),
    environMode: fs.statSync(`/proc/${pid}/environ`).mode & 0o777,
    pgrp: Number(fields[2]),
    session: Number(fields[3]),
    stdin: fs.readlinkSync(`/proc/${pid}/fd/0`),
  };
}

describe('deploy with the real cht-conf 6.6 to a fresh CHT 4.11 (fake, over HTTP)', function () {
  this.timeout(60_000);
  let rp: FakeRapidPro;
  let cht: FakeCht;
  let logs: string[];

  before(async () => {
    rp = await new FakeRapidPro().start();
    for (const flow of deployedFlows()) rp.addFlow(flow.name);
    cht = await new FakeCht().start();
    cht.config.seedFresh411();
  });
  after(() => Promise.all([rp.stop(), cht.stop()]));
  beforeEach(() => { logs = []; });

  const run = (overrides: { runChtConf?: ChtConfRunner; dryRun?: boolean } = {}) => deploy({
    projectDir: ROOT,
    rapidpro: new RapidProClient({ credentials: { host: rp.host, token: rp.token } }),
    rapidproToken: rp.token,
    cht: new ChtAdmin(chtConnection(cht.origin, { CHT_USERNAME: 'admin', CHT_PASSWORD: 'admin-pass' })),
    flows: deployedFlows(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    log: (line) => logs.push(line),
    ...overrides,
  });

  it('completes with no terminal, says what it overwrote, and CHT holds the project', async () => {
    let view: ProcessView | undefined;
    let pid = 0;
    // Look at the cht-conf process while it talks to CHT (its first form validation).
    cht.config.holdOn = (method, requestPath) => {
      if (view || method !== 'POST' || requestPath !== '/api/v1/forms/validate') return undefined;
      view = inspect(pid);
      return Promise.resolve();
    };
    const recordPid: ChtConfRunner = (invocation, hooks) => spawnChtConf(invocation, { ...hooks, onSpawn: (spawned) => { pid = spawned; hooks.onSpawn?.(spawned); } });
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('cht-rapidpro-deploy-'));
    const result = await run({ runChtConf: recordPid });
    cht.config.holdOn = undefined;

    // The password is not on cht-conf's command line; it is in its environment, which only its owner reads.
    expect(view, 'cht-conf was not seen running').not.to.equal(undefined);
    const seen = view as ProcessView;
    expect(seen.argv.join(' ')).not.to.contain('admin-pass');
    expect(seen.argv).to.include(`--url=${cht.origin}/`).and.to.include('--force');
    expect(seen.environ).to.include('CHT_RAPIDPRO_CONF_PASSWORD=admin-pass');
    expect(seen.environMode).to.equal(0o400);
    // Its own session and process group (so a signal can stop all of it), and no terminal to wait on.
    expect([seen.pgrp, seen.session]).to.deep.equal([seen.pid, seen.pid]);
    expect(seen.stdin).to.equal('/dev/null');

    // Every form, the project's contact forms over CHT's defaults, the translations, the settings.
    const committed = JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as Record<string, unknown>;
    for (const kind of ['app', 'contact']) {
      for (const file of fs.readdirSync(path.join(ROOT, 'forms', kind)).filter((name) => name.endsWith('.xml'))) {
        const id = `form:${kind === 'contact' ? 'contact:' : ''}${file.slice(0, -4).replace(/-/g, ':')}`;
        expect(cht.config.attachment(id, 'xml'), id).to.equal(fs.readFileSync(path.join(ROOT, 'forms', kind, file), 'utf8'));
      }
    }
    expect(Object.keys(cht.config.doc('messages-fr')?.custom as object).length).to.be.above(50);
    // The rules CHT receives are the committed ones, byte for byte.
    expect(cht.config.settingsUploads).to.have.lengthOf(1);
    const uploaded = JSON.parse(cht.config.settingsUploads[0]) as Record<string, { rules?: string } & Record<string, unknown>>;
    expect(uploaded.tasks.rules).to.equal((committed.tasks as { rules: string }).rules);
    expect(uploaded.contact_summary).to.equal(committed.contact_summary);
    expect(uploaded.tasks).to.deep.equal(committed.tasks);
    expect(uploaded.purge).to.deep.equal(committed.purge);
    // CHT's RapidPro gateway: the workspace URL and both credentials.
    expect(cht.config.settings.sms).to.deep.equal({ outgoing_service: 'rapidpro', rapidpro: { url: rp.host.replace(/\/$/, '') } });
    expect(cht.credentials.get(OUTGOING_KEY)).to.equal(rp.token);
    expect(cht.credentials.get(INCOMING_KEY)).to.match(/^[A-Za-z0-9_-]{43}$/);

    const text = logs.join('\n');
    expect(text).to.contain('overwrote on CHT: form:contact:clinic:create (CHT\'s XForm differs)');
    expect(text).to.contain('form:contact:person:edit (CHT\'s XForm differs), messages-en custom translations');
    expect(result.overwrote).to.have.length.above(8);
    expect(text).not.to.contain('admin-pass');
    expect(text).not.to.contain(rp.token);
    expect(text).not.to.contain(cht.credentials.get(INCOMING_KEY) as string);
    expect(logs[logs.length - 1]).to.equal('deploy complete');
    // No snapshots or copies left behind.
    expect(fs.existsSync(path.join(ROOT, '.snapshots'))).to.equal(false);
    expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('cht-rapidpro-deploy-'))).to.deep.equal(tmpBefore);
  });

  it('a dry run right after overwrites nothing and lists CHT\'s unused default forms', async () => {
    const before = cht.config.requests.length;
    const result = await run({ dryRun: true });
    expect(cht.config.requests.slice(before).filter((request) => request.method !== 'GET')).to.deep.equal([]);
    expect(result.overwrote.filter((item) => !item.startsWith('credential '))).to.deep.equal([]);
    const text = logs.join('\n');
    const forms = ['app', 'contact'].reduce((n, kind) => n + fs.readdirSync(path.join(ROOT, 'forms', kind)).filter((name) => name.endsWith('.xml')).length, 0);
    expect(text).to.contain(`forms (${forms}): ${forms} unchanged`);
    expect(text).to.contain('translations messages-en: unchanged');
    expect(text).to.contain(`CHT's default forms the project does not use stay: ${DEFAULT_APP_FORMS_411.map((name) => `form:${name}`).join(', ')}`);
  });

  it('without --force, cht-conf 6.6 stops at CHT\'s first default contact form when no terminal answers (why deploy passes it)', async () => {
    const fresh = await new FakeCht().start();
    fresh.config.seedFresh411();
    const copy = copyProject(ROOT);
    try {
      const invocation = chtConfInvocation({ copyDir: copy, origin: fresh.origin, username: 'admin', password: 'admin-pass', actions: ['upload-contact-forms'] });
      invocation.args = invocation.args.filter((arg) => arg !== '--force');
      const lines: string[] = [];
      expect(await spawnChtConf(invocation, { onLine: (line) => lines.push(line) })).to.equal(1);
      expect(lines.join('\n')).to.contain("The current environment doesn't support interactive reading from TTY");
      expect(fresh.config.attachment('form:contact:clinic:create', 'xml')).to.contain('Default clinic-create');
    } finally {
      removeCopy(copy);
      await fresh.stop();
    }
  });

  it('SIGTERM to deploy mid-upload stops cht-conf\'s whole process group, removes the copy, exit 143 with the state of CHT', async () => {
    const fresh = await new FakeCht().start();
    fresh.config.seedFresh411();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-signal-'));
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const uploading = new Promise<void>((resolve) => { reached = resolve; });
    // Hold the first form upload: the deploy is mid-way through the app forms.
    fresh.config.holdOn = (method, requestPath) => {
      if (method !== 'PUT' || !requestPath.startsWith('/medic/form')) return undefined;
      reached();
      return new Promise<void>((resolve) => { release = resolve; });
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/deploy-child.ts'), '--url', fresh.origin], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp, RAPIDPRO_HOST: rp.host, RAPIDPRO_TOKEN: rp.token, CHT_USERNAME: 'admin', CHT_PASSWORD: 'admin-pass' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await Promise.race([uploading, exited.then(() => { throw new Error(`deploy ended before uploading: ${stdout}${stderr}`); })]);
      const pid = Number(/cht-conf started \(pid (\d+)/.exec(stdout)?.[1]);
      expect(pid).to.be.above(0);
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith('cht-rapidpro-deploy-'))).to.have.lengthOf(1);
      child.kill('SIGTERM');
      expect(await exited).to.equal(143);
      expect(stderr).to.contain('deploy: SIGTERM received');
      expect(stderr).to.contain('deploy stopped by SIGTERM: uploaded: nothing, app forms partly; the settings were not uploaded, so CHT still runs its previous settings');
      const alive = (target: number): boolean => {
        try {
          process.kill(target, 0);
          return true;
        } catch {
          return false;
        }
      };
      expect(alive(pid), 'cht-conf still running').to.equal(false);
      expect(alive(-pid), 'cht-conf\'s process group still has processes').to.equal(false);
      // (tsx keeps its own cache in TMPDIR.)
      expect(fs.readdirSync(tmp).filter((name) => name.startsWith('cht-rapidpro-deploy-'))).to.deep.equal([]);
      expect(fresh.credentials.size).to.equal(0);
      expect(stdout + stderr).not.to.contain('admin-pass');
    } finally {
      release();
      child.kill('SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
      await fresh.stop();
    }
  });

  it('runs the upload actions in the order that keeps CHT consistent', () => {
    expect([...CONTENT_ACTIONS].slice(0, 2)).to.deep.equal(['validate-app-forms', 'validate-contact-forms']);
    expect(CONTENT_ACTIONS).not.to.include('upload-app-settings');
  });
});
