import * as path from 'path';
import { Command, CommandIO, UsageError, processIO } from './command';
import { commands } from './commands';

function help(io: CommandIO): void {
  io.out('Usage: cht-rapidpro <command> [options]');
  io.out('');
  for (const command of commands) io.out(`  ${command.name.padEnd(16)}${command.summary}`);
  io.out('');
  io.out('Run `cht-rapidpro <command> --help` for the options of one command.');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`cht-rapidpro: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.out(`Usage: cht-rapidpro ${command.usage}`);
    io.out(command.summary);
    if (command.options?.length) {
      io.out('');
      for (const line of command.options) io.out(`  ${line}`);
    }
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cht-rapidpro ${name}: ${error.message}`);
      return 2;
    }
    // Anything else is a bug or an input no rule anticipated: one line, the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`cht-rapidpro ${name}: unexpected error: ${firstLine(message)}${io.env.CHT_RAPIDPRO_DEBUG ? '' : ' (set CHT_RAPIDPRO_DEBUG=1 for details)'}`);
    if (io.env.CHT_RAPIDPRO_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim())?.trim() ?? text;
}

/** Entry point for `bin/cht-rapidpro.js` and `node dist/cli`: runs against this project. */
export function runCli(): void {
  const projectDir = path.resolve(__dirname, '..', '..');
  main(process.argv.slice(2), processIO(projectDir)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`cht-rapidpro: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli();
