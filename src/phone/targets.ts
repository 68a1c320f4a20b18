// The target definitions cht-conf bundles into `app_settings.json` (root targets.js re-exports dist/phone/targets.js).
// In CHT's rules engine, the definitions of this engine start that can emit for the current contact
// (./kit/engine.ts); in plain Node (cht-conf's schema check and `tasks.targets.items`), every workflow's targets.
import { PhoneRules, phoneTargets } from './kit/engine';
import { TargetDefinition } from './kit/targets';

// `#phone/*` (package.json "imports"): the ES module build for cht-conf's webpack, the CommonJS one in Node.
declare function require(id: '#phone/workflows/tasks-and-targets'): PhoneRules;

const targets: TargetDefinition[] = phoneTargets(() => require('#phone/workflows/tasks-and-targets'));
export = targets;
