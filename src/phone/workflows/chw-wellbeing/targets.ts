/**
 * The supervisor's dashboard. Only supervisors see the targets (`context`), and the CHW the
 * figures are about is never counted on their own phone.
 */
import { Audience } from '../../kit/audience';
import { ContactWithReports } from '../../kit/docs';
import { indexOf } from '../../kit/report-index';
import { ruleNow } from '../../kit/runtime';
import { contactPercentTarget, groupedRecordTarget, recordPercentTarget } from '../../kit/target-builders';
import { DAY } from '../../kit/time';
import { wellbeingRecord } from './model';
import { followUpAfter, isEnrolled, screen } from './state';
import { SUPERVISORS_ONLY } from './tasks';

const SUPERVISOR_DASHBOARD: Audience = { ...SUPERVISORS_ONLY, context: "cht.v1.hasPermissions('can_supervise_wellbeing')" };
/** Days a supervisor has to follow up a referral: the task's window. */
const FOLLOW_UP_DAYS = 7;

/**
 * "This week" is the last seven days, not the calendar week: each CHW chooses their check-in day,
 * so a Monday-to-Sunday week would show Friday CHWs as missing every Monday.
 */
function answeredInLastWeek(c: ContactWithReports): boolean {
  const now = ruleNow();
  return indexOf(c).countBetween(wellbeingRecord.code, now - 7 * DAY, now + 1, (report) => screen(report).answered) > 0;
}

export const checkedInTarget = contactPercentTarget({
  id: 'chw-wellbeing-checked-in-this-week',
  period: 'last-7-days',
  icon: 'icon-people-family',
  contactTypes: ['person'],
  audience: SUPERVISOR_DASHBOARD,
  of: (c) => c.contact.role === 'chw' && isEnrolled(c),
  passes: answeredInLastWeek,
  goal: 80,
});

/** CHWs (not records) who needed psychosocial support this month. */
export const referredTarget = groupedRecordTarget({
  id: 'chw-wellbeing-referred',
  period: 'this-month',
  icon: 'icon-people-family',
  record: wellbeingRecord,
  type: 'count',
  audience: SUPERVISOR_DASHBOARD,
  when: (report) => screen(report).needsSupport,
  gte: 1,
});

export const followedUpTarget = recordPercentTarget({
  id: 'chw-wellbeing-referrals-followed-up',
  period: 'this-month',
  icon: 'icon-people-family',
  record: wellbeingRecord,
  audience: SUPERVISOR_DASHBOARD,
  of: (report) => screen(report).needsSupport,
  passes: (report, c) => !!followUpAfter(c, 'psychosocial', report.reported_date, report.reported_date + FOLLOW_UP_DAYS * DAY),
});

export const targets = [checkedInTarget, referredTarget, followedUpTarget] as const;
