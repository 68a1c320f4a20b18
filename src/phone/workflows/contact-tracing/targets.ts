/** The CHW's figures: contacts under monitoring, check-in days answered, symptomatic contacts followed up, quarantines completed. */
import { ruleNow } from '../../kit/runtime';
import { contactCountTarget, followUpTarget, recordCountTarget, recordPercentTarget } from '../../kit/target-builders';
import { endCheckForm, symptomaticFollowUpForm, symptomsRecord } from './model';
import { monitoredAt, quarantineOf } from './state';

export const monitoredTarget = contactCountTarget({
  id: 'contact-tracing-monitored',
  icon: 'icon-healthcare',
  contactTypes: ['person'],
  when: (c) => monitoredAt(quarantineOf(c), ruleNow()),
});

export const answeredTarget = recordPercentTarget({
  id: 'contact-tracing-answered',
  period: 'this-month',
  icon: 'icon-healthcare',
  record: symptomsRecord,
  passes: (report) => symptomsRecord.get(report, 'answered') === true,
  goal: 80,
});

export const followedUpTarget = followUpTarget({
  id: 'contact-tracing-followed-up-24h',
  period: 'this-month',
  icon: 'icon-healthcare',
  record: symptomsRecord,
  when: (report) => symptomsRecord.get(report, 'symptomatic') === true,
  actionForm: symptomaticFollowUpForm,
  withinHours: 24,
});

export const completedTarget = recordCountTarget({
  id: 'contact-tracing-completed',
  period: 'this-month',
  icon: 'icon-healthcare',
  record: endCheckForm,
  when: (report) => endCheckForm.text(report, 'end.outcome') === 'completed',
});

export const targets = [monitoredTarget, answeredTarget, followedUpTarget, completedTarget] as const;
