/**
 * Every workflow's phone-side rules, in the order they are documented and simulated. The bundle
 * CHT runs (./tasks.ts, ./targets.ts, ./contact-summary.ts) reads this list, and the Node-side
 * registry (src/workflows/index.ts) is typed against it: a workflow missing on either side is a
 * compile error.
 */
import { rules as chwWellbeing } from './chw-wellbeing';
import { rules as contactTracing } from './contact-tracing';
import { rules as remoteTraining } from './remote-training';

export const RULES = {
  'contact-tracing': contactTracing,
  'remote-training': remoteTraining,
  'chw-wellbeing': chwWellbeing,
} as const;

export type WorkflowId = keyof typeof RULES;

export const phoneRules = Object.values(RULES);
