/**
 * Runs `cht-rapidpro sync` in its own process against the fake servers, so a test can kill it
 * mid-way or start two at once. Reads RAPIDPRO_HOST/RAPIDPRO_TOKEN, SYNC_CHT_URL, SYNC_STATE and
 * SYNC_SETTLE (minutes, default 10) from the environment; exits with the command's exit code.
 */
import { createSyncCommand } from '../../../src/cli/commands/sync';
import { UsageError, processIO } from '../../../src/cli/command';
import { symptomsSource } from './fixtures';

const command = createSyncCommand({ sources: () => [symptomsSource()] });
const io = { ...processIO(process.cwd()), isTTY: false };
command
  .run(['--url', process.env.SYNC_CHT_URL ?? '', '--state', process.env.SYNC_STATE ?? '', '--settle', process.env.SYNC_SETTLE ?? '10'], io)
  .then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
