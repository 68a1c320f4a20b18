/**
 * What the phone's contact-summary bundle builds: every workflow's profile card, without its tasks
 * and targets. Typed against `RULES` (./index.ts): a workflow missing here is a compile error, and
 * a unit test checks the list holds the very summaries `RULES` does, in its order.
 */
import type { WorkflowId } from '.';
import { WorkflowSummary } from '../kit/contact-summary';
import { summary as contactTracingSummary } from './contact-tracing/summary';
import { summary as remoteTrainingSummary } from './remote-training/summary';
import { summary as chwWellbeingSummary } from './chw-wellbeing/summary';

export const SUMMARIES: { readonly [Id in WorkflowId]: WorkflowSummary | undefined } = {
  'contact-tracing': contactTracingSummary,
  'remote-training': remoteTrainingSummary,
  'chw-wellbeing': chwWellbeingSummary,
};
