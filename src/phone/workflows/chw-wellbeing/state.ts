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
import { indexOf } from '../../kit/report-index';
import { FollowUpReason, enrollmentForm, followUpForm, followUpReason, hasConsent, wellbeingRecord } from './model';

export const POSITIVE_SCREEN = 3;

export type PhqItem = 0 | 1 | 2 | 3;

/** The item if it is a valid PHQ-4 answer, otherwise undefined. */
export function validItem(value: unknown): PhqItem | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? (value as PhqItem) : undefined;
}

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

/** Scores one weekly record. Booleans count only when they are really `true`. */
export function screen(record: ReportDoc): WellbeingScreen {
  const get = wellbeingRecord.get.bind(wellbeingRecord, record);
  const gad2 = subscale(get('phq_anxious'), get('phq_worry'));
  const phq2 = subscale(get('phq_interest'), get('phq_down'));
  const anxietyPositive = gad2 !== undefined && gad2 >= POSITIVE_SCREEN;
  const depressionPositive = phq2 !== undefined && phq2 >= POSITIVE_SCREEN;
  const wantsCounsellor = get('wants_counsellor') === true;
  return {
    answered: get('answered') === true,
    symptomatic: SYMPTOMS.some((symptom) => get(symptom) === true),
    gad2,
    phq2,
    anxietyPositive,
    depressionPositive,
    wantsCounsellor,
    needsSupport: anxietyPositive || depressionPositive || wantsCounsellor,
  };
}

/** The latest enrolment decides: a later "no consent" enrolment withdraws the CHW. */
export function isEnrolled(c: ContactWithReports): boolean {
  return enrolledSince(c) !== undefined;
}

/**
 * When the CHW's current enrolment began: the first enrolment with consent since the last
 * withdrawal (an enrolment without consent). A re-enrolment with consent (a new day or language)
 * continues it. Undefined while the CHW is withdrawn or was never enrolled.
 */
export function enrolledSince(c: ContactWithReports): number | undefined {
  return indexOf(c).remember('wellbeing:enrolled-since', () => {
    const enrolments = indexOf(c).byForm(enrollmentForm.id);
    let since: number | undefined;
    for (const enrolment of enrolments) {
      if (!hasConsent(enrolment)) since = undefined;
      else if (since === undefined) since = enrolment.reported_date;
    }
    return since;
  });
}

/** Whether the CHW was enrolled (with consent) when the weekly record was answered: what targets count. */
export function answeredWhileEnrolled(c: ContactWithReports, record: ReportDoc): boolean {
  return hasConsent(indexOf(c).latest(enrollmentForm.id, (enrolment) => enrolment.reported_date <= record.reported_date));
}

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
  return indexOf(c).latest(wellbeingRecord.code, (report) => inCurrentEnrolment(c, report));
}

/** The latest answered weekly record of the current enrolment. */
export function latestAnsweredCheck(c: ContactWithReports): ReportDoc | undefined {
  return indexOf(c).remember('wellbeing:last-answered', () =>
    indexOf(c).latest(wellbeingRecord.code, (report) => inCurrentEnrolment(c, report) && screen(report).answered));
}

/** A follow-up for `reason` submitted after `time` (optionally before `until`). */
export function followUpAfter(c: ContactWithReports, reason: FollowUpReason, time: number, until = Infinity): ReportDoc | undefined {
  return indexOf(c).firstAfter(followUpForm.id, time, (report) => followUpReason(report) === reason, until);
}

/**
 * Missed weeks in a row up to and including `record`, counted since the last answered week, the
 * last "missed check-ins" follow-up or the start of the current enrolment, whichever is later:
 * after a follow-up the count starts again, so two more missed weeks raise a new task. Each week
 * counts once, however many copies of its record reached CHT.
 */
export function missedStreak(c: ContactWithReports, record: ReportDoc): number {
  return indexOf(c).remember(`wellbeing:streak:${record._id}`, () => {
    const index = indexOf(c);
    const before = (report: ReportDoc): boolean => report.reported_date <= record.reported_date;
    const answered = index.latest(wellbeingRecord.code, (report) => before(report) && screen(report).answered);
    const followedUp = index.latest(followUpForm.id, (report) => before(report) && followUpReason(report) === 'missed');
    const since = Math.max(answered?.reported_date ?? -Infinity, followedUp?.reported_date ?? -Infinity);
    const enrolled = enrolledSince(c) ?? Infinity;
    const from = Math.max(since === -Infinity ? 0 : since + 1, enrolled);
    return index.countBetween(wellbeingRecord.code, from, record.reported_date + 1, (report) => !screen(report).answered);
  });
}
