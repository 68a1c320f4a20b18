/** One `cht-rapidpro` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes: injected so tests can capture output without spawning a process. */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  /** Project root (the folder holding package.json and app_settings/). */
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is an interactive terminal (progress bars only then). */
  isTTY: boolean;
}

/** A mistake the user can fix: printed as one line, never with a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function processIO(projectDir: string): CommandIO {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    projectDir,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
