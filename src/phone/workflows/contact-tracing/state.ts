/**
 * A contact's quarantine as the tasks, targets and summary see it, computed once per contact
 * through the report index (never by scanning `c.reports`).
 *
 * The latest `quarantine_enrollment` defines the quarantine (a re-enrolment replaces it); the
 * first `quarantine_end_check` after it closes it, whatever the outcome. Days are local calendar
 * days: day 1 is the start date, day `length` the last one.
 */
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { indexOf } from '../../kit/report-index';
import { addDays, daysBetween } from '../../kit/time';
import { DEFAULT_LENGTH_DAYS, EndOutcome, endCheckForm, enrollmentForm } from './model';

export interface Quarantine {
  enrollment: ReportDoc;
  /** Local midnight of day 1. */
  start: number;
  length: number;
  /** Local midnight of the last day. */
  lastDay: number;
  /** Local midnight after the last day: the quarantine is over from then on. */
  endsAt: number;
  /** The contact agreed to the daily SMS (and gave a phone for it). */
  sms: boolean;
  smsPhone: string;
  /** The end check that closed the quarantine, if any. */
  closedBy?: ReportDoc;
  outcome?: EndOutcome;
}

export const STATUSES = ['upcoming', 'in_quarantine', 'awaiting_end_check', 'completed', 'referred', 'withdrew', 'lost'] as const;
export type QuarantineStatus = (typeof STATUSES)[number];

/** The quarantine an enrolment report defines (without its closing check). */
export function periodOf(enrollment: ReportDoc): Omit<Quarantine, 'closedBy' | 'outcome'> | undefined {
  const start = enrollmentForm.date(enrollment, 'quarantine.start_date');
  if (start === undefined) return undefined;
  const length = enrollmentForm.number(enrollment, 'quarantine.length_days') ?? DEFAULT_LENGTH_DAYS;
  const smsPhone = enrollmentForm.text(enrollment, 'sms.phone');
  return {
    enrollment,
    start,
    length,
    lastDay: addDays(start, length - 1),
    endsAt: addDays(start, length),
    sms: enrollmentForm.text(enrollment, 'sms.consent') === 'yes' && smsPhone !== '',
    smsPhone,
  };
}

export function quarantineOf(c: ContactWithReports): Quarantine | undefined {
  return indexOf(c).remember('contact-tracing:quarantine', () => {
    const index = indexOf(c);
    const enrollment = index.latest(enrollmentForm.id);
    const period = enrollment && periodOf(enrollment);
    if (!enrollment || !period) return undefined;
    const closedBy = index.firstAfter(endCheckForm.id, enrollment.reported_date);
    return { ...period, closedBy, outcome: closedBy ? (endCheckForm.text(closedBy, 'end.outcome') as EndOutcome) : undefined };
  });
}

/** Closed (by an end check) at or before `time`. */
export function closedAt(q: Quarantine, time: number): boolean {
  return !!q.closedBy && q.closedBy.reported_date <= time;
}

/** In the quarantine period and not closed at `time`. */
export function inQuarantineAt(q: Quarantine, time: number): boolean {
  return time >= q.start && time < q.endsAt && !closedAt(q, time);
}

/** Followed by daily SMS at `time`: in quarantine, with consent. */
export function monitoredAt(q: Quarantine | undefined, time: number): boolean {
  return !!q && q.sms && inQuarantineAt(q, time);
}

/** Day N of the quarantine at `time` (1 on the start date; may be ≤ 0 before it or > length after it). */
export function dayOf(q: Quarantine, time: number): number {
  return daysBetween(q.start, time) + 1;
}

export function statusAt(q: Quarantine, time: number): QuarantineStatus {
  if (q.outcome && closedAt(q, time)) return q.outcome;
  if (time < q.start) return 'upcoming';
  return time < q.endsAt ? 'in_quarantine' : 'awaiting_end_check';
}
