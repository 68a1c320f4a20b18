// The target definitions cht-conf bundles into `app_settings.json` (root targets.js re-exports dist/phone/targets.js).
import { TargetDefinition } from './kit/targets';
import { phoneRules } from './workflows';

const targets: TargetDefinition[] = phoneRules.flatMap((rules) => rules.targets);
export = targets;
