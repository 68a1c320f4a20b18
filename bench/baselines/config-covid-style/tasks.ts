/**
 * The project's tasks in the style of medic/config-covid (`ebs_with_tracing/tasks.js`): each task
 * works out what it needs about the contact once, in `appliesIf`, keeping it on `this` (the
 * context cht-conf's definition-preparation gives each definition, new for every contact), so it
 * scans the contact's reports once per task per contact (O(T·R)), and checks the user's role.
 */
import type { ReportTask } from '../../../src/phone/kit/tasks';
import {
  C, DAY, FORM, Opening, Progress, R, countedReports, currentQuarantine, endCheckDue, endCheckInputs, endCheckOverdue, enrolledSince,
  episodeInputs, episodes, first, isWrong, latest, latestAnsweredSince, missedStreak, needsSupport, answeredWeek, answeredWhileTrained,
  closedAt, isoDate, periodOf, seenBy, silenceClockStart, silenceOpenings, silenceRaises, symptomaticWeek, trainingFollowUp, trainingProgress,
  wellbeingFollowUp, wrongAnswerFollowUp, wrongAnswerInputs,
} from '../shared';

declare const user: { _id: string; role?: string };
declare const cht: { v1: { hasPermissions(permission: string): boolean } };

/** What a task keeps about the contact on `this`. */
interface Context {
  ready?: boolean;
  seen: boolean;
  reports: R[];
  counted: Set<R>;
  firsts: Map<R, R[]>;
  openings: Map<R, Opening>;
  progress?: Progress;
  since?: number;
}

function prepare(ctx: Context, c: C, role: string, permission?: string): void {
  if (ctx.ready) return;
  ctx.ready = true;
  ctx.seen = seenBy(c, user, cht, role, permission);
  ctx.reports = countedReports(c);
  ctx.counted = new Set(ctx.reports);
}

const symptomatic: ReportTask = {
  name: 'contact-tracing-symptomatic',
  icon: 'icon-healthcare',
  title: 'task.contact-tracing-symptomatic.title',
  priority: { level: 'high', label: 'task.contact-tracing-symptomatic.priority' },
  appliesTo: 'reports',
  appliesToType: [FORM.symptoms],
  appliesIf: function (this: Context, c, r) {
    if (!this.ready) {
      prepare(this, c, 'chw');
      this.firsts = new Map(episodes(this.reports).map((episode): [R, R[]] => [episode[0], episode]));
    }
    return this.seen && !!r && this.firsts.has(r);
  },
  resolvedIf: function (this: Context, _c, r) {
    return !!r && !!first(this.reports, FORM.symptomaticFollowUp, r.reported_date);
  },
  events: [{ id: 'contact-tracing-symptomatic-event', days: 0, start: 0, end: 7 }],
  actions: [{
    type: 'report',
    form: FORM.symptomaticFollowUp,
    modifyContent: function (this: Context, content, _c, r) {
      if (r) Object.assign(content, episodeInputs(this.firsts.get(r) ?? [r]));
    },
  }],
};

const unreachable: ReportTask = {
  name: 'contact-tracing-unreachable',
  icon: 'icon-healthcare',
  title: 'task.contact-tracing-unreachable.title',
  appliesTo: 'reports',
  appliesToType: [FORM.enrolment, FORM.symptoms, FORM.checkVisit],
  appliesIf: function (this: Context, c, r) {
    if (!this.ready) {
      prepare(this, c, 'chw');
      this.openings = new Map(silenceOpenings(this.reports).map((opening): [R, Opening] => [opening.report, opening]));
    }
    const opening = r && this.openings.get(r);
    return this.seen && !!opening && silenceRaises(this.reports, opening);
  },
  resolvedIf: function (this: Context, _c, r) {
    const opening = r && this.openings.get(r);
    return !!opening && !!opening.next && opening.next.report.form === FORM.checkVisit;
  },
  events: [{
    id: 'contact-tracing-unreachable-event',
    dueDate: function (this: Context, _event, _c, r) {
      const opening = r && this.openings.get(r);
      return new Date(opening ? opening.at + 2 * DAY : NaN);
    },
    start: 0,
    end: 2,
  }],
  actions: [{
    type: 'report',
    form: FORM.checkVisit,
    modifyContent: (content, _c, r) => {
      if (r) content.last_heard = isoDate(r.form === FORM.enrolment ? silenceClockStart(r) : r.reported_date);
    },
  }],
};

function endTask(name: string, due: (q: NonNullable<ReturnType<typeof periodOf>>) => number, end: number, high: boolean): ReportTask {
  const dueOf = (r: R): number | undefined => {
    const q = periodOf(r);
    return q && due(q);
  };
  return {
    name,
    icon: 'icon-healthcare',
    title: `task.${name}.title`,
    priority: high ? { level: 'high', label: `task.${name}.priority` } : undefined,
    appliesTo: 'reports',
    appliesToType: [FORM.enrolment],
    appliesIf: function (this: Context, c, r) {
      prepare(this, c, 'chw');
      if (!this.seen || !r || latest(this.reports, FORM.enrolment) !== r) return false;
      const at = dueOf(r);
      const q = currentQuarantine(this.reports);
      return at !== undefined && !!q && !closedAt(q, at);
    },
    resolvedIf: function (this: Context, _c, r) {
      return !!r && !!first(this.reports, FORM.endCheck, r.reported_date);
    },
    events: [{ id: `${name}-event`, dueDate: (_event, _c, r) => new Date(dueOf(r as R) as number), start: 0, end }],
    actions: [{ type: 'report', form: FORM.endCheck, modifyContent: (content, _c, r) => { if (r) Object.assign(content, endCheckInputs(r)); } }],
  };
}

const wrongAnswer: ReportTask = {
  name: 'remote-training-wrong-answer',
  icon: 'icon-healthcare',
  title: 'task.remote-training-wrong-answer.title',
  appliesTo: 'reports',
  appliesToType: [FORM.training],
  appliesIf: function (this: Context, c, r) {
    prepare(this, c, 'chw_supervisor', 'can_supervise_training');
    return this.seen && !!r && this.counted.has(r) && isWrong(r) && answeredWhileTrained(this.reports, r);
  },
  resolvedIf: function (this: Context, _c, r) {
    return !!r && !!wrongAnswerFollowUp(this.reports, r);
  },
  events: [{ id: 'remote-training-wrong-answer-event', days: 3, start: 3, end: 7 }],
  actions: [{ type: 'report', form: FORM.trainingFollowUp, modifyContent: (content, _c, r) => { if (r) Object.assign(content, wrongAnswerInputs(r)); } }],
};

const notCompleted: ReportTask = {
  name: 'remote-training-not-completed',
  icon: 'icon-healthcare',
  title: 'task.remote-training-not-completed.title',
  appliesTo: 'reports',
  appliesToType: [FORM.trainingEnrolment],
  appliesIf: function (this: Context, c, r) {
    if (!this.ready) {
      prepare(this, c, 'chw_supervisor', 'can_supervise_training');
      this.progress = trainingProgress(this.reports);
    }
    const p = this.progress;
    return this.seen && !!r && !!p && p.enrolment === r && p.consented && !p.completion;
  },
  resolvedIf: function (this: Context, _c, r) {
    return !!r && !!trainingFollowUp(this.reports, r.reported_date, 'not_completed');
  },
  events: [{ id: 'remote-training-not-completed-event', dueDate: (_event, _c, r) => new Date((r as R).reported_date + 7 * DAY), start: 0, end: 7 }],
  actions: [{
    type: 'report',
    form: FORM.trainingFollowUp,
    modifyContent: function (this: Context, content) {
      Object.assign(content, { reason: 'not_completed', answered: this.progress ? this.progress.answered : 0, total: this.progress ? 7 : 0, days_since_enrollment: 7 });
    },
  }],
};

function wellbeingTask(name: string, reason: string, when: (ctx: Context, r: R) => boolean, high: boolean, alsoResolved?: (ctx: Context, r: R) => boolean): ReportTask {
  return {
    name,
    icon: 'icon-people-family',
    title: `task.${name}.title`,
    priority: high ? { level: 'high', label: `task.${name}.priority` } : undefined,
    appliesTo: 'reports',
    appliesToType: [FORM.wellbeing],
    appliesIf: function (this: Context, c, r) {
      if (!this.ready) {
        prepare(this, c, 'chw_supervisor', 'can_supervise_wellbeing');
        this.since = enrolledSince(this.reports);
      }
      return this.seen && !!r && this.counted.has(r) && this.since !== undefined && r.reported_date >= this.since && when(this, r);
    },
    resolvedIf: function (this: Context, _c, r) {
      return !!r && (!!wellbeingFollowUp(this.reports, reason, r.reported_date) || (!!alsoResolved && alsoResolved(this, r)));
    },
    events: [{ id: `${name}-event`, days: 0, start: 0, end: 7 }],
    actions: [{ type: 'report', form: FORM.wellbeingFollowUp, label: `task.${name}.action`, modifyContent: (content) => { content.reason = reason; } }],
  };
}

export = [
  symptomatic,
  unreachable,
  endTask('contact-tracing-end', endCheckDue, 3, false),
  endTask('contact-tracing-end-overdue', endCheckOverdue, 7, true),
  wrongAnswer,
  notCompleted,
  wellbeingTask('chw-wellbeing-psychosocial', 'psychosocial', (_ctx, r) => needsSupport(r), true),
  wellbeingTask('chw-wellbeing-symptomatic', 'symptomatic', (_ctx, r) => symptomaticWeek(r), false),
  wellbeingTask('chw-wellbeing-missed-check-ins', 'missed', (ctx, r) => !answeredWeek(r) && missedStreak(ctx.reports, r, ctx.since) === 2, false,
    (ctx, r) => { const last = latestAnsweredSince(ctx.reports, ctx.since); return !!last && last.reported_date > r.reported_date; }),
] as ReportTask[];
