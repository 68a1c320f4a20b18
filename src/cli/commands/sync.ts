import * as path from 'path';
import { ChtClient } from '../../cht/api/client';
import { ChtConfigError, chtConnection } from '../../cht/api/connection';
import { RapidProClient } from '../../rapidpro/client/client';
import { Timing } from '../../rapidpro/client/retry';
import { RapidProCredentialsError, loadRapidProCredentials } from '../../rapidpro/credentials';
import { parseIsoSince } from '../../sync/iso';
import { defaultStatePath, rapidproWorkspace } from '../../sync/instance';
import { SyncLockError, SyncLockedError } from '../../sync/lock';
import { progressLine } from '../../sync/progress';
import { StateBinding, SyncStateError } from '../../sync/state';
import { SyncSummary, summaryLine, sync, syncExitCode } from '../../sync/sync';
import { SyncSource } from '../../sync/types';
import { syncSources } from '../../workflows/sync-sources';
import { parseArgs, stringFlag } from '../args';
import { Command, CommandIO, UsageError } from '../command';

/** What the sync command takes from outside; tests replace it. */
export interface SyncCommandDeps {
  sources?: () => SyncSource[];
  /** Retry timing of both clients (tests make sleeps instant). */
  timing?: Partial<Timing>;
  /** Per-request timeout of the CHT client (ms). */
  chtTimeoutMs?: number;
  /** Where the progress line goes on a terminal. */
  writeProgress?: (text: string) => void;
  now?: () => number;
}

/** Exit codes, also in the usage text. */
export const SYNC_EXIT = { done: 0, failed: 1, usage: 2, outstanding: 3, busy: 4 } as const;

const USAGE = 'sync --url <CHT url> [--rapidpro creds.json] [--since ISO] [--state FILE] [--settle MINUTES]' +
  ' (exit 0 done, 1 failed or stopped, 2 bad usage or state, 3 records outstanding (retried next time), 4 another sync is running)';
const DEFAULT_SETTLE_MINUTES = 10;

/** `cht-rapidpro sync`: posts the records CHT is missing for RapidPro flow runs (lost webhooks). */
export function createSyncCommand(deps: SyncCommandDeps = {}): Command {
  return {
    name: 'sync',
    summary: 'Post to CHT the answers RapidPro has but CHT missed (idempotent; safe to rerun or schedule).',
    usage: USAGE,
    async run(args, io) {
      const parsed = parseArgs(args, ['url', 'rapidpro', 'since', 'state', 'settle']);
      if (parsed.positionals.length) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (${USAGE.split(' (exit')[0]})`);
      const url = stringFlag(parsed, 'url');
      if (!url) throw new UsageError(`--url is required (${USAGE.split(' (exit')[0]})`);
      const since = parseSince(stringFlag(parsed, 'since'));
      const settleMinutes = parseSettle(stringFlag(parsed, 'settle'));
      const { rapidpro, cht } = clients(url, stringFlag(parsed, 'rapidpro'), io, deps);
      const sources = (deps.sources ?? syncSources)();
      if (!sources.length) {
        io.err('sync: no workflow registers a sync source (src/workflows/sync-sources.ts); nothing to do');
        return SYNC_EXIT.failed;
      }
      const statePath = path.resolve(stringFlag(parsed, 'state') ?? stateError(() => defaultStatePath(io.env, cht.origin, rapidpro.host)));

      let binding: StateBinding;
      try {
        binding = { rapidpro: await rapidproWorkspace(rapidpro), cht: cht.origin };
      } catch (error) {
        io.err(`cht-rapidpro sync: cannot read the RapidPro workspace the token belongs to: ${error instanceof Error ? error.message : String(error)}`);
        return SYNC_EXIT.failed;
      }
      io.out(`syncing ${sources.length} flow(s) from ${rapidpro.host} to ${cht.origin} (state: ${statePath}; leaving runs modified in the last ${settleMinutes} min)`);

      const progress = io.isTTY ? progressLine(deps.writeProgress ?? ((text) => process.stderr.write(text))) : undefined;
      let summary: SyncSummary;
      try {
        summary = await sync({
          rapidpro, cht, sources, since, statePath, binding,
          settleSeconds: settleMinutes * 60,
          now: deps.now,
          onProgress: progress?.update,
          log: (line) => {
            progress?.done();
            io.err(line);
          },
        });
      } catch (error) {
        if (error instanceof SyncLockedError) {
          io.err(`cht-rapidpro sync: ${error.message}`);
          return SYNC_EXIT.busy;
        }
        if (error instanceof SyncStateError || error instanceof SyncLockError) throw new UsageError(error.message);
        throw error;
      } finally {
        progress?.done();
      }
      if (summary.aborted) io.err(`sync stopped: ${summary.aborted}. Progress up to there is saved; rerun to continue.`);
      io.out(summaryLine(summary));
      return syncExitCode(summary);
    },
  };
}

export const syncCommand: Command = createSyncCommand();

function clients(url: string, credentialsFile: string | undefined, io: CommandIO, deps: SyncCommandDeps): { rapidpro: RapidProClient; cht: ChtClient } {
  try {
    const credentials = loadRapidProCredentials({ file: credentialsFile, env: io.env });
    return {
      rapidpro: new RapidProClient({ credentials, timing: deps.timing, log: io.err }),
      cht: new ChtClient(chtConnection(url, io.env), { timing: deps.timing, log: io.err, timeoutMs: deps.chtTimeoutMs }),
    };
  } catch (error) {
    if (error instanceof RapidProCredentialsError || error instanceof ChtConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function stateError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SyncStateError) throw new UsageError(error.message);
    throw error;
  }
}

function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseIsoSince(value.trim());
  if ('error' in parsed) throw new UsageError(`--since ${parsed.error}`);
  return parsed.iso;
}

function parseSettle(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SETTLE_MINUTES;
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || Number(value) > 24 * 60) {
    throw new UsageError(`--settle "${value}" is not a number of minutes from 0 to 1440 (default ${DEFAULT_SETTLE_MINUTES})`);
  }
  return Number(value);
}
