/**
 * What a CHW's wellbeing records say, computed once per contact through the report index (never by
 * scanning `c.reports`): the PHQ-4 screen of a weekly record, enrolment, the latest checks, the
 * supervisor's follow-ups and the streak of missed weeks.
 *
 * PHQ-4 scoring (Kroenke et al., 2009): four items scored 0–3, GAD-2 = nervous/anxious + worrying,
 * PHQ-2 = little interest + feeling down. A subscale of 3 or more is a positive screen. The rule
 * for imperfect data, chosen so that a bad value can never raise or hide a task by accident:
 * - an item is valid only if it is an integer 0, 1, 2 or 3 (a JSON number, as the webhook sends it);
 *   a missing item (null, timed-out question), a string, a decimal or an out-of-range value such as
 *   4 or -1 is invalid;
 * - a subscale is scored only when both of its items are valid; otherwise it is "not scored"
 *   (`undefined`), and a subscale that is not scored is never a positive screen, even when the one
 *   valid item is 3 on its own;
 * - the CHW's explicit request for a counsellor stands on its own and always asks for support.
 * CHT's records API does not enforce ranges (it only type-checks integers), so this is the only gate.
 */
import { ContactWithReports, ReportDoc } from '../../kit/docs';
import { indexOf, perContact, perReport } from '../../kit/report-index';
import { FollowUpReason, enrollmentForm, followUpForm, followUpReason, hasConsent, wellbeingRecord } from './model';

export const POSITIVE_SCREEN = 3;

export type PhqItem = 0 | 1 | 2 | 3;

/** The item if it is a valid PHQ-4 answer, otherwise undefined. */
export const validItem = (value: unknown): PhqItem | undefined => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? (value as PhqItem) : undefined;

/** The sum of two items, or undefined unless both are valid. */
export function subscale(first: unknown, second: unknown): number | undefined {
  const a = validItem(first);
  const b = validItem(second);
  return a === undefined || b === undefined ? undefined : a + b;
}

export interface WellbeingScreen {
  /** Whether the CHW replied at all that week (false: a missed week). */
  answered: boolean;
  /** Any of fever, cough, difficulty breathing, loss of taste or smell answered yes. */
  symptomatic: boolean;
  gad2: number | undefined;
  phq2: number | undefined;
  anxietyPositive: boolean;
  depressionPositive: boolean;
  wantsCounsellor: boolean;
  /** Psychosocial support is due: a positive GAD-2 or PHQ-2, or a counsellor requested. */
  needsSupport: boolean;
}

const SYMPTOMS = ['fever', 'cough', 'difficulty_breathing', 'loss_taste_smell'] as const;

/** Scores one weekly record (for the profile). Booleans count only when they are really `true`. */
export function screen(record: ReportDoc): WellbeingScreen {
  const gad2 = gad2Of(record);
  const phq2 = phq2Of(record);
  const anxietyPositive = gad2 !== undefined && gad2 >= POSITIVE_SCREEN;
  const depressionPositive = phq2 !== undefined && phq2 >= POSITIVE_SCREEN;
  const wantsCounsellor = wellbeingRecord.get(record, 'wants_counsellor') === true;
  return {
    answered: isAnsweredWeek(record),
    symptomatic: isSymptomaticWeek(record),
    gad2,
    phq2,
    anxietyPositive,
    depressionPositive,
    wantsCounsellor,
    needsSupport: anxietyPositive || depressionPositive || wantsCounsellor,
  };
}

// What the rules ask of a weekly record, each read without building the whole screen: they run
// for every record of every CHW.

/** The CHW replied that week (false: a missed week). */
export const isAnsweredWeek = (record: ReportDoc): boolean => wellbeingRecord.get(record, 'answered') === true;

/** Any of fever, cough, difficulty breathing, loss of taste or smell answered yes. */
export function isSymptomaticWeek(record: ReportDoc): boolean {
  for (let i = 0; i < SYMPTOMS.length; i++) if (wellbeingRecord.get(record, SYMPTOMS[i]) === true) return true;
  return false;
}

/** Psychosocial support is due: a positive GAD-2 or PHQ-2, or a counsellor requested. */
export function needsSupport(record: ReportDoc): boolean {
  if (wellbeingRecord.get(record, 'wants_counsellor') === true) return true;
  const gad2 = gad2Of(record);
  if (gad2 !== undefined && gad2 >= POSITIVE_SCREEN) return true;
  const phq2 = phq2Of(record);
  return phq2 !== undefined && phq2 >= POSITIVE_SCREEN;
}

const gad2Of = (record: ReportDoc): number | undefined => subscale(wellbeingRecord.get(record, 'phq_anxious'), wellbeingRecord.get(record, 'phq_worry'));
const phq2Of = (record: ReportDoc): number | undefined => subscale(wellbeingRecord.get(record, 'phq_interest'), wellbeingRecord.get(record, 'phq_down'));

/** The latest enrolment decides: a later "no consent" enrolment withdraws the CHW. */
export const isEnrolled = (c: ContactWithReports): boolean => enrolledSince(c) !== undefined;

/**
 * When the CHW's current enrolment began: the first enrolment with consent since the last
 * withdrawal (an enrolment without consent). A re-enrolment with consent (a new day or language)
 * continues it. Undefined while the CHW is withdrawn or was never enrolled.
 */
export const enrolledSince = perContact((_c, index): number | undefined => {
  const enrolments = index.byForm(enrollmentForm.id);
  let since: number | undefined;
  for (let i = 0; i < enrolments.length; i++) {
    const enrolment = enrolments[i];
    if (!hasConsent(enrolment)) since = undefined;
    else if (since === undefined) since = enrolment.reported_date;
  }
  return since;
});

/** Whether the CHW was enrolled (with consent) when the weekly record was answered: what targets count. */
export const answeredWhileEnrolled = (c: ContactWithReports, record: ReportDoc): boolean => hasConsent(indexOf(c).latestUntil(enrollmentForm.id, record.reported_date));

/**
 * Whether a weekly record raises the supervisor's tasks: answered during the CHW's current
 * enrolment. Records from before the enrolment, or from before a withdrawal the CHW later
 * re-enrolled after, are history: they raise nothing.
 */
export function inCurrentEnrolment(c: ContactWithReports, record: ReportDoc): boolean {
  const since = enrolledSince(c);
  return since !== undefined && record.reported_date >= since;
}

/** The latest weekly record of the current enrolment. */
export function latestCheck(c: ContactWithReports): ReportDoc | undefined {
  const since = enrolledSince(c);
  const last = indexOf(c).latest(wellbeingRecord.code);
  return since !== undefined && last && last.reported_date >= since ? last : undefined;
}

/** The latest answered weekly record of the current enrolment. */
export const latestAnsweredCheck = perContact((c, index): ReportDoc | undefined => {
  const since = enrolledSince(c);
  if (since === undefined) return undefined;
  const records = index.byForm(wellbeingRecord.code);
  for (let i = records.length - 1; i >= 0 && records[i].reported_date >= since; i--) {
    if (isAnsweredWeek(records[i])) return records[i];
  }
  return undefined;
});

/** A follow-up for `reason` submitted after `time` (optionally before `until`). */
export const followUpAfter = (c: ContactWithReports, reason: FollowUpReason, time: number, until = Infinity): ReportDoc | undefined =>
  indexOf(c).firstAfter(followUpForm.id, time, (followUp) => followUpReason(followUp) === reason, until);

/**
 * Missed weeks in a row up to and including `record`, counted since the last answered week, the
 * last "missed check-ins" follow-up or the start of the current enrolment, whichever is later:
 * after a follow-up the count starts again, so two more missed weeks raise a new task. Each week
 * counts once, however many copies of its record reached CHT.
 */
export const missedStreak = perReport((c, record, index): number => {
  const time = record.reported_date;
  const answered = index.latestUntil(wellbeingRecord.code, time, isAnsweredWeek);
  const followedUp = latestAtOrBefore(missedFollowUps(c), time);
  const since = Math.max(answered ? answered.reported_date : -Infinity, followedUp ? followedUp.reported_date : -Infinity);
  const enrolled = enrolledSince(c) ?? Infinity;
  const from = Math.max(since === -Infinity ? 0 : since + 1, enrolled);
  return index.countBetween(wellbeingRecord.code, from, time + 1, isMissedWeek);
});

const isMissedWeek = (record: ReportDoc): boolean => !isAnsweredWeek(record);
const isMissedFollowUp = (followUp: ReportDoc): boolean => followUpReason(followUp) === 'missed';
/** The follow-ups of missed weeks, oldest first: few, so each weekly record looks through them, not through every follow-up. */
const missedFollowUps = perContact((_c, index) => index.byForm(followUpForm.id).filter(isMissedFollowUp));

function latestAtOrBefore(reports: readonly ReportDoc[], time: number): ReportDoc | undefined {
  for (let i = reports.length - 1; i >= 0; i--) if (reports[i].reported_date <= time) return reports[i];
  return undefined;
}
