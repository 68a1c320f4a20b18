import { Workflow } from './workflow';

/** The three workflows, in the order they are documented and simulated. */
export const workflows: Workflow[] = [];
