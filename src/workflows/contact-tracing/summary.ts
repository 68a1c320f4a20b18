/**
 * What a CHW sees on a traced contact's profile: quarantine status, day N of M, the last check-in
 * and its answer; and the `context` the action forms read as `instance('contact-summary')/context/…`.
 */
import { SummaryCard, SummaryField } from '../../cht/contact-summary';
import { ContactDoc, ReportDoc } from '../../cht/docs';
import { indexOf } from '../../cht/report-index';
import { ruleNow } from '../../cht/runtime';
import { SummaryPart } from '../workflow';
import { RECORD_CODE } from './names';
import { dayOf, isoDate, quarantineOf, statusAt } from './quarantine';
import { checkin } from './record';

export const SUMMARY_KEYS = {
  status: 'contact_tracing.summary.status',
  day: 'contact_tracing.summary.day',
  card: 'contact_tracing.summary.card',
  start: 'contact_tracing.summary.start',
  lastDay: 'contact_tracing.summary.last_day',
  sms: 'contact_tracing.summary.sms',
  lastCheckin: 'contact_tracing.summary.last_checkin',
  lastAnswer: 'contact_tracing.summary.last_answer',
} as const;

export const STATUS_KEYS = ['upcoming', 'in_quarantine', 'awaiting_end_check', 'completed', 'referred', 'withdrew', 'lost']
  .map((status) => `contact_tracing.status.${status}`);
export const ANSWER_KEYS = ['symptomatic', 'well', 'unanswered'].map((answer) => `contact_tracing.answer.${answer}`);
export const YES_NO_KEYS = ['contact_tracing.yes', 'contact_tracing.no'];

/** The last check-in's answer as a translation key. */
export function answerKey(report: ReportDoc): string {
  if (!checkin.answered(report)) return 'contact_tracing.answer.unanswered';
  return checkin.symptomatic(report) ? 'contact_tracing.answer.symptomatic' : 'contact_tracing.answer.well';
}

export function contactTracingSummary(contact: ContactDoc, reports: ReportDoc[]): SummaryPart {
  const c = { contact, reports };
  const q = quarantineOf(c);
  if (!q) return { context: { ct_enrolled: false } };
  const now = ruleNow();
  const status = statusAt(q, now);
  const day = dayOf(q, now);
  const inQuarantine = status === 'in_quarantine';
  // only this quarantine's check-ins: an earlier enrolment's answers say nothing about this one
  const last = indexOf(c).latest(RECORD_CODE, (report) => checkin.enrollmentId(report) === q.enrollment._id);

  const fields: SummaryField[] = [
    { label: SUMMARY_KEYS.status, value: `contact_tracing.status.${status}`, translate: true, width: 6 },
  ];
  if (inQuarantine) fields.push({ label: SUMMARY_KEYS.day, value: `${day} / ${q.length}`, width: 6 });

  const cardFields: SummaryField[] = [
    { label: SUMMARY_KEYS.start, value: isoDate(q.start), filter: 'simpleDate', width: 6 },
    { label: SUMMARY_KEYS.lastDay, value: isoDate(q.lastDay), filter: 'simpleDate', width: 6 },
    { label: SUMMARY_KEYS.sms, value: q.sms ? 'contact_tracing.yes' : 'contact_tracing.no', translate: true, width: 12 },
  ];
  if (last) {
    cardFields.push(
      { label: SUMMARY_KEYS.lastCheckin, value: last.reported_date, filter: 'relativeDay', width: 6 },
      { label: SUMMARY_KEYS.lastAnswer, value: answerKey(last), translate: true, width: 6 },
    );
  }
  const card: SummaryCard = { label: SUMMARY_KEYS.card, fields: cardFields };

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
}
