// The task definitions cht-conf bundles into `app_settings.json` (root tasks.js re-exports dist/phone/tasks.js).
// In CHT's rules engine, the definitions of this engine start that can emit for the current contact
// (./kit/engine.ts); in plain Node (cht-conf's schema check), every workflow's tasks.
import { PhoneRules, phoneTasks } from './kit/engine';
import { TaskDefinition } from './kit/tasks';

// `#phone/*` (package.json "imports"): the ES module build for cht-conf's webpack, the CommonJS one in Node.
declare function require(id: '#phone/workflows/tasks-and-targets'): PhoneRules;

const tasks: TaskDefinition[] = phoneTasks(() => require('#phone/workflows/tasks-and-targets'));
export = tasks;
