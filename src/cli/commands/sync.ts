import { createHash } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { ChtClient } from '../../cht/api/client';
import { ChtConfigError, chtConnection } from '../../cht/api/connection';
import { RapidProClient } from '../../rapidpro/client/client';
import { Timing } from '../../rapidpro/client/retry';
import { RapidProCredentialsError, loadRapidProCredentials } from '../../rapidpro/credentials';
import { progressLine } from '../../sync/progress';
import { SyncStateError } from '../../sync/state';
import { SyncSummary, summaryLine, sync } from '../../sync/sync';
import { SyncSource } from '../../sync/types';
import { syncSources } from '../../workflows/sync-sources';
import { parseArgs, stringFlag } from '../args';
import { Command, CommandIO, UsageError } from '../command';

/** What the sync command takes from outside; tests replace it. */
export interface SyncCommandDeps {
  sources?: () => SyncSource[];
  timing?: Partial<Timing>;
  /** Where the progress line goes on a terminal. */
  writeProgress?: (text: string) => void;
}

const USAGE = 'sync --url <CHT url> [--rapidpro creds.json] [--since ISO] [--state FILE]';

/** `cht-rapidpro sync`: posts the records CHT is missing for RapidPro flow runs (lost webhooks). */
export function createSyncCommand(deps: SyncCommandDeps = {}): Command {
  return {
    name: 'sync',
    summary: 'Post to CHT the answers RapidPro has but CHT missed (idempotent; safe to rerun or schedule).',
    usage: USAGE,
    async run(args, io) {
      const parsed = parseArgs(args, ['url', 'rapidpro', 'since', 'state']);
      const url = stringFlag(parsed, 'url');
      if (!url) throw new UsageError(`--url is required (${USAGE})`);
      const since = parseSince(stringFlag(parsed, 'since'));
      const { rapidpro, cht } = clients(url, stringFlag(parsed, 'rapidpro'), io, deps);
      const sources = (deps.sources ?? syncSources)();
      if (!sources.length) {
        io.err('sync: no workflow registers a sync source (src/workflows/sync-sources.ts); nothing to do');
        return 1;
      }
      const statePath = path.resolve(stringFlag(parsed, 'state') ?? defaultStatePath(io.env, rapidpro.host, cht.origin));
      io.out(`syncing ${sources.length} flow(s) from ${rapidpro.host} to ${cht.origin} (state: ${statePath})`);

      const progress = io.isTTY ? progressLine(deps.writeProgress ?? ((text) => process.stderr.write(text))) : undefined;
      let summary: SyncSummary;
      try {
        summary = await sync({ rapidpro, cht, sources, since, statePath, onProgress: progress?.update, log: io.err });
      } catch (error) {
        if (error instanceof SyncStateError) throw new UsageError(error.message);
        throw error;
      } finally {
        progress?.done();
      }
      if (summary.aborted) io.err(`sync stopped: ${summary.aborted}. Progress up to there is saved; rerun to continue.`);
      io.out(summaryLine(summary));
      return summary.failed > 0 || summary.aborted ? 1 : 0;
    },
  };
}

export const syncCommand: Command = createSyncCommand();

function clients(url: string, credentialsFile: string | undefined, io: CommandIO, deps: SyncCommandDeps): { rapidpro: RapidProClient; cht: ChtClient } {
  try {
    const credentials = loadRapidProCredentials({ file: credentialsFile, env: io.env });
    return {
      rapidpro: new RapidProClient({ credentials, timing: deps.timing, log: io.err }),
      cht: new ChtClient(chtConnection(url, io.env)),
    };
  } catch (error) {
    if (error instanceof RapidProCredentialsError || error instanceof ChtConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--since "${value}" is not an ISO date or time (e.g. 2024-06-01 or 2024-06-01T00:00:00Z)`);
  return new Date(time).toISOString();
}

/**
 * One state file per (RapidPro workspace, CHT instance), outside the project so it is never
 * committed: syncing staging and production must not share watermarks.
 */
function defaultStatePath(env: NodeJS.ProcessEnv, rapidproHost: string, chtOrigin: string): string {
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  const id = createHash('sha256').update(`${rapidproHost}|${chtOrigin}`).digest('hex').slice(0, 12);
  return path.join(base, 'cht-rapidpro', `sync-${id}.json`);
}
