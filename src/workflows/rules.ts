/**
 * The phone-side half of every workflow: the tasks, targets and contact-summary parts that
 * cht-conf bundles into `app_settings.json` and every CHW's phone runs. The root tasks.js,
 * targets.js and contact-summary.templated.js compile from this list, not from the workflow
 * modules, so the RapidPro flows (their builders and all their message texts) never reach a phone.
 * A test checks that each workflow module declares exactly these rules.
 */
import { ContactDoc, ReportDoc } from '../cht/docs';
import { TargetDefinition } from '../cht/targets';
import { TaskDefinition } from '../cht/tasks';
import { wellbeingSummary } from './chw-wellbeing/summary';
import { wellbeingTargets } from './chw-wellbeing/targets';
import { wellbeingTasks } from './chw-wellbeing/tasks';
import { contactTracingRules } from './contact-tracing/rules';
import { trainingSummary } from './remote-training/summary';
import { trainingTargets } from './remote-training/targets';
import { trainingTasks } from './remote-training/tasks';
import { SummaryPart } from './workflow';

export interface WorkflowRules {
  tasks: TaskDefinition[];
  targets: TargetDefinition[];
  summary?(contact: ContactDoc, reports: ReportDoc[]): SummaryPart;
}

/** In the order of `workflows` (src/workflows/index.ts). */
export const workflowRules: WorkflowRules[] = [
  contactTracingRules,
  { tasks: trainingTasks, targets: trainingTargets, summary: trainingSummary },
  { tasks: wellbeingTasks, targets: wellbeingTargets, summary: wellbeingSummary },
];
