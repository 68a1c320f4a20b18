/**
 * A contact's quarantines as the tasks, targets and summary see them, computed once per contact
 * through the report index (never by scanning `c.reports`, and counting each RapidPro answer once).
 *
 * - An enrolment (`quarantine_enrollment`) defines a quarantine: day 1 is its start date, day
 *   `length` its last day, in the phone's local calendar. The latest enrolment is the current
 *   quarantine; a re-enrolment replaces the period (new start, new length, new SMS schedule).
 * - The first `quarantine_end_check` after an enrolment closes it, whatever the outcome
 *   (completed, referred, withdrew, lost); an end check after a re-enrolment closes both.
 * - A check-in record (`RP_SYMPTOMS`) belongs to the enrolment it was sent for (`enrollment_id`)
 *   and the quarantine day it asked about (`quarantine_day`). Its `reported_date` is when it was
 *   answered: `sync` backdates the records it recovers to the run's time, so a record can reach
 *   the phone days after that. Everything below is judged on those two facts, never on when the
 *   record arrived, so a late, duplicated or out-of-order record means what it would have meant
 *   on time.
 */
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { indexOf, perContact, perReport } from '../../kit/report-index';
import { addDays, daysBetween, startOfDay } from '../../kit/time';
import { DEFAULT_LENGTH_DAYS, EndOutcome, endCheckForm, enrollmentForm, symptomaticFollowUpForm, symptomsRecord } from './model';

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

/** Days the end-of-quarantine task stays on the CHW's list before it escalates. */
export const END_CHECK_DAYS = 3;
/** Days the escalated ("end check overdue") task stays. */
export const END_CHECK_OVERDUE_DAYS = 7;
/**
 * Days a symptomatic follow-up stays open after the answer, overdue, until it is done: long enough
 * for `sync` to bring in an answer whose webhook was lost even after days of outage.
 */
export const SYMPTOMATIC_OPEN_DAYS = 7;

export const STATUSES = ['upcoming', 'in_quarantine', 'awaiting_end_check', 'end_check_overdue', 'completed', 'referred', 'withdrew', 'lost'] as const;
export type QuarantineStatus = (typeof STATUSES)[number];

/** What an enrolment report defines, read once per report (reports do not change while the rules run). */
const periods = new WeakMap<ReportDoc, Omit<Quarantine, 'closedBy' | 'outcome'> | null>();

/** The quarantine an enrolment report defines (without its closing check). */
export function periodOf(enrollment: ReportDoc): Omit<Quarantine, 'closedBy' | 'outcome'> | undefined {
  let period = periods.get(enrollment);
  if (period === undefined) {
    period = readPeriod(enrollment) ?? null;
    periods.set(enrollment, period);
  }
  return period ?? undefined;
}

function readPeriod(enrollment: ReportDoc): Omit<Quarantine, 'closedBy' | 'outcome'> | undefined {
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

/** The quarantine an enrolment defines and the end check that closed it, once per enrolment. */
const quarantineFrom = perReport((_c, enrollment, index): Quarantine | undefined => {
  const period = periodOf(enrollment);
  if (!period) return undefined;
  const closedBy = index.firstAfter(endCheckForm.id, enrollment.reported_date);
  return { ...period, closedBy, outcome: closedBy ? (endCheckForm.text(closedBy, 'end.outcome') as EndOutcome) : undefined };
});

/** The current quarantine: the latest enrolment's. */
export const quarantineOf = perContact((c, index): Quarantine | undefined => {
  const enrollment = index.latest(enrollmentForm.id);
  return enrollment && quarantineFrom(c, enrollment);
});

/** The quarantine of any enrolment of this contact, by the enrolment report's id. */
export function quarantineById(c: ContactWithReports, enrollmentId: string): Quarantine | undefined {
  const enrollments = indexOf(c).byForm(enrollmentForm.id);
  for (let i = 0; i < enrollments.length; i++) if (enrollments[i]._id === enrollmentId) return quarantineFrom(c, enrollments[i]);
  return undefined;
}

/** Closed (by an end check) at or before `time`. */
export const closedAt = (q: Quarantine, time: number): boolean => !!q.closedBy && q.closedBy.reported_date <= time;

/** In the quarantine period and not closed at `time`. */
export const inQuarantineAt = (q: Quarantine, time: number): boolean => time >= q.start && time < q.endsAt && !closedAt(q, time);

/** Followed by daily SMS at `time`: in quarantine, with consent. */
export const monitoredAt = (q: Quarantine | undefined, time: number): boolean => !!q && q.sms && inQuarantineAt(q, time);

/** Day N of the quarantine at `time` (1 on the start date; may be ≤ 0 before it or > length after it). */
export const dayOf = (q: Quarantine, time: number): number => daysBetween(q.start, time) + 1;

/**
 * When the end-of-quarantine check is due: the last day, or the enrolment day for a quarantine
 * entered on its last day.
 */
export const endCheckDue = (q: Pick<Quarantine, 'lastDay' | 'enrollment'>): number => Math.max(q.lastDay, startOfDay(q.enrollment.reported_date));

/** When the end check is overdue and escalates: the day after the end task's window. */
export const endCheckOverdueAt = (q: Pick<Quarantine, 'lastDay' | 'enrollment'>): number => addDays(endCheckDue(q), END_CHECK_DAYS + 1);

export function statusAt(q: Quarantine, time: number): QuarantineStatus {
  if (q.outcome && closedAt(q, time)) return q.outcome;
  if (time < q.start) return 'upcoming';
  if (time < q.endsAt) return 'in_quarantine';
  return time < endCheckOverdueAt(q) ? 'awaiting_end_check' : 'end_check_overdue';
}

/**
 * When the silence clock starts: at the enrolment, or at the start of day 1 when the quarantine
 * starts later (no check-in is sent before it, so the contact cannot be silent).
 */
export function silenceClockStart(enrollment: ReportDoc): number {
  const period = periodOf(enrollment);
  return Math.max(enrollment.reported_date, period ? period.start : enrollment.reported_date);
}

// ---------------------------------------------------------------- check-ins and symptom episodes

/**
 * The quarantine a check-in record answers, when it is a check-in of a known enrolment of this
 * contact, for one of its days (the campaign only sends days 1 to length). A record that names
 * no enrolment of this contact (its enrolment deleted, or never replicated here) is no check-in.
 */
export function checkinOf(c: ContactWithReports, record: ReportDoc): Quarantine | undefined {
  const quarantine = quarantineById(c, symptomsRecord.get(record, 'enrollment_id') ?? '');
  const day = symptomsRecord.get(record, 'quarantine_day');
  return quarantine && day !== null && day >= 1 && day <= quarantine.length ? quarantine : undefined;
}

/**
 * A "yes" the CHW must follow up: a symptomatic check-in answered while its quarantine was open
 * (not yet closed by an end check: an answer that arrives after the last day still counts, an
 * answer given after a withdrawal or an end check does not). A re-enrolment does not close the
 * earlier quarantine's answers: symptoms reported before it still need the follow-up.
 */
export function isSymptomaticAlert(c: ContactWithReports, record: ReportDoc): boolean {
  if (symptomsRecord.get(record, 'symptomatic') !== true) return false;
  const quarantine = checkinOf(c, record);
  return !!quarantine && !closedAt(quarantine, record.reported_date);
}

/** One follow-up's worth of symptomatic answers: from the first "yes" until a follow-up is done. */
export interface SymptomEpisode {
  /** The first symptomatic answer: the task belongs to it and is due from its time. */
  first: ReportDoc;
  records: ReportDoc[];
}

/**
 * The contact's symptomatic answers grouped into episodes: a "yes" joins the open episode when no
 * `symptomatic_follow_up` was done since the episode's first "yes" and that first "yes" is less than
 * at most `SYMPTOMATIC_OPEN_DAYS` days old (its task still open); otherwise it starts a new one. Two "yes" days in a row are one
 * follow-up for the CHW, not two; a "yes" after the follow-up is a new one.
 */
export const symptomEpisodes = (c: ContactWithReports): readonly SymptomEpisode[] => episodesOf(c).list;

const episodesOf = perContact((c, index) => {
  const list: SymptomEpisode[] = [];
  const byFirst = new Map<ReportDoc, SymptomEpisode>();
  const records = index.byForm(symptomsRecord.code);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (!isSymptomaticAlert(c, record)) continue;
    const open = list[list.length - 1];
    const joins = !!open &&
      daysBetween(open.first.reported_date, record.reported_date) <= SYMPTOMATIC_OPEN_DAYS &&
      !index.firstAfter(symptomaticFollowUpForm.id, open.first.reported_date, undefined, record.reported_date);
    if (joins) {
      open.records.push(record);
    } else {
      const episode = { first: record, records: [record] };
      list.push(episode);
      byFirst.set(record, episode);
    }
  }
  return { list, byFirst };
});

/** The episode a symptomatic answer starts, if it starts one. */
export const episodeStartedBy = (c: ContactWithReports, record: ReportDoc): SymptomEpisode | undefined => episodesOf(c).byFirst.get(record);
