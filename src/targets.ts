// Compiled to dist/targets.js; the root targets.js re-exports it for cht-conf.
import { TargetDefinition } from './cht/targets';
import { workflows } from './workflows';

const targets: TargetDefinition[] = workflows.flatMap((workflow) => workflow.targets);
export = targets;
