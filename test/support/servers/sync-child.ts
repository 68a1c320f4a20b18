/**
 * Runs `cht-rapidpro sync` in its own process against the fake servers, so a test can kill it
 * mid-way. Reads RAPIDPRO_HOST/RAPIDPRO_TOKEN, SYNC_CHT_URL and SYNC_STATE from the environment.
 */
import { createSyncCommand } from '../../../src/cli/commands/sync';
import { processIO } from '../../../src/cli/command';
import { symptomsSource } from './fixtures';

const command = createSyncCommand({ sources: () => [symptomsSource()] });
const io = { ...processIO(process.cwd()), isTTY: false };
command
  .run(['--url', process.env.SYNC_CHT_URL ?? '', '--state', process.env.SYNC_STATE ?? ''], io)
  .then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
