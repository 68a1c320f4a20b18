import { runRulesBench } from './rules-bench';
const r = runRulesBench(5, (l) => console.error(l));
console.log(JSON.stringify(r, null, 1));
