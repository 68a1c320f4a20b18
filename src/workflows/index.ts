import { chwWellbeing } from './chw-wellbeing';
import { contactTracing } from './contact-tracing';
import { remoteTraining } from './remote-training';
import { Workflow } from './workflow';

/** The three workflows, in the order they are documented and simulated. */
export const workflows: Workflow[] = [contactTracing, remoteTraining, chwWellbeing];
