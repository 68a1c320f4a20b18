import { Scenario } from '../scenario';
import { chwWellbeingScenario } from './chw-wellbeing';
import { contactTracingScenario } from './contact-tracing';
import { remoteTrainingScenario } from './remote-training';

/**
 * The stories `simulate` tells, one per workflow, in the workflows' order. They share one harness,
 * whose rules engine keeps task history: each story starts after the previous one ends.
 */
export function scenarios(): Scenario[] {
  return [contactTracingScenario, remoteTrainingScenario, chwWellbeingScenario];
}
