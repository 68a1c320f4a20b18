/**
 * The same tasks and targets as src/workflows/rules.ts, hand-written the way typical CHT configs
 * write them (a scan of `c.reports` per question). The benchmark checks that both emit the same
 * tasks and targets on its caseload before comparing their speed.
 */
import { RuleSet } from '../rules-runner';
import * as wellbeing from './chw-wellbeing';
import * as tracing from './contact-tracing';
import * as training from './remote-training';

export const baselineRules: RuleSet = {
  tasks: [...tracing.tasks, ...training.tasks, ...wellbeing.tasks],
  targets: [...tracing.targets, ...training.targets, ...wellbeing.targets],
};
