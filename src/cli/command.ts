/** One `cht-rapidpro` sub-command. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** One line per option, for `cht-rapidpro <command> --help`. */
  options?: string[];
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
  /**
   * Calls `handler` on SIGINT or SIGTERM instead of exiting, until the returned function is called
   * (a command that must clean up, e.g. stop a child process, uses it). Absent: signals kill.
   */
  onSignal?(handler: (signal: NodeJS.Signals) => void): () => void;
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
    onSignal(handler) {
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
      for (const signal of signals) process.on(signal, handler);
      return () => {
        for (const signal of signals) process.off(signal, handler);
      };
    },
  };
}

/** The exit code of a process stopped by a signal, as shells report it (128 + signal number). */
export function signalExitCode(signal: string): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : 1;
}
