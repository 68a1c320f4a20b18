import * as fs from 'fs';
import * as path from 'path';
import { Command, UsageError } from '../command';
import { formatProblem, validateExportText } from '../../rapidpro/validate';

/** Counts the flows of a parsed export, for the success line (0 when it is not an export at all). */
function flowCount(text: string): number {
  try {
    const json: unknown = JSON.parse(text);
    const flows = typeof json === 'object' && json !== null && 'flows' in json ? json.flows : undefined;
    return Array.isArray(flows) ? flows.length : 0;
  } catch {
    return 0;
  }
}

/**
 * `validate-flows FILE…`: checks RapidPro exports (ours or anyone's) the way RapidPro's import
 * treats them. Prints one line per problem: errors (the import refuses the export) and warnings
 * (it imports it but repairs, creates, drops or ignores something, `warning:` before the message).
 * Exit 1 when there is an error; else exit 0 with "N flows valid"; exit 2 on usage errors.
 */
export const validateFlowsCommand: Command = {
  name: 'validate-flows',
  summary: "Validate RapidPro exports as RapidPro's import treats them (one line per problem; warnings don't fail).",
  usage: 'validate-flows FILE…',
  async run(args, io) {
    const options = args.filter((arg) => arg.startsWith('--'));
    if (options.length > 0) throw new UsageError(`unknown option ${options[0]} (usage: validate-flows FILE…)`);
    if (args.length === 0) throw new UsageError('give at least one RapidPro export file (usage: validate-flows FILE…)');
    let flows = 0;
    let problems = 0;
    let warnings = 0;
    for (const file of args) {
      let text: string;
      try {
        // relative to where the user runs the command, like any file argument
        text = fs.readFileSync(path.resolve(file), 'utf8');
      } catch (error) {
        io.err(`${file}: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
        problems++;
        continue;
      }
      let found: ReturnType<typeof validateExportText>;
      try {
        found = validateExportText(text, { file });
      } catch (error) {
        // JSON.parse reads any depth; walking or re-serialising a value nested past the stack cannot.
        const reason = error instanceof RangeError ? 'its JSON is nested too deeply to validate' : `cannot be validated (${error instanceof Error ? error.message : String(error)})`;
        io.err(`${file}: ${reason} — a RapidPro export nests a few levels deep; check the file is an export`);
        problems++;
        continue;
      }
      for (const problem of found) io.err(formatProblem(problem));
      const errors = found.filter((problem) => problem.severity === 'error').length;
      problems += errors;
      warnings += found.length - errors;
      flows += flowCount(text);
    }
    if (problems > 0) return 1;
    io.out(`${flows} flow${flows === 1 ? '' : 's'} valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
    return 0;
  },
};
