import { Command } from '../command';
import { buildCommand } from './build';
import { checkCommand } from './check';
import { deployCommand } from './deploy';
import { docsCommand } from './docs';
import { newWorkflowCommand } from './new-workflow';
import { runFlowCommand } from './run-flow';
import { simulateCommand } from './simulate';
import { syncCommand } from './sync';
import { validateFlowsCommand } from './validate-flows';

/** Every sub-command, in the order `cht-rapidpro --help` lists them. */
export const commands: Command[] = [
  buildCommand,
  checkCommand,
  validateFlowsCommand,
  docsCommand,
  newWorkflowCommand,
  simulateCommand,
  runFlowCommand,
  deployCommand,
  syncCommand,
];
