/**
 * A workflow's phone-side half: the tasks, targets and profile card CHT runs on every phone, and
 * the record forms they read. The project's bundle (`src/phone/workflows.ts`) lists these modules;
 * the Node-side workflow module references the same object, so there is one list and one source.
 */
import { audienceOf } from './audience';
import { WorkflowSummary } from './contact-summary';
import { unlikeChtConf } from './emitter';
import { KeysOf } from './keys';
import { RecordForm, checkRecordForm, recordTranslationKeys } from './record';
import { TargetDefinition } from './targets';
import { ReportTask } from './tasks';

export interface WorkflowRules<W extends string = string, K extends string = string> {
  /** The workflow's id (kebab case): the prefix of its task names, target ids and profile keys. */
  readonly id: W;
  readonly tasks: readonly ReportTask[];
  readonly targets: readonly TargetDefinition[];
  readonly summary?: WorkflowSummary;
  /** The record forms RapidPro posts for this workflow. */
  readonly records: readonly RecordForm[];
  /** Type only: every translation key the rules show. */
  readonly __translationKeys?: K;
}

/** Declares a workflow's rules; their translation keys are collected in the type. */
export function defineRules<
  const W extends string,
  const T extends readonly ReportTask[],
  const G extends readonly TargetDefinition[],
  const R extends readonly RecordForm[],
  S extends WorkflowSummary | undefined = undefined,
>(rules: { id: W; tasks: T; targets: G; records: R; summary?: S }): WorkflowRules<W, KeysOf<T> | KeysOf<G> | KeysOf<R> | KeysOf<S>> {
  for (const task of rules.tasks) {
    if (!task.name.startsWith(`${rules.id}-`)) throw new Error(`task "${task.name}" of workflow ${rules.id}: name it "${rules.id}-…"`);
    phoneRunnable(rules.id, `task "${task.name}"`, task);
  }
  for (const target of rules.targets) {
    if (!target.id.startsWith(`${rules.id}-`)) throw new Error(`target "${target.id}" of workflow ${rules.id}: name it "${rules.id}-…"`);
    phoneRunnable(rules.id, `target "${target.id}"`, target);
  }
  for (const record of rules.records) checkRecordForm(record);
  return rules;
}

/**
 * The phone runs a workflow's tasks and targets as built by the kit's builders (src/phone/kit/engine.ts
 * keeps them per rules-engine start and emits them with ./emitter.ts): a hand-written definition,
 * or a shape the phone's emitter does not run as cht-conf does, is refused here, at build time.
 */
function phoneRunnable(workflow: string, what: string, definition: ReportTask | TargetDefinition): void {
  if (!audienceOf(definition)) throw new Error(`${what} of workflow ${workflow}: build it with the kit's builders (src/phone/kit/task-builders.ts, target-builders.ts), which give it an audience`);
  const unlike = unlikeChtConf(definition);
  if (unlike) throw new Error(`${what} of workflow ${workflow}: the phone's emitter (src/phone/kit/emitter.ts) cannot run it: ${unlike}`);
}

/** Every translation key a workflow's rules show, at run time (for `check` and the translation files). */
export function translationKeysOf(rules: WorkflowRules): string[] {
  const keys: string[] = [];
  for (const task of rules.tasks) {
    keys.push(task.title);
    const priority = task.priority;
    if (priority && typeof priority === 'object' && priority.label) keys.push(priority.label);
    for (const action of task.actions) if (action.label) keys.push(action.label);
  }
  for (const target of rules.targets) if (target.translation_key) keys.push(target.translation_key);
  keys.push(...(rules.summary?.keys ?? []));
  for (const record of rules.records) keys.push(...recordTranslationKeys(record));
  return [...new Set(keys)];
}

