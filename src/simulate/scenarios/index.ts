import { Scenario } from '../scenario';
import { chwWellbeingScenario } from './chw-wellbeing';
import { contactTracingScenario } from './contact-tracing';
import { remoteTrainingScenario } from './remote-training';

/** The stories `simulate` tells, one per workflow, in the workflows' order. */
export function scenarios(): Scenario[] {
  return [contactTracingScenario, remoteTrainingScenario, chwWellbeingScenario];
}
