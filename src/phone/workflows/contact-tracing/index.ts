/**
 * Contact tracing on the phone: the CHW's tasks and figures and the traced contact's profile,
 * from the forms the CHW fills and the `RP_SYMPTOMS` records RapidPro posts each day.
 */
import { defineRules } from '../../kit/rules';
import { ID, symptomsRecord } from './model';
import { summary } from './summary';
import { targets } from './targets';
import { tasks } from './tasks';

export const rules = defineRules({ id: ID, tasks, targets, summary, records: [symptomsRecord] });
