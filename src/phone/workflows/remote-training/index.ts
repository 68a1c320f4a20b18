/**
 * Remote training on the phone: the supervisor's coaching tasks and dashboards and the CHW's
 * training card, from the enrolment, the follow-ups and the `RP_TRAINING` records.
 */
import { defineRules } from '../../kit/rules';
import { ID, trainingRecord } from './model';
import { summary } from './summary';
import { targets } from './targets';
import { tasks } from './tasks';

export const rules = defineRules({ id: ID, tasks, targets, summary, records: [trainingRecord] });
