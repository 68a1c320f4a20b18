/**
 * `RP_SYMPTOMS`: the one record each daily check-in sends back to CHT, answered or not, and the
 * webhook that sends it. Every value is a run result, so `sync` rebuilds the same record from
 * `runs.json` when a webhook was lost.
 */
import { ReportDoc } from '../../cht/docs';
import { responseForm } from '../../integration/response-form';
import { resultAnswered, resultFlag, resultNumber, resultText } from '../../integration/sources';
import { CATEGORY, RECORD_CODE, RESULT } from './names';

const flag = (result: string) => resultFlag(result, [CATEGORY.yes], [CATEGORY.no]);

export const symptomsRecord = responseForm({
  code: RECORD_CODE,
  fields: {
    /** False for an unanswered day: the first question timed out. */
    answered: { type: 'boolean', required: true },
    /** Null when the contact did not get to (or did not answer) the question. */
    fever: { type: 'boolean' },
    cough: { type: 'boolean' },
    breathing: { type: 'boolean' },
    /** True when any answer was "yes": raises the follow-up task and the CHW's SMS alert. */
    symptomatic: { type: 'boolean', required: true },
    quarantine_day: { type: 'integer', required: true },
    /** The `quarantine_enrollment` report the check-in belongs to. */
    enrollment_id: { type: 'string', required: true },
  },
});

/** The check-in's single post, reached by every path through the flow (the symptom split always runs). */
export const checkinPost = symptomsRecord.post({
  presentWhen: RESULT.symptomatic,
  subject: resultText(RESULT.chtContactId),
  values: {
    answered: resultAnswered(RESULT.fever, [CATEGORY.noResponse]),
    fever: flag(RESULT.fever),
    cough: flag(RESULT.cough),
    breathing: flag(RESULT.breathing),
    symptomatic: resultFlag(RESULT.symptomatic, [CATEGORY.yes], [CATEGORY.no]),
    quarantine_day: resultNumber(RESULT.quarantineDay),
    enrollment_id: resultText(RESULT.enrollmentId),
  },
});

/** Reading a stored record (JSON forms store real booleans, see `createRecordDoc`). */
export const checkin = {
  answered: (report: ReportDoc): boolean => report.fields.answered === true,
  symptomatic: (report: ReportDoc): boolean => report.fields.symptomatic === true,
  flag: (report: ReportDoc, symptom: 'fever' | 'cough' | 'breathing'): boolean => report.fields[symptom] === true,
  enrollmentId: (report: ReportDoc): string => (typeof report.fields.enrollment_id === 'string' ? report.fields.enrollment_id : ''),
  day: (report: ReportDoc): number | undefined => (typeof report.fields.quarantine_day === 'number' ? report.fields.quarantine_day : undefined),
};
