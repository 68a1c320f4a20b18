/**
 * Every workflow, in the order they are documented and simulated. Typed against the phone-side
 * list (src/phone/workflows/index.ts): a workflow missing on either side, or pointing at another
 * workflow's rules, is a compile error.
 */
import { RULES, WorkflowId } from '../phone/workflows';
import { workflow as chwWellbeing } from './chw-wellbeing';
import { workflow as contactTracing } from './contact-tracing';
import { workflow as remoteTraining } from './remote-training';
import { Workflow } from './workflow';

export const WORKFLOWS: { readonly [Id in WorkflowId]: Workflow<(typeof RULES)[Id]> } = {
  'contact-tracing': contactTracing,
  'remote-training': remoteTraining,
  'chw-wellbeing': chwWellbeing,
};

/** The workflows in the phone bundle's order. */
export const workflows: readonly Workflow[] = (Object.keys(RULES) as WorkflowId[]).map((id) => WORKFLOWS[id] as Workflow);
