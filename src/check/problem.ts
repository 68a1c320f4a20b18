/** One thing `check` found, printed as `file[:place]: what — fix`. */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Project-relative file the app builder opens to fix it. */
  file: string;
  /** Where in the file, e.g. `survey row 12`, `task quarantine_unreachable`. */
  place?: string;
  /** What is wrong, in plain words. */
  what: string;
  /** How to fix it. */
  fix: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.place ? `${problem.file}:${problem.place}` : problem.file;
  return `${where}: ${problem.what} — ${problem.fix}`;
}

export const error = (file: string, place: string | undefined, what: string, fix: string): Problem =>
  ({ severity: 'error', file, place, what, fix });

export const warning = (file: string, place: string | undefined, what: string, fix: string): Problem =>
  ({ severity: 'warning', file, place, what, fix });
