import { CheckOptions, formatProblem, runCheck } from '../../../src/check';

/** The problems as the CLI prints them. */
export function check(dir: string, options: CheckOptions): { errors: string[]; warnings: string[] } {
  const result = runCheck(dir, options);
  return { errors: result.errors.map(formatProblem), warnings: result.warnings.map(formatProblem) };
}
