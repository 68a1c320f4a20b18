import { UsageError } from './command';

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positionals: string[];
}

export interface ParseOptions {
  /**
   * Whether the command takes positional arguments: `true` for any number (file names), a number
   * for at most that many. Default: none, and any is a usage error.
   */
  positionals?: boolean | number;
}

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` options. Only names listed in
 * `valueFlags` take a value; an unknown option, or a positional argument given to a command that
 * takes none, is a usage error, never silently ignored.
 */
export function parseArgs(args: string[], valueFlags: readonly string[], booleanFlags: readonly string[] = [], options: ParseOptions = {}): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (valueFlags.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      flags[name] = value;
    } else if (booleanFlags.includes(name) && eq === -1) {
      flags[name] = true;
    } else {
      const known = [...valueFlags, ...booleanFlags].map((f) => `--${f}`).join(', ') || 'none';
      throw new UsageError(`unknown option --${name} (known options: ${known})`);
    }
  }
  const allowed = options.positionals === true ? Infinity : options.positionals === false || options.positionals === undefined ? 0 : options.positionals;
  if (positionals.length > allowed) {
    const known = [...valueFlags, ...booleanFlags].map((f) => `--${f}`).join(', ');
    const takes = allowed === 0 ? 'no arguments besides its options' : `${allowed} argument${allowed === 1 ? '' : 's'} besides its options`;
    throw new UsageError(`unexpected argument "${positionals[allowed]}": this command takes ${takes}${known ? ` (${known})` : ''}`);
  }
  return { flags, positionals };
}

export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.flags[name];
  return typeof value === 'string' ? value : undefined;
}
