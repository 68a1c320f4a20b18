/** CHW wellbeing's tasks and targets, hand-written in the common style (see ./common.ts). */
import { ContactWithReports, ReportDoc } from '../../src/phone/kit/docs';
import { TargetDefinition } from '../../src/phone/kit/targets';
import { ReportTask } from '../../src/phone/kit/tasks';
import { followUpReason, hasConsent } from '../../src/phone/workflows/chw-wellbeing/model';
import { screen } from '../../src/phone/workflows/chw-wellbeing/state';
import { DAY, firstSince, mostRecent, mostRecentWhere, now, supervisorSees } from './common';

const ENROLMENT = 'wellbeing_enrollment';
const FOLLOW_UP = 'wellbeing_follow_up';
const RECORD = 'RP_WELLBEING';
const PERMISSION = 'can_supervise_wellbeing';

const enrolled = (c: ContactWithReports): boolean => hasConsent(mostRecent(c, ENROLMENT));

const followUpAfter = (c: ContactWithReports, reason: string, time: number, until = Infinity): ReportDoc | undefined =>
  firstSince(c, FOLLOW_UP, time, (f) => followUpReason(f) === reason, until);

function missedStreak(c: ContactWithReports, record: ReportDoc): number {
  const before = (r: ReportDoc): boolean => r.reported_date <= record.reported_date;
  const answered = mostRecentWhere(c, RECORD, (r) => before(r) && screen(r).answered);
  const followedUp = mostRecentWhere(c, FOLLOW_UP, (r) => before(r) && followUpReason(r) === 'missed');
  const since = Math.max(answered?.reported_date ?? -Infinity, followedUp?.reported_date ?? -Infinity);
  const from = since === -Infinity ? 0 : since + 1;
  return c.reports.filter((r) => r.form === RECORD && !r.deleted && r.reported_date >= from && r.reported_date <= record.reported_date && !screen(r).answered).length;
}

function followUpTask(reason: string, name: string, when: (r: ReportDoc, c: ContactWithReports) => boolean, high: boolean, alsoResolvedBy?: (c: ContactWithReports, r: ReportDoc) => boolean): ReportTask {
  return {
    name,
    icon: 'icon-people-family',
    title: `task.${name}.title`,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && when(r, c) && enrolled(c),
    resolvedIf: (c, r) => !!r && (!!followUpAfter(c, reason, r.reported_date) || !!alsoResolvedBy?.(c, r)),
    events: [{ id: `${name}-event`, days: 0, start: 0, end: 7 }],
    priority: high ? { level: 'high', label: 'task.chw-wellbeing.priority.high' } : undefined,
    actions: [{ type: 'report', form: FOLLOW_UP, label: `task.${name}.action`, modifyContent: (content) => { content.reason = reason; } }],
  };
}

export const tasks: ReportTask[] = [
  followUpTask('psychosocial', 'chw-wellbeing-psychosocial', (r) => screen(r).needsSupport, true),
  followUpTask('symptomatic', 'chw-wellbeing-symptomatic', (r) => screen(r).symptomatic, false),
  followUpTask('missed', 'chw-wellbeing-missed-check-ins', (r, c) => !screen(r).answered && missedStreak(c, r) === 2, false,
    (c, r) => (mostRecentWhere(c, RECORD, (x) => screen(x).answered)?.reported_date ?? -Infinity) > r.reported_date),
];

const CONTEXT = "cht.v1.hasPermissions('can_supervise_wellbeing')";

export const targets: TargetDefinition[] = [
  {
    id: 'chw-wellbeing-checked-in-this-week',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-checked-in-this-week.title',
    subtitle_translation_key: 'target.chw-wellbeing.subtitle.last-7-days',
    context: CONTEXT,
    type: 'percent',
    goal: 80,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => supervisorSees(c, PERMISSION) && c.contact.role === 'chw' && enrolled(c),
    passesIf: (c) => {
      const t = now();
      return c.reports.some((r) => r.form === RECORD && !r.deleted && r.reported_date >= t - 7 * DAY && r.reported_date <= t && screen(r).answered);
    },
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'chw-wellbeing-referred',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-referred.title',
    subtitle_translation_key: 'target.chw-wellbeing.subtitle.this-month',
    context: CONTEXT,
    type: 'count',
    goal: -1,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && screen(r).needsSupport,
    groupBy: (c) => c.contact._id,
    passesIfGroupCount: { gte: 1 },
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'chw-wellbeing-referrals-followed-up',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-referrals-followed-up.title',
    subtitle_translation_key: 'target.chw-wellbeing.subtitle.this-month',
    context: CONTEXT,
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && screen(r).needsSupport,
    passesIf: (c, r) => !!r && !!followUpAfter(c, 'psychosocial', r.reported_date, r.reported_date + 7 * DAY),
    idType: 'report',
    date: 'reported',
  },
];
