/**
 * Per-contact facts the tasks, targets and summary share, computed once per contact through the
 * report index (never by scanning `c.reports`).
 */
import { ContactWithReports, ReportDoc } from '../../cht/docs';
import { indexOf } from '../../cht/report-index';
import { enrollmentForm, FollowUpReason, followUpForm, followUpReason, hasConsent } from './forms';
import { RECORD_CODE } from './results';
import { screen } from './scoring';

export const DAY = 24 * 60 * 60 * 1000;

/** The latest enrolment decides: a later "no consent" enrolment withdraws the CHW. */
export function isEnrolled(c: ContactWithReports): boolean {
  return indexOf(c).remember('wellbeing:enrolled', () => hasConsent(indexOf(c).latest(enrollmentForm.id)));
}

export function latestCheck(c: ContactWithReports): ReportDoc | undefined {
  return indexOf(c).latest(RECORD_CODE);
}

export function latestAnsweredCheck(c: ContactWithReports): ReportDoc | undefined {
  return indexOf(c).remember('wellbeing:last-answered', () => indexOf(c).latest(RECORD_CODE, (report) => screen(report).answered));
}

/** A follow-up for `reason` submitted after `time` (optionally before `until`). */
export function followUpAfter(c: ContactWithReports, reason: FollowUpReason, time: number, until = Infinity): ReportDoc | undefined {
  return indexOf(c).firstAfter(followUpForm.id, time, (report) => followUpReason(report) === reason, until);
}

/**
 * Missed weeks in a row up to and including `record`, counted since the last answered week or the
 * last "missed check-ins" follow-up, whichever is later: after a follow-up the count starts again,
 * so two more missed weeks raise a new task.
 */
export function missedStreak(c: ContactWithReports, record: ReportDoc): number {
  return indexOf(c).remember(`wellbeing:streak:${record._id}`, () => {
    const index = indexOf(c);
    const before = (report: ReportDoc): boolean => report.reported_date <= record.reported_date;
    const answered = index.latest(RECORD_CODE, (report) => before(report) && screen(report).answered);
    const followedUp = index.latest(followUpForm.id, (report) => before(report) && followUpReason(report) === 'missed');
    const since = Math.max(answered?.reported_date ?? -Infinity, followedUp?.reported_date ?? -Infinity);
    return index.countBetween(RECORD_CODE, since === -Infinity ? 0 : since + 1, record.reported_date + 1, (report) => !screen(report).answered);
  });
}
