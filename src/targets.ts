// Compiled to dist/targets.js; the root targets.js re-exports it for cht-conf.
import { TargetDefinition } from './cht/targets';
import { workflowRules } from './workflows/rules';

const targets: TargetDefinition[] = workflowRules.flatMap((rules) => rules.targets);
export = targets;
