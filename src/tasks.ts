// Compiled to dist/tasks.js; the root tasks.js re-exports it for cht-conf.
import { TaskDefinition } from './cht/tasks';
import { workflows } from './workflows';

const tasks: TaskDefinition[] = workflows.flatMap((workflow) => workflow.tasks);
export = tasks;
