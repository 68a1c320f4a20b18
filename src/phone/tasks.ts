// The task definitions cht-conf bundles into `app_settings.json` (root tasks.js re-exports dist/phone/tasks.js).
import { TaskDefinition } from './kit/tasks';
import { phoneRules } from './workflows';

const tasks: TaskDefinition[] = phoneRules.flatMap((rules) => rules.tasks);
export = tasks;
