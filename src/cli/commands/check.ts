import { Command, UsageError } from '../command';
import { RuleName, formatProblem, runCheck } from '../../check';

const RULE_NAMES: RuleName[] = ['forms', 'paths', 'webhooks', 'flows', 'translations', 'secrets', 'generated'];

export const checkCommand: Command = {
  name: 'check',
  summary: 'Cross-check forms, pushes, tasks, webhooks, flows, translations and generated files; find committed secrets.',
  usage: `check [--only ${RULE_NAMES.join(',')}] [--json]`,
  async run(args, io) {
    let json = false;
    let only: RuleName[] | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--json') json = true;
      else if (arg === '--only' || arg.startsWith('--only=')) {
        const value = arg === '--only' ? args[++i] : arg.slice('--only='.length);
        if (!value) throw new UsageError('--only needs a comma-separated list of rules');
        only = value.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
          if (!RULE_NAMES.includes(name as RuleName)) throw new UsageError(`unknown rule "${name}" (rules: ${RULE_NAMES.join(', ')})`);
          return name as RuleName;
        });
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" (usage: ${this.usage})`);
      else throw new UsageError(`unexpected argument "${arg}": check takes no arguments besides its options (usage: ${this.usage})`);
    }
    const { errors, warnings } = runCheck(io.projectDir, { only });
    if (json) {
      io.out(JSON.stringify({ errors, warnings }, null, 2));
    } else {
      if (errors.length) io.out(`Errors:`);
      for (const problem of errors) io.out(formatProblem(problem));
      if (warnings.length) io.out(`Warnings:`);
      for (const problem of warnings) io.out(formatProblem(problem));
      io.out(`check: ${errors.length} errors, ${warnings.length} warnings`);
    }
    return errors.length ? 1 : 0;
  },
};
