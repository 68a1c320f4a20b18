/**
 * What the phone's `tasks.rules` bundle builds: every workflow's tasks and targets, without its
 * profile card (./summaries.ts is the contact summary's list). Typed against `RULES` (./index.ts):
 * a workflow missing here is a compile error, and a unit test checks both lists hold the very
 * definitions `RULES` does, in its order (which is `app_settings.tasks.targets.items`' order).
 * The bundle's entry point (../rules.ts) requires this module, with the builder it re-exports,
 * only when it builds the definitions, once per rules-engine start.
 */
import type { WorkflowId } from '.';
import { RuleLists } from '../kit/engine';
export { buildEngine, visibleLists } from '../kit/engine';
import { TargetDefinition } from '../kit/targets';
import { TaskDefinition } from '../kit/tasks';
import { tasks as contactTracingTasks } from './contact-tracing/tasks';
import { targets as contactTracingTargets } from './contact-tracing/targets';
import { tasks as remoteTrainingTasks } from './remote-training/tasks';
import { targets as remoteTrainingTargets } from './remote-training/targets';
import { tasks as chwWellbeingTasks } from './chw-wellbeing/tasks';
import { targets as chwWellbeingTargets } from './chw-wellbeing/targets';

export const TASKS: { readonly [Id in WorkflowId]: readonly TaskDefinition[] } = {
  'contact-tracing': contactTracingTasks,
  'remote-training': remoteTrainingTasks,
  'chw-wellbeing': chwWellbeingTasks,
};

export const TARGETS: { readonly [Id in WorkflowId]: readonly TargetDefinition[] } = {
  'contact-tracing': contactTracingTargets,
  'remote-training': remoteTrainingTargets,
  'chw-wellbeing': chwWellbeingTargets,
};

export const lists: RuleLists = {
  tasks: Object.values(TASKS).flat(),
  targets: Object.values(TARGETS).flat(),
};
