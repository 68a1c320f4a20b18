/**
 * What a CHW sees on a traced contact's profile: quarantine status, day N of M, the last check-in
 * and its answer; and the `context` the action forms read as `instance('contact-summary')/context/…`.
 */
import { SummaryCard, SummaryField, workflowSummary } from '../../kit/contact-summary';
import { ReportDoc } from '../../kit/docs';
import { prefixed } from '../../kit/keys';
import { indexOf } from '../../kit/report-index';
import { ruleNow } from '../../kit/runtime';
import { isoDate } from '../../kit/time';
import { ID, symptomsRecord } from './model';
import { STATUSES, dayOf, quarantineOf, statusAt } from './state';

const ANSWERS = ['symptomatic', 'well', 'unanswered'] as const;
type Answer = (typeof ANSWERS)[number];

/** The last check-in's answer. */
export function answerOf(report: ReportDoc): Answer {
  if (symptomsRecord.get(report, 'answered') !== true) return 'unanswered';
  return symptomsRecord.get(report, 'symptomatic') === true ? 'symptomatic' : 'well';
}

export const summary = workflowSummary(ID, [
  'status', 'day', 'card', 'start', 'last-day', 'sms', 'last-checkin', 'last-answer', 'yes', 'no',
  ...prefixed('status.', STATUSES),
  ...prefixed('answer.', ANSWERS),
], (contact, reports, label) => {
  const c = { contact, reports };
  const q = quarantineOf(c);
  if (!q) return { context: { ct_enrolled: false } };
  const now = ruleNow();
  const status = statusAt(q, now);
  const day = dayOf(q, now);
  const inQuarantine = status === 'in_quarantine';
  // only this quarantine's check-ins: an earlier enrolment's answers say nothing about this one
  const last = indexOf(c).latest(symptomsRecord.code, (report) => symptomsRecord.get(report, 'enrollment_id') === q.enrollment._id);

  const fields: SummaryField[] = [
    { label: label('status'), value: label(`status.${status}`), translate: true, width: 6 },
  ];
  if (inQuarantine) fields.push({ label: label('day'), value: `${day} / ${q.length}`, width: 6 });

  const cardFields: SummaryField[] = [
    { label: label('start'), value: isoDate(q.start), filter: 'simpleDate', width: 6 },
    { label: label('last-day'), value: isoDate(q.lastDay), filter: 'simpleDate', width: 6 },
    { label: label('sms'), value: label(q.sms ? 'yes' : 'no'), translate: true, width: 12 },
  ];
  if (last) {
    cardFields.push(
      { label: label('last-checkin'), value: last.reported_date, filter: 'relativeDay', width: 6 },
      { label: label('last-answer'), value: label(`answer.${answerOf(last)}`), translate: true, width: 6 },
    );
  }
  const card: SummaryCard = { label: label('card'), fields: cardFields };

  return {
    fields,
    cards: [card],
    context: {
      ct_enrolled: true,
      ct_status: status,
      ct_in_quarantine: inQuarantine,
      ct_quarantine_day: inQuarantine ? day : '',
      ct_quarantine_length: q.length,
      ct_quarantine_start: isoDate(q.start),
      ct_quarantine_end: isoDate(q.lastDay),
      ct_enrollment_id: q.enrollment._id,
      // the number the daily SMS go to, so the end check can stop them (`rapidpro_quarantine_stop`)
      ct_sms_phone: q.sms && !q.closedBy ? q.smsPhone : '',
    },
  };
});
