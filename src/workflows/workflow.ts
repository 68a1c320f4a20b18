/**
 * A workflow declares everything about one RapidPro-driven story once; the project's generated
 * files (outbound pushes, JSON forms, RapidPro export), rules and contact summary come from it.
 */
import { AppForm } from '../cht/app-form';
import { ContactSummary } from '../cht/contact-summary';
import { ContactDoc, ReportDoc } from '../cht/docs';
import { OutboundPush } from '../cht/outbound';
import { TargetDefinition } from '../cht/targets';
import { TaskDefinition } from '../cht/tasks';
import { RecordFieldSpec, ResponseForm } from '../integration/response-form';

/** Deployment-specific values the generated config depends on. */
export interface GenerateContext {
  /** RapidPro's base URL for the outbound pushes. */
  rapidproUrl: string;
  /** The UUID of a flow in the target workspace (by name), or the exported one. */
  flowUuid(name: string, exported: string): string;
}

/** A RapidPro export and the file it is written to under `rapidpro/`. */
export interface RapidProExportFile {
  /** File name, e.g. `contact-tracing.json`. */
  file: string;
  /** Names of the flows RapidPro must have after import (deploy resolves them). */
  flowNames: string[];
  /** The export document (RapidPro's import format). */
  content: unknown;
}

export type SummaryPart = Partial<ContactSummary>;

export interface Workflow {
  id: string;
  title: string;
  appForms: AppForm[];
  responseForms: ResponseForm<Record<string, RecordFieldSpec>>[];
  pushes(context: GenerateContext): Record<string, OutboundPush>;
  rapidpro(): RapidProExportFile;
  tasks: TaskDefinition[];
  targets: TargetDefinition[];
  /** Contact-summary fields, cards and context for one contact (called at summary time on the phone). */
  summary?(contact: ContactDoc, reports: ReportDoc[]): SummaryPart;
  /** Translation keys the workflow's tasks, targets and summary use (checked in en, fr, sw). */
  translationKeys: string[];
}
