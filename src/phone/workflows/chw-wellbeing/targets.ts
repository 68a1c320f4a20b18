/**
 * The supervisor's dashboard. Only supervisors see the targets (`context`:
 * `user.role === 'chw_supervisor'`, what CHT 4.11 can evaluate), and the CHW the figures are about
 * is never counted on their own phone. Referrals count the weeks answered while the CHW was
 * enrolled, each once.
 */
import { ContactWithReports } from '../../kit/docs';
import { indexOf } from '../../kit/report-index';
import { ruleNow } from '../../kit/runtime';
import { contactPercentTarget, groupedRecordTarget, recordPercentTarget } from '../../kit/target-builders';
import { DAY } from '../../kit/time';
import { ICON, wellbeingRecord } from './model';
import { answeredWhileEnrolled, enrolledSince, followUpAfter, isAnsweredWeek, isEnrolled, needsSupport } from './state';
import { SUPERVISORS_ONLY } from './tasks';

/** Days a supervisor has to follow up a referral: the task's window. */
const FOLLOW_UP_DAYS = 7;

/**
 * "This week" is the last seven days, not the calendar week: each CHW chooses their check-in day,
 * so a Monday-to-Sunday week would show Friday CHWs as missing every Monday.
 */
function answeredInLastWeek(c: ContactWithReports): boolean {
  const now = ruleNow();
  const from = Math.max(now - 7 * DAY, enrolledSince(c) ?? Infinity);
  return indexOf(c).countBetween(wellbeingRecord.code, from, now + 1, isAnsweredWeek) > 0;
}

export const checkedInTarget = contactPercentTarget({
  id: 'chw-wellbeing-checked-in-this-week',
  period: 'last-7-days',
  icon: ICON,
  contactTypes: ['person'],
  audience: SUPERVISORS_ONLY,
  of: (c) => c.contact.role === 'chw' && isEnrolled(c),
  passes: answeredInLastWeek,
  goal: 80,
});

/** CHWs (not records) who needed psychosocial support this month. */
export const referredTarget = groupedRecordTarget({
  id: 'chw-wellbeing-referred',
  period: 'this-month',
  icon: ICON,
  record: wellbeingRecord,
  type: 'count',
  audience: SUPERVISORS_ONLY,
  when: (report, c) => answeredWhileEnrolled(c, report) && needsSupport(report),
  gte: 1,
});

export const followedUpTarget = recordPercentTarget({
  id: 'chw-wellbeing-referrals-followed-up',
  period: 'this-month',
  icon: ICON,
  record: wellbeingRecord,
  audience: SUPERVISORS_ONLY,
  of: (report, c) => answeredWhileEnrolled(c, report) && needsSupport(report),
  passes: (report, c) => !!followUpAfter(c, 'psychosocial', report.reported_date, report.reported_date + FOLLOW_UP_DAYS * DAY),
});

export const targets = [checkedInTarget, referredTarget, followedUpTarget] as const;
