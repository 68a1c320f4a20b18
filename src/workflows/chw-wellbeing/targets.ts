/**
 * The supervisor's dashboard. Only supervisors see the targets (`context`), and the CHW the
 * figures are about is never counted on their own phone.
 */
import { ContactWithReports } from '../../cht/docs';
import { indexOf } from '../../cht/report-index';
import { ruleNow } from '../../cht/runtime';
import { contactPercentTarget, groupedRecordTarget, recordPercentTarget } from '../../cht/target-builders';
import { TargetDefinition } from '../../cht/targets';
import { RECORD_CODE } from './results';
import { screen } from './scoring';
import { DAY, followUpAfter, isEnrolled } from './status';
import { SUPERVISORS_ONLY } from './tasks';

export const TARGET = {
  checkedIn: 'chw-wellbeing-checked-in-this-week',
  referred: 'chw-wellbeing-referred',
  followedUp: 'chw-wellbeing-referrals-followed-up',
} as const;

const SUPERVISOR_CONTEXT = "cht.v1.hasPermissions('can_supervise_wellbeing')";
/** Days a supervisor has to follow up a referral: the task's window. */
const FOLLOW_UP_DAYS = 7;

/**
 * "This week" is the last seven days, not the calendar week: each CHW chooses their check-in day,
 * so a Monday-to-Sunday week would show Friday CHWs as missing every Monday.
 */
function answeredInLastWeek(c: ContactWithReports): boolean {
  const now = ruleNow();
  return indexOf(c).countBetween(RECORD_CODE, now - 7 * DAY, now + 1, (report) => screen(report).answered) > 0;
}

const checkedIn = contactPercentTarget({
  id: TARGET.checkedIn,
  translation_key: `target.${TARGET.checkedIn}.title`,
  subtitle_translation_key: 'target.chw-wellbeing.subtitle.last-7-days',
  icon: 'icon-people-family',
  contactTypes: ['person'],
  audience: SUPERVISORS_ONLY,
  of: (c) => c.contact.role === 'chw' && isEnrolled(c),
  passes: answeredInLastWeek,
  goal: 80,
});

/** CHWs (not records) who needed psychosocial support this month. */
const referred = groupedRecordTarget({
  id: TARGET.referred,
  translation_key: `target.${TARGET.referred}.title`,
  subtitle_translation_key: 'target.chw-wellbeing.subtitle.this-month',
  icon: 'icon-people-family',
  record: RECORD_CODE,
  type: 'count',
  audience: SUPERVISORS_ONLY,
  when: (report) => screen(report).needsSupport,
  gte: 1,
});

const followedUp = recordPercentTarget({
  id: TARGET.followedUp,
  translation_key: `target.${TARGET.followedUp}.title`,
  subtitle_translation_key: 'target.chw-wellbeing.subtitle.this-month',
  icon: 'icon-people-family',
  record: RECORD_CODE,
  audience: SUPERVISORS_ONLY,
  of: (report) => screen(report).needsSupport,
  passes: (report, c) => !!followUpAfter(c, 'psychosocial', report.reported_date, report.reported_date + FOLLOW_UP_DAYS * DAY),
});

export const wellbeingTargets: TargetDefinition[] = [checkedIn, referred, followedUp]
  .map((target) => ({ ...target, context: SUPERVISOR_CONTEXT }));
