/**
 * What the two real-app-style baselines share, written the way CHT apps write their helpers
 * (config-covid's `nools-extras.js`, cht-post-ops-app's tasks): plain functions over a contact's
 * `reports` array, each call a scan — no index, no memo. The rules themselves are the project's
 * (same tasks, targets, due dates, resolutions and form inputs, each RapidPro answer counted once);
 * the two styles differ only in where they call these (./config-covid-style, ./post-ops-style).
 * Self-contained: a real app has none of src/phone; the bench compiles these files with cht-conf.
 */
import type { ContactWithReports, ReportDoc } from '../../src/phone/kit/docs';

export type C = ContactWithReports;
export type R = ReportDoc;

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export const FORM = {
  enrolment: 'quarantine_enrollment',
  symptoms: 'RP_SYMPTOMS',
  symptomaticFollowUp: 'symptomatic_follow_up',
  checkVisit: 'quarantine_check_visit',
  endCheck: 'quarantine_end_check',
  trainingEnrolment: 'training_enrollment',
  training: 'RP_TRAINING',
  trainingFollowUp: 'training_follow_up',
  wellbeingEnrolment: 'wellbeing_enrollment',
  wellbeing: 'RP_WELLBEING',
  wellbeingFollowUp: 'wellbeing_follow_up',
} as const;

// ---------------------------------------------------------------- reading reports

export function field(report: R | undefined, path: string): unknown {
  let value: unknown = report && report.fields;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function text(report: R | undefined, path: string): string {
  const value = field(report, path);
  return value === undefined || value === null ? '' : String(value).trim();
}

/** A field the records API stored as a JSON boolean/number/string; anything else is null. */
export function typed(report: R, name: string, type: 'boolean' | 'number' | 'string'): unknown {
  const value = report.fields[name];
  return typeof value === type ? value : null;
}

export const isTrue = (report: R, name: string): boolean => typed(report, name, 'boolean') === true;

// ---------------------------------------------------------------- scans

/** A second copy of a RapidPro answer: another report of its form with its `rp_event_id` came first. */
export function isCopy(c: C, report: R): boolean {
  const key = eventId(report);
  if (!key || report.deleted) return false;
  for (const other of c.reports) {
    if (other !== report && !other.deleted && other.form === report.form && eventId(other) === key && precedes(other, report)) return true;
  }
  return false;
}

function eventId(report: R): string {
  const value = report.fields ? report.fields.rp_event_id : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

function precedes(a: R, b: R): boolean {
  return a.reported_date !== b.reported_date ? a.reported_date < b.reported_date : a._id < b._id;
}

/** The reports that count: not deleted, first copies only (one pass). */
export function countedReports(c: C): R[] {
  const kept = new Map<string, R>();
  for (const report of c.reports) {
    const key = eventId(report);
    if (!key || report.deleted) continue;
    const id = `${report.form}\u0000${key}`;
    const other = kept.get(id);
    if (!other || precedes(report, other)) kept.set(id, report);
  }
  return c.reports.filter((report) => {
    if (report.deleted) return false;
    const key = eventId(report);
    return !key || kept.get(`${report.form}\u0000${key}`) === report;
  });
}

/** The newest counted report of a form at or before `until` that satisfies `predicate` (the later one on a tie). */
export function latest(reports: readonly R[], form: string, predicate?: (report: R) => boolean, until = Infinity): R | undefined {
  let found: R | undefined;
  for (const report of reports) {
    if (report.form === form && report.reported_date <= until && (!predicate || predicate(report)) && (!found || report.reported_date >= found.reported_date)) found = report;
  }
  return found;
}

/** The oldest counted report of a form in [from, until) that satisfies `predicate`. */
export function first(reports: readonly R[], form: string, from: number, predicate?: (report: R) => boolean, until = Infinity): R | undefined {
  let found: R | undefined;
  for (const report of reports) {
    if (report.form === form && report.reported_date >= from && report.reported_date < until && (!predicate || predicate(report)) && (!found || report.reported_date < found.reported_date)) found = report;
  }
  return found;
}

export function count(reports: readonly R[], form: string, from: number, until: number, predicate?: (report: R) => boolean): number {
  let n = 0;
  for (const report of reports) if (report.form === form && report.reported_date >= from && report.reported_date < until && (!predicate || predicate(report))) n++;
  return n;
}

// ---------------------------------------------------------------- dates (the phone's local calendar)

export function addDays(time: number, days: number): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime();
}

export const startOfDay = (time: number): number => addDays(time, 0);

export function isoDate(time: number): string {
  const date = new Date(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dateField(report: R, path: string): number | undefined {
  const value = field(report, path);
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime() : undefined;
}

function numberField(report: R, path: string): number | undefined {
  const value = field(report, path);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

// ---------------------------------------------------------------- who sees what

interface ScriptApi { v1: { hasPermissions(permission: string): boolean } }
interface UserDoc { _id: string; role?: string }

/** The logged-in user has the role (and the permission), and the contact is not them. */
export function seenBy(c: C, user: UserDoc | undefined, api: ScriptApi | undefined, role: string, permission?: string): boolean {
  if (!user || user.role !== role || user._id === c.contact._id) return false;
  return !permission || (!!api && api.v1.hasPermissions(permission));
}

// ---------------------------------------------------------------- contact tracing

export interface Quarantine {
  enrolment: R;
  start: number;
  length: number;
  lastDay: number;
  endsAt: number;
  sms: boolean;
  closedBy?: R;
}

export function periodOf(enrolment: R): Quarantine | undefined {
  const start = dateField(enrolment, 'quarantine.start_date');
  if (start === undefined) return undefined;
  const length = numberField(enrolment, 'quarantine.length_days') ?? 14;
  return {
    enrolment,
    start,
    length,
    lastDay: addDays(start, length - 1),
    endsAt: addDays(start, length),
    sms: text(enrolment, 'sms.consent') === 'yes' && text(enrolment, 'sms.phone') !== '',
  };
}

export function quarantineFrom(reports: readonly R[], enrolment: R): Quarantine | undefined {
  const q = periodOf(enrolment);
  if (q) q.closedBy = first(reports, FORM.endCheck, enrolment.reported_date);
  return q;
}

export function currentQuarantine(reports: readonly R[]): Quarantine | undefined {
  const enrolment = latest(reports, FORM.enrolment);
  return enrolment && quarantineFrom(reports, enrolment);
}

export const closedAt = (q: Quarantine, time: number): boolean => !!q.closedBy && q.closedBy.reported_date <= time;
export const monitoredAt = (q: Quarantine | undefined, time: number): boolean => !!q && q.sms && time >= q.start && time < q.endsAt && !closedAt(q, time);
export const endCheckDue = (q: Quarantine): number => Math.max(q.lastDay, startOfDay(q.enrolment.reported_date));
export const endCheckOverdue = (q: Quarantine): number => addDays(endCheckDue(q), 4);

export function silenceClockStart(enrolment: R): number {
  const q = periodOf(enrolment);
  return Math.max(enrolment.reported_date, q ? q.start : enrolment.reported_date);
}

/** A "yes" to a check-in of one of this contact's quarantines, for one of its days, before an end check closed it. */
export function isSymptomaticAlert(reports: readonly R[], record: R): boolean {
  if (typed(record, 'symptomatic', 'boolean') !== true) return false;
  const enrolmentId = (typed(record, 'enrollment_id', 'string') as string | null) ?? '';
  const enrolment = reports.find((report) => report._id === enrolmentId);
  const q = enrolment && enrolment.form === FORM.enrolment ? quarantineFrom(reports, enrolment) : undefined;
  const day = typed(record, 'quarantine_day', 'number') as number | null;
  return !!q && day !== null && day >= 1 && day <= q.length && !closedAt(q, record.reported_date);
}

/** The symptomatic answers grouped into follow-ups: a "yes" joins the open one (≤ 7 days, not followed up yet). */
export function episodes(reports: readonly R[]): R[][] {
  const list: R[][] = [];
  for (const record of reports) {
    if (record.form !== FORM.symptoms || !isSymptomaticAlert(reports, record)) continue;
    const open = list[list.length - 1];
    const firstAt = open ? open[0].reported_date : 0;
    const joins = !!open && Math.round((startOfDay(record.reported_date) - startOfDay(firstAt)) / DAY) <= 7 &&
      !first(reports, FORM.symptomaticFollowUp, firstAt, undefined, record.reported_date);
    if (joins) open.push(record);
    else list.push([record]);
  }
  return list;
}

export function episodeInputs(episode: R[]): Record<string, unknown> {
  const any = (symptom: string): boolean => episode.some((record) => isTrue(record, symptom));
  return {
    fever: any('fever'),
    cough: any('cough'),
    breathing: any('breathing'),
    quarantine_day: typed(episode[episode.length - 1], 'quarantine_day', 'number') ?? '',
  };
}

export interface Opening { report: R; at: number; rank: number; next?: Opening }

/** The reports that (re)started the silence clock since the latest enrolment, each with the next. */
export function silenceOpenings(reports: readonly R[]): Opening[] {
  const start = latest(reports, FORM.enrolment);
  if (!start) return [];
  const from = start.reported_date;
  const startAt = Math.max(from, silenceClockStart(start));
  const list: Opening[] = [{ report: start, at: startAt, rank: 0 }];
  for (const report of reports) {
    if (report.form === FORM.symptoms && report.reported_date >= from && isTrue(report, 'answered')) list.push({ report, at: Math.max(report.reported_date, startAt), rank: 1 });
  }
  for (const report of reports) {
    if (report.form === FORM.checkVisit && report.reported_date > from) list.push({ report, at: Math.max(report.reported_date, startAt), rank: 2 });
  }
  list.sort((a, b) => a.at - b.at || a.rank - b.rank);
  list.forEach((opening, i) => { opening.next = list[i + 1]; });
  return list;
}

/** Whether an opening's silence is still going on (or ended by the visit once the task showed), on an SMS quarantine at its due date. */
export function silenceRaises(reports: readonly R[], opening: Opening): boolean {
  const due = opening.at + 2 * DAY;
  const next = opening.next;
  return (!next || (next.report.form === FORM.checkVisit && next.at >= due)) && monitoredAt(currentQuarantine(reports), due);
}

export function endCheckInputs(enrolment: R): Record<string, unknown> {
  const q = periodOf(enrolment);
  return { quarantine_start: q ? isoDate(q.start) : '', quarantine_end: q ? isoDate(q.lastDay) : '', enrollment_id: enrolment._id };
}

// ---------------------------------------------------------------- remote training

export const TRAINING_QUESTIONS = 7;
export const isAnswer = (record: R): boolean => typed(record, 'kind', 'string') === 'answer';
export const isCompletion = (record: R): boolean => typed(record, 'kind', 'string') === 'complete';
export const isWrong = (record: R): boolean => isAnswer(record) && typed(record, 'correct', 'boolean') === false;
export const trainingConsent = (enrolment: R | undefined): boolean => text(enrolment, 'training.consent') === 'yes';

export interface Progress { enrolment: R; consented: boolean; answered: number; completion?: R }

export function trainingProgress(reports: readonly R[]): Progress | undefined {
  const enrolment = latest(reports, FORM.trainingEnrolment);
  if (!enrolment) return undefined;
  const questions = new Set<string>();
  let completion: R | undefined;
  for (const record of reports) {
    if (record.form !== FORM.training || record.reported_date < enrolment.reported_date) continue;
    if (isAnswer(record)) questions.add((typed(record, 'question_id', 'string') as string | null) ?? '');
    else if (isCompletion(record) && !completion) completion = record;
  }
  return { enrolment, consented: trainingConsent(enrolment), answered: questions.size, completion };
}

/** Answered after the CHW was first enrolled with consent. */
export function answeredWhileTrained(reports: readonly R[], record: R): boolean {
  const firstEnrolment = first(reports, FORM.trainingEnrolment, -Infinity, trainingConsent);
  return !!firstEnrolment && record.reported_date >= firstEnrolment.reported_date;
}

export function trainingFollowUp(reports: readonly R[], since: number, reason: string, questionId?: string): R | undefined {
  return first(reports, FORM.trainingFollowUp, since, (followUp) => {
    const method = text(followUp, 'follow_up.contact_method');
    return (method === 'in_person' || method === 'phone') && text(followUp, 'reason') === reason &&
      (questionId === undefined || text(followUp, 'question_id') === questionId);
  });
}

export const wrongAnswerFollowUp = (reports: readonly R[], record: R): R | undefined =>
  trainingFollowUp(reports, record.reported_date, 'wrong_answer', (typed(record, 'question_id', 'string') as string | null) ?? '');

export function wrongAnswerInputs(record: R): Record<string, unknown> {
  const questionId = (typed(record, 'question_id', 'string') as string | null) ?? '';
  const answer = ((typed(record, 'answer', 'string') as string | null) ?? '').trim();
  const letter = answer.toLowerCase();
  return {
    reason: 'wrong_answer',
    topic: typed(record, 'topic', 'string') ?? '',
    question_id: questionId,
    answer,
    answer_option: ['a', 'b', 'c'].includes(letter) ? `${questionId}_${letter}` : 'unclear',
  };
}

// ---------------------------------------------------------------- wellbeing

export const wellbeingConsent = (enrolment: R | undefined): boolean => text(enrolment, 'enrollment.consent') === 'yes';
export const answeredWeek = (record: R): boolean => isTrue(record, 'answered');

export function symptomaticWeek(record: R): boolean {
  return ['fever', 'cough', 'difficulty_breathing', 'loss_taste_smell'].some((symptom) => isTrue(record, symptom));
}

function item(record: R, name: string): number | undefined {
  const value = typed(record, name, 'number');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? value : undefined;
}

function subscale(record: R, a: string, b: string): number | undefined {
  const first = item(record, a);
  const second = item(record, b);
  return first === undefined || second === undefined ? undefined : first + second;
}

export function needsSupport(record: R): boolean {
  const gad2 = subscale(record, 'phq_anxious', 'phq_worry');
  const phq2 = subscale(record, 'phq_interest', 'phq_down');
  return (gad2 !== undefined && gad2 >= 3) || (phq2 !== undefined && phq2 >= 3) || isTrue(record, 'wants_counsellor');
}

/** When the current enrolment began (the first consent since the last withdrawal). */
export function enrolledSince(reports: readonly R[]): number | undefined {
  let since: number | undefined;
  for (const enrolment of reports) {
    if (enrolment.form !== FORM.wellbeingEnrolment) continue;
    if (!wellbeingConsent(enrolment)) since = undefined;
    else if (since === undefined) since = enrolment.reported_date;
  }
  return since;
}

export const enrolledWhenAnswered = (reports: readonly R[], record: R): boolean =>
  wellbeingConsent(latest(reports, FORM.wellbeingEnrolment, undefined, record.reported_date));

export const wellbeingFollowUp = (reports: readonly R[], reason: string, from: number, until = Infinity): R | undefined =>
  first(reports, FORM.wellbeingFollowUp, from, (followUp) => text(followUp, 'follow_up.check_reason') === reason, until);

export function missedStreak(reports: readonly R[], record: R, since: number | undefined): number {
  const time = record.reported_date;
  const answered = latest(reports, FORM.wellbeing, answeredWeek, time);
  const followedUp = latest(reports, FORM.wellbeingFollowUp, (followUp) => text(followUp, 'follow_up.check_reason') === 'missed', time);
  const after = Math.max(answered ? answered.reported_date : -Infinity, followedUp ? followedUp.reported_date : -Infinity);
  const from = Math.max(after === -Infinity ? 0 : after + 1, since ?? Infinity);
  return count(reports, FORM.wellbeing, from, time + 1, (week) => !answeredWeek(week));
}

export function latestAnsweredSince(reports: readonly R[], since: number | undefined): R | undefined {
  return since === undefined ? undefined : latest(reports, FORM.wellbeing, (week) => week.reported_date >= since && answeredWeek(week));
}
