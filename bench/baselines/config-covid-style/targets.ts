/**
 * The project's targets in the style of medic/config-covid (`ebs_with_tracing/targets.js`): each
 * target works out what it needs about the contact once per contact, on `this`.
 */
import type { TargetDefinition } from '../../../src/phone/kit/targets';
import {
  C, DAY, FORM, HOUR, R, answeredWeek, answeredWhileTrained, count, countedReports, currentQuarantine, enrolledSince, enrolledWhenAnswered,
  episodes, first, isAnswer, isTrue, isWrong, monitoredAt, needsSupport, seenBy, text, trainingProgress, wellbeingFollowUp, wrongAnswerFollowUp,
} from '../shared';

declare const user: { _id: string; role?: string };
declare const cht: { v1: { hasPermissions(permission: string): boolean } };
declare const Utils: { now(): Date };

interface Context {
  ready?: boolean;
  seen: boolean;
  reports: R[];
  counted: Set<R>;
  firsts: Set<R>;
}

function prepare(ctx: Context, c: C, role: string, permission?: string): void {
  if (ctx.ready) return;
  ctx.ready = true;
  ctx.seen = seenBy(c, user, cht, role, permission);
  ctx.reports = countedReports(c);
  ctx.counted = new Set(ctx.reports);
}

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
    appliesIf: function (this: Context, c) {
      prepare(this, c, CHW);
      return this.seen && monitoredAt(currentQuarantine(this.reports), Utils.now().getTime());
    },
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, CHW);
      return this.seen && !!r && this.counted.has(r);
    },
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
    appliesIf: function (this: Context, c, r) {
      if (!this.ready) {
        prepare(this, c, CHW);
        this.firsts = new Set(episodes(this.reports).map((episode) => episode[0]));
      }
      return this.seen && !!r && this.firsts.has(r);
    },
    passesIf: function (this: Context, _c, r) {
      return !!r && !!first(this.reports, FORM.symptomaticFollowUp, r.reported_date, undefined, r.reported_date + 24 * HOUR);
    },
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, CHW);
      return this.seen && !!r && this.counted.has(r) && text(r, 'end.outcome') === 'completed';
    },
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
    appliesIf: function (this: Context, c) {
      prepare(this, c, SUPERVISOR, 'can_supervise_training');
      const p = trainingProgress(this.reports);
      return this.seen && !!p && p.consented;
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
    appliesIf: function (this: Context, c) {
      prepare(this, c, SUPERVISOR, 'can_supervise_training');
      const p = trainingProgress(this.reports);
      return this.seen && !!p && p.consented;
    },
    passesIf: function (this: Context) {
      const p = trainingProgress(this.reports);
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, SUPERVISOR, 'can_supervise_training');
      return this.seen && !!r && this.counted.has(r) && isAnswer(r) && answeredWhileTrained(this.reports, r);
    },
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, SUPERVISOR, 'can_supervise_training');
      return this.seen && !!r && this.counted.has(r) && isWrong(r) && answeredWhileTrained(this.reports, r);
    },
    passesIf: function (this: Context, _c, r) {
      return !!r && !!wrongAnswerFollowUp(this.reports, r);
    },
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
    appliesIf: function (this: Context, c) {
      prepare(this, c, SUPERVISOR, 'can_supervise_wellbeing');
      return this.seen && c.contact.role === 'chw' && enrolledSince(this.reports) !== undefined;
    },
    passesIf: function (this: Context) {
      const now = Utils.now().getTime();
      const from = Math.max(now - 7 * DAY, enrolledSince(this.reports) ?? Infinity);
      return count(this.reports, FORM.wellbeing, from, now + 1, answeredWeek) > 0;
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, SUPERVISOR, 'can_supervise_wellbeing');
      return this.seen && !!r && this.counted.has(r) && enrolledWhenAnswered(this.reports, r) && needsSupport(r);
    },
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
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, SUPERVISOR, 'can_supervise_wellbeing');
      return this.seen && !!r && this.counted.has(r) && enrolledWhenAnswered(this.reports, r) && needsSupport(r);
    },
    passesIf: function (this: Context, _c, r) {
      return !!r && !!wellbeingFollowUp(this.reports, 'psychosocial', r.reported_date, r.reported_date + 7 * DAY);
    },
    idType: 'report',
    date: 'reported',
  },
] as TargetDefinition[];
