import { ChildProcess, spawn } from 'child_process';

/**
 * What deploy asks cht-conf 6.6 to do, in this order (in two runs: the credentials are stored in
 * between, just before the settings that use them). Nothing is compiled or converted:
 * CHT receives the committed XForms and the committed compiled rules, byte for byte.
 * - Both form validations first (cht-conf would otherwise validate each kind just before its
 *   upload), so an invalid contact form stops the run before any upload.
 * - Forms, translations, resources and indexes before the settings: the settings are what turn the
 *   new pushes and the RapidPro SMS gateway on, so they go last, when everything they point at is
 *   already in CHT. A failure before them leaves CHT running its previous settings.
 * `upload-database-indexes` uploads `database-indexes.json` (an index on `type, form,
 * fields.rp_event_id` keeps sync's de-duplication lookups from scanning the whole medic database).
 */
export const CHT_CONF_ACTIONS = [
  'validate-app-forms',
  'validate-contact-forms',
  'upload-app-forms',
  'upload-contact-forms',
  'upload-custom-translations',
  'upload-resources',
  'upload-database-indexes',
  'upload-app-settings',
] as const;

export type ChtConfAction = (typeof CHT_CONF_ACTIONS)[number];

/** Deploy's first cht-conf run: everything but the settings. */
export const CONTENT_ACTIONS: readonly ChtConfAction[] = CHT_CONF_ACTIONS.filter((action) => action !== 'upload-app-settings');
/** Deploy's second run, after the credentials the settings use are stored. */
export const SETTINGS_ACTIONS: readonly ChtConfAction[] = ['upload-app-settings'];

/**
 * `--force`: cht-conf 6.6 asks before overwriting a doc that changed on the server since its last
 * upload from this machine (`lib/warn-upload-overwrite.js`, through `lib/user-prompt.js`): on a
 * fresh CHT 4.11 that is every default contact form and every `messages-*` doc. `--force` makes
 * `keyInSelect` answer "overwrite" and `keyInYN` answer yes, so nothing reads the terminal; deploy
 * reports what gets overwritten itself (./plan.ts). It skips nothing else: validation still runs.
 */
export const CHT_CONF_FLAGS = ['--force', '--skip-version-check'] as const;

/** The environment variables the wrapper reads the CHT user name and password from. */
export const CREDENTIAL_ENV = { userVariable: 'CHT_RAPIDPRO_CONF_USER', passwordVariable: 'CHT_RAPIDPRO_CONF_PASSWORD' } as const;

/**
 * Runs cht-conf's `main` like its `bin` does, after putting the credentials from the environment
 * into the `--url` argument in memory: the process's command line (what `ps` shows every user)
 * holds the bare URL, and the password travels in this process's environment, which only its
 * owner (and root) can read.
 */
const WRAPPER = `
const [mainPath, ...args] = process.argv.slice(1);
const user = process.env.${CREDENTIAL_ENV.userVariable} || '';
const password = process.env.${CREDENTIAL_ENV.passwordVariable} || '';
delete process.env.${CREDENTIAL_ENV.userVariable};
delete process.env.${CREDENTIAL_ENV.passwordVariable};
const withCredentials = args.map((arg) => {
  if (!arg.startsWith('--url=')) return arg;
  const url = new URL(arg.slice('--url='.length));
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return '--url=' + url.href;
});
const log = require(require('path').join(require('path').dirname(mainPath), 'log'));
require(mainPath)([process.argv0, 'cht', ...withCredentials], process.env).catch((e) => {
  log.info(e);
  log.error(e.message);
  process.exitCode = 1;
});
`;

/** One cht-conf run: the program, its arguments (no credentials), its folder and its environment. */
export interface ChtConfInvocation {
  bin: string;
  args: string[];
  /** cht-conf takes the current folder as the project: the temporary copy. */
  cwd: string;
  /** The child's environment, holding the CHT credentials. */
  env: NodeJS.ProcessEnv;
}

export interface ChtConfHooks {
  /** Each line cht-conf prints (colours removed). */
  onLine(line: string): void;
  /** Called with the child's pid (also its process group id) once it runs. */
  onSpawn?(pid: number): void;
  /** Aborting stops cht-conf and everything it started (its process group). */
  signal?: AbortSignal;
}

/** Runs cht-conf and resolves with its exit code. Injected in tests that need no real cht-conf. */
export type ChtConfRunner = (invocation: ChtConfInvocation, hooks: ChtConfHooks) => Promise<number>;

export interface InvocationOptions {
  copyDir: string;
  /** CHT's origin, without credentials. */
  origin: string;
  username: string;
  password: string;
  /** The admin passed `--insecure-tls`: cht-conf may skip TLS verification too. */
  insecureTls?: boolean;
  /** The environment to start from (the user's); the CHT credentials are added to it. */
  env?: NodeJS.ProcessEnv;
  /** Default: all of CHT_CONF_ACTIONS. */
  actions?: readonly ChtConfAction[];
}

export function chtConfInvocation(options: InvocationOptions): ChtConfInvocation {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  // TLS checks are off only when the admin says so, never by an inherited variable.
  if (!options.insecureTls) delete env.NODE_TLS_REJECT_UNAUTHORIZED;
  env[CREDENTIAL_ENV.userVariable] = options.username;
  env[CREDENTIAL_ENV.passwordVariable] = options.password;
  const url = new URL(options.origin);
  url.username = '';
  url.password = '';
  return {
    bin: process.execPath,
    args: [
      '-e', WRAPPER, chtConfMain(),
      `--url=${url.href}`,
      ...(options.actions ?? CHT_CONF_ACTIONS),
      ...CHT_CONF_FLAGS,
      ...(options.insecureTls ? ['--accept-self-signed-certs'] : []),
    ],
    cwd: options.copyDir,
    env,
  };
}

/** cht-conf's `src/lib/main.js`, from this package's own dependencies. */
export function chtConfMain(): string {
  return require.resolve('cht-conf/src/lib/main');
}

/** The command line for humans, as `ps` would show it minus the wrapper: no credentials in it. */
export function describeInvocation(invocation: ChtConfInvocation): string {
  const start = invocation.args.findIndex((arg) => arg.startsWith('--url='));
  return ['cht', ...invocation.args.slice(start === -1 ? 0 : start)].join(' ');
}

/** How long cht-conf gets to stop after SIGTERM before its process group is killed. */
const STOP_GRACE_MS = 3000;

/**
 * Spawns cht-conf in its own session and process group, with no terminal (stdin closed, output
 * piped): with `--force` nothing asks, and if anything ever did it would fail rather than wait.
 * Aborting sends SIGTERM to the whole group (cht-conf and anything it started), then SIGKILL.
 */
export const spawnChtConf: ChtConfRunner = (invocation, hooks) =>
  new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(invocation.bin, invocation.args, { cwd: invocation.cwd, env: invocation.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      reject(error);
      return;
    }
    const pid = child.pid;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
      killTimer.unref();
    };
    if (pid !== undefined) hooks.onSpawn?.(pid);
    hooks.signal?.addEventListener('abort', stop, { once: true });
    if (hooks.signal?.aborted) stop();
    const pending = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => {
        const lines = (pending[stream] + chunk).split('\n');
        pending[stream] = lines.pop() ?? '';
        for (const line of lines) hooks.onLine(plain(line));
      });
    }
    child.on('error', (error) => {
      hooks.signal?.removeEventListener('abort', stop);
      reject(error);
    });
    child.on('close', (code, signal) => {
      hooks.signal?.removeEventListener('abort', stop);
      if (killTimer) clearTimeout(killTimer);
      // Whatever cht-conf left running in its group goes too.
      if (pid !== undefined && hooks.signal?.aborted) killGroup(pid, 'SIGKILL');
      for (const rest of [pending.stdout, pending.stderr]) if (rest) hooks.onLine(plain(rest));
      resolve(code ?? (signal ? 1 : 0));
    });
  });

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** cht-conf colours its log lines. */
function plain(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+$/, '');
}

/** What cht-conf's log says about its progress: `Starting action: X…`, `X complete.`. */
export function actionEvent(line: string): { started?: string; completed?: string } {
  const started = /Starting action: ([a-z-]+)/.exec(line);
  if (started) return { started: started[1] };
  const completed = /^\s*(?:INFO\s+)?([a-z-]+) complete\.$/.exec(line);
  return completed ? { completed: completed[1] } : {};
}
