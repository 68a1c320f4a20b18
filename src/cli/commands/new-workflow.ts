import { Command, UsageError } from '../command';
import { parseArgs, stringFlag } from '../args';
import { ScaffoldError, scaffoldNames, scaffoldWorkflow } from '../../project/scaffold';

/**
 * `new-workflow ID [--title TEXT]`: a new workflow in the project's shape (phone rules, flows,
 * messages, translations, scenario, two XLSForms), registered on both sides. Then
 * `npm run build && npm run check && npm run simulate -- --workflow ID`.
 */
export const newWorkflowCommand: Command = {
  name: 'new-workflow',
  summary: 'Write a new workflow (phone rules, RapidPro flow, forms, translations, simulate story) and register it.',
  usage: 'new-workflow ID [--title TEXT]',
  async run(args, io) {
    const parsed = parseArgs(args, ['title'], [], { positionals: 1 });
    if (parsed.positionals.length !== 1) throw new UsageError('give the new workflow\'s id, e.g. new-workflow malaria-check');
    try {
      const names = scaffoldNames(parsed.positionals[0], stringFlag(parsed, 'title'));
      const written = scaffoldWorkflow(io.projectDir, names);
      for (const file of written) io.out(`wrote ${file}`);
      io.out(`new-workflow: ${names.id} is registered. Next: npm run build && npm run check && npm run simulate -- --workflow ${names.id}`);
      return 0;
    } catch (caught) {
      if (caught instanceof ScaffoldError) {
        io.err(`new-workflow: ${caught.message}`);
        return 1;
      }
      throw caught;
    }
  },
};
