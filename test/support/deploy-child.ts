/**
 * Runs `cht-rapidpro deploy` in its own process with the real signal handling, so a test can
 * send it SIGTERM/SIGINT mid-upload. Arguments are deploy's; the environment carries the
 * credentials (RAPIDPRO_HOST, RAPIDPRO_TOKEN, CHT_USERNAME, CHT_PASSWORD); the project is this one.
 */
import * as path from 'path';
import { processIO } from '../../src/cli/command';
import { createDeployCommand } from '../../src/cli/commands/deploy';

const io = { ...processIO(path.resolve(__dirname, '..', '..')), isTTY: false };
createDeployCommand()
  .run(process.argv.slice(2), io)
  .then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
