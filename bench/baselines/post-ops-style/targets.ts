/**
 * The project's targets in the style of medic/cht-post-ops-app: read the report first, scan the
 * contact's reports only for the reports that can count.
 */
import type { TargetDefinition } from '../../../src/phone/kit/targets';
import {
  DAY, FORM, HOUR, answeredWeek, answeredWhileTrained, count, countedReports, currentQuarantine, enrolledSince, enrolledWhenAnswered,
  episodes, first, isAnswer, isCopy, isTrue, isWrong, monitoredAt, needsSupport, seenBy, text, trainingProgress, wellbeingFollowUp, wrongAnswerFollowUp,
} from '../shared';

declare const user: { _id: string; role?: string };
declare const cht: { v1: { hasPermissions(permission: string): boolean } };
declare const Utils: { now(): Date };

const CHW = 'chw';
const SUPERVISOR = 'chw_supervisor';

export = [
  {
    id: 'contact-tracing-monitored',
    icon: 'icon-healthcare',
    translation_key: 'target.contact-tracing-monitored.title',
    context: `user.role === '${CHW}'`,
    type: 'count',
    goal: -1,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => seenBy(c, user, cht, CHW) && monitoredAt(currentQuarantine(countedReports(c)), Utils.now().getTime()),
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'contact-tracing-answered',
    icon: 'icon-healthcare',
    translation_key: 'target.contact-tracing-answered.title',
    subtitle_translation_key: 'target.period.this-month',
    context: `user.role === '${CHW}'`,
    type: 'percent',
    goal: 80,
    appliesTo: 'reports',
    appliesToType: [FORM.symptoms],
    appliesIf: (c, r) => !!r && seenBy(c, user, cht, CHW) && !isCopy(c, r),
    passesIf: (_c, r) => !!r && isTrue(r, 'answered'),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'contact-tracing-followed-up-24h',
    icon: 'icon-healthcare',
    translation_key: 'target.contact-tracing-followed-up-24h.title',
    subtitle_translation_key: 'target.period.this-month',
    context: `user.role === '${CHW}'`,
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [FORM.symptoms],
    appliesIf: (c, r) => !!r && isTrue(r, 'symptomatic') && seenBy(c, user, cht, CHW) && !isCopy(c, r) &&
      episodes(countedReports(c)).some((episode) => episode[0] === r),
    passesIf: (c, r) => !!r && !!first(countedReports(c), FORM.symptomaticFollowUp, r.reported_date, undefined, r.reported_date + 24 * HOUR),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'contact-tracing-completed',
    icon: 'icon-healthcare',
    translation_key: 'target.contact-tracing-completed.title',
    subtitle_translation_key: 'target.period.this-month',
    context: `user.role === '${CHW}'`,
    type: 'count',
    goal: -1,
    appliesTo: 'reports',
    appliesToType: [FORM.endCheck],
    appliesIf: (c, r) => !!r && text(r, 'end.outcome') === 'completed' && seenBy(c, user, cht, CHW) && !isCopy(c, r),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'remote-training-enrolled',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training-enrolled.title',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'count',
    goal: -1,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => {
      if (!seenBy(c, user, cht, SUPERVISOR, 'can_supervise_training')) return false;
      const p = trainingProgress(countedReports(c));
      return !!p && p.consented;
    },
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'remote-training-completed',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training-completed.title',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'percent',
    goal: 80,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => {
      if (!seenBy(c, user, cht, SUPERVISOR, 'can_supervise_training')) return false;
      const p = trainingProgress(countedReports(c));
      return !!p && p.consented;
    },
    passesIf: (c) => {
      const p = trainingProgress(countedReports(c));
      return !!p && !!p.completion;
    },
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'remote-training-answers-correct',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training-answers-correct.title',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'percent',
    goal: 80,
    appliesTo: 'reports',
    appliesToType: [FORM.training],
    appliesIf: (c, r) => !!r && isAnswer(r) && seenBy(c, user, cht, SUPERVISOR, 'can_supervise_training') && !isCopy(c, r) && answeredWhileTrained(countedReports(c), r),
    passesIf: (_c, r) => !!r && isTrue(r, 'correct'),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'remote-training-follow-ups-done',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training-follow-ups-done.title',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [FORM.training],
    appliesIf: (c, r) => !!r && isWrong(r) && seenBy(c, user, cht, SUPERVISOR, 'can_supervise_training') && !isCopy(c, r) && answeredWhileTrained(countedReports(c), r),
    passesIf: (c, r) => !!r && !!wrongAnswerFollowUp(countedReports(c), r),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'chw-wellbeing-checked-in-this-week',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-checked-in-this-week.title',
    subtitle_translation_key: 'target.period.last-7-days',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'percent',
    goal: 80,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => c.contact.role === 'chw' && seenBy(c, user, cht, SUPERVISOR, 'can_supervise_wellbeing') && enrolledSince(countedReports(c)) !== undefined,
    passesIf: (c) => {
      const reports = countedReports(c);
      const now = Utils.now().getTime();
      const from = Math.max(now - 7 * DAY, enrolledSince(reports) ?? Infinity);
      return count(reports, FORM.wellbeing, from, now + 1, answeredWeek) > 0;
    },
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'chw-wellbeing-referred',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-referred.title',
    subtitle_translation_key: 'target.period.this-month',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'count',
    goal: -1,
    appliesTo: 'reports',
    appliesToType: [FORM.wellbeing],
    appliesIf: (c, r) => !!r && needsSupport(r) && seenBy(c, user, cht, SUPERVISOR, 'can_supervise_wellbeing') && !isCopy(c, r) && enrolledWhenAnswered(countedReports(c), r),
    groupBy: (c) => c.contact._id,
    passesIfGroupCount: { gte: 1 },
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'chw-wellbeing-referrals-followed-up',
    icon: 'icon-people-family',
    translation_key: 'target.chw-wellbeing-referrals-followed-up.title',
    subtitle_translation_key: 'target.period.this-month',
    context: `user.role === '${SUPERVISOR}'`,
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [FORM.wellbeing],
    appliesIf: (c, r) => !!r && needsSupport(r) && seenBy(c, user, cht, SUPERVISOR, 'can_supervise_wellbeing') && !isCopy(c, r) && enrolledWhenAnswered(countedReports(c), r),
    passesIf: (c, r) => !!r && !!wellbeingFollowUp(countedReports(c), 'psychosocial', r.reported_date, r.reported_date + 7 * DAY),
    idType: 'report',
    date: 'reported',
  },
] as TargetDefinition[];
