/**
 * CHW wellbeing on the phone: the supervisor's follow-up tasks, dashboard and profile card, from
 * the enrolment, the follow-ups and the weekly `RP_WELLBEING` records.
 */
import { defineRules } from '../../kit/rules';
import { ID, wellbeingRecord } from './model';
import { summary } from './summary';
import { targets } from './targets';
import { tasks } from './tasks';

export const rules = defineRules({ id: ID, tasks, targets, summary, records: [wellbeingRecord] });
