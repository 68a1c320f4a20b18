/**
 * Whether RapidPro's import would refuse the export (`error`), or imports it but changes, drops or
 * ignores something on the way in (`warning`).
 */
export type Severity = 'error' | 'warning';

/** One thing wrong with a RapidPro export, located as precisely as the validator can. */
export interface Problem {
  severity: Severity;
  /** The file the export was read from, when validating files. */
  file?: string;
  /** The name of the flow (or, when it has none, its UUID or position). */
  flow?: string;
  /** The UUID (or position) of the node. */
  node?: string;
  /** What is wrong, in plain words. */
  message: string;
}

/**
 * `FILE: flow "Name" node <uuid>: what is wrong`, leaving out the parts a problem does not have;
 * a warning says `warning:` before the message.
 */
export function formatProblem(problem: Problem): string {
  const location: string[] = [];
  if (problem.flow !== undefined) location.push(`flow ${JSON.stringify(problem.flow)}`);
  if (problem.node !== undefined) location.push(`node ${problem.node}`);
  const message = problem.severity === 'warning' ? `warning: ${problem.message}` : problem.message;
  const prefix = [problem.file, location.join(' ')].filter((part) => part).join(': ');
  return prefix ? `${prefix}: ${message}` : message;
}

/** The problems that make RapidPro refuse the import. */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/** Reports a problem of either severity, optionally at a node. */
export interface Reporter {
  error(message: string, node?: string): void;
  warning(message: string, node?: string): void;
}

/** A reporter that puts `prefix` before every message and `node` on every problem that has none. */
export function scoped(reporter: Reporter, prefix: string, node?: string): Reporter {
  const text = (message: string) => (prefix ? `${prefix}: ${message}` : message);
  return {
    error: (message, at) => reporter.error(text(message), at ?? node),
    warning: (message, at) => reporter.warning(text(message), at ?? node),
  };
}
