/**
 * The CHW's figures (shown to users whose contact has role `chw`): contacts under monitoring,
 * check-in days answered, symptomatic contacts followed up within 24 h, quarantines completed.
 * Each RapidPro answer counts once, however many copies of it reached CHT.
 */
import { indexOf } from '../../kit/report-index';
import { ruleNow } from '../../kit/runtime';
import { contactCountTarget, recordCountTarget, recordPercentTarget } from '../../kit/target-builders';
import { HOUR } from '../../kit/time';
import { ICON, endCheckForm, symptomaticFollowUpForm, symptomsRecord } from './model';
import { episodeStartedBy, monitoredAt, quarantineOf } from './state';
import { CHW } from './tasks';

/** Hours within which a symptomatic contact should be followed up. */
export const FOLLOW_UP_HOURS = 24;

export const monitoredTarget = contactCountTarget({
  id: 'contact-tracing-monitored',
  icon: ICON,
  contactTypes: ['person'],
  audience: CHW,
  when: (c) => monitoredAt(quarantineOf(c), ruleNow()),
});

export const answeredTarget = recordPercentTarget({
  id: 'contact-tracing-answered',
  period: 'this-month',
  icon: ICON,
  record: symptomsRecord,
  audience: CHW,
  passes: (report) => symptomsRecord.get(report, 'answered') === true,
  goal: 80,
});

/** One instance per symptomatic episode (one follow-up task), passing when followed up within 24 h of the first "yes". */
export const followedUpTarget = recordPercentTarget({
  id: 'contact-tracing-followed-up-24h',
  period: 'this-month',
  icon: ICON,
  record: symptomsRecord,
  audience: CHW,
  of: (report, c) => !!episodeStartedBy(c, report),
  passes: (report, c) =>
    !!indexOf(c).firstAfter(symptomaticFollowUpForm.id, report.reported_date, undefined, report.reported_date + FOLLOW_UP_HOURS * HOUR),
});

export const completedTarget = recordCountTarget({
  id: 'contact-tracing-completed',
  period: 'this-month',
  icon: ICON,
  record: endCheckForm,
  audience: CHW,
  when: (report) => endCheckForm.text(report, 'end.outcome') === 'completed',
});

export const targets = [monitoredTarget, answeredTarget, followedUpTarget, completedTarget] as const;
