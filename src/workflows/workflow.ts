/**
 * A workflow is one RapidPro-driven story, declared once in `src/workflows/<id>/index.ts` from the
 * same parts in every workflow:
 *
 * | part                      | where                                          | runs on      |
 * | ------------------------- | ---------------------------------------------- | ------------ |
 * | forms, record, ids        | `src/phone/workflows/<id>/model.ts`            | phone + Node |
 * | what the reports mean     | `src/phone/workflows/<id>/state.ts`            | phone        |
 * | tasks, targets, profile   | `src/phone/workflows/<id>/{tasks,targets,summary}.ts`, `index.ts` (`rules`) | phone |
 * | SMS texts                 | `src/workflows/<id>/messages.ts`               | Node         |
 * | RapidPro flows and posts  | `src/workflows/<id>/flows.ts`                  | Node         |
 * | CHT texts (en, fr, sw)    | `src/workflows/<id>/translations.ts`           | Node         |
 * | the story `simulate` tells| `src/workflows/<id>/scenario.ts`               | Node         |
 * | the story: pushes + all   | `src/workflows/<id>/index.ts` (`workflow`)     | Node         |
 *
 * Everything generated (outbound pushes, JSON forms, RapidPro exports, translations, docs) is
 * synthesized from these objects by src/project/synth.ts; `sync`, `deploy`, `check` and `simulate`
 * read the same objects.
 */
import { FormPaths } from '../phone/kit/app-form';
import { KeysOf } from '../phone/kit/keys';
import { Translations } from '../phone/kit/locale';
import { WorkflowRules } from '../phone/kit/rules';
import { FlowStartPush } from '../integration/flow-start';
import { CampaignBuilder } from '../rapidpro/flow/campaign';
import { TriggerDefinition } from '../rapidpro/flow/triggers';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { FieldDefinition, GroupDefinition } from '../rapidpro/flow/types';
import { Scenario } from '../simulate/scenario';

/** What a workflow imports into RapidPro, as one export file under `rapidpro/`. */
export interface RapidProApp {
  /** File name under `rapidpro/`, e.g. `contact-tracing.json`. */
  file: string;
  /** The flows, in export order; deploy resolves each by name in the workspace. */
  flows: readonly FlowBuilder[];
  campaigns?: readonly CampaignBuilder[];
  /** Catch-all triggers: which flow answers a message that arrives when no flow waits for it. */
  triggers?: readonly TriggerDefinition[];
  fields?: readonly FieldDefinition[];
  groups?: readonly GroupDefinition[];
}

export interface Workflow<R extends WorkflowRules = WorkflowRules> {
  readonly id: R['id'];
  readonly title: string;
  /** The phone-side half: tasks, targets, profile card and the record forms they read. */
  readonly rules: R;
  /** The app forms the workflow's code reads and the paths it reads from them (`check` proves each against the XLSForms). */
  readonly appForms: readonly FormPaths[];
  /** The outbound pushes that start its flows. */
  readonly pushes: readonly FlowStartPush[];
  readonly rapidpro: RapidProApp;
  /** The text of every translation key the rules show, in every language. */
  readonly translations: Translations<KeysOf<R>>;
  /** The story `simulate` tells end to end. */
  readonly scenario: Scenario;
}

/** Declares a workflow (the identity function, typed so the translations must match the rules). */
export function defineWorkflow<R extends WorkflowRules>(workflow: Workflow<R>): Workflow<R> {
  return workflow;
}
