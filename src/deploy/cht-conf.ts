import { spawn } from 'child_process';
import * as path from 'path';
import { redactText } from '../util/redact';

/**
 * What deploy asks cht-conf to do, in order. cht-conf inserts the matching validate-* actions
 * before each upload. `upload-database-indexes` uploads `database-indexes.json` when the project
 * has one (cht-conf only warns otherwise): an index on `type, form, fields.rp_event_id` keeps
 * sync's de-duplication lookups from scanning the whole medic database.
 */
export const CHT_CONF_ACTIONS = [
  'compile-app-settings',
  'upload-app-settings',
  'convert-app-forms',
  'upload-app-forms',
  'convert-contact-forms',
  'upload-contact-forms',
  'upload-custom-translations',
  'upload-resources',
  'upload-database-indexes',
] as const;

/** One cht-conf run: the binary, its arguments (the first is `--url=` with credentials) and the project copy it works in. */
export interface ChtConfInvocation {
  bin: string;
  args: string[];
  /** cht-conf takes the current folder as the project. */
  cwd: string;
}

/** Runs cht-conf and resolves with its exit code. Injected in tests, where no CHT exists. */
export type ChtConfRunner = (invocation: ChtConfInvocation) => Promise<number>;

export function chtConfInvocation(projectDir: string, copyDir: string, urlWithCredentials: string): ChtConfInvocation {
  return {
    bin: path.join(projectDir, 'node_modules', '.bin', 'cht'),
    args: [`--url=${urlWithCredentials}`, ...CHT_CONF_ACTIONS, '--skip-version-check', '--accept-self-signed-certs'],
    cwd: copyDir,
  };
}

/** The command line for humans: the password in `--url` is masked. */
export function describeInvocation(invocation: ChtConfInvocation): string {
  return redactText(['node_modules/.bin/cht', ...invocation.args].join(' '));
}

/**
 * Spawns the real cht-conf with the terminal attached, so its progress shows and its "overwrite?"
 * prompts can be answered.
 */
export const spawnChtConf: ChtConfRunner = (invocation) =>
  new Promise((resolve, reject) => {
    const child = spawn(invocation.bin, invocation.args, { cwd: invocation.cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
