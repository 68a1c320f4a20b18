// Compiled to dist/tasks.js; the root tasks.js re-exports it for cht-conf.
import { TaskDefinition } from './cht/tasks';
import { workflowRules } from './workflows/rules';

const tasks: TaskDefinition[] = workflowRules.flatMap((rules) => rules.tasks);
export = tasks;
