/**
 * The project's tasks in the style of medic/cht-post-ops-app (`tasks/*.task.js`): `appliesIf`
 * first reads the report itself, and only for a report that could raise the task scans the
 * contact's reports (with `Utils`-like helpers) — for each task it emits, as `resolvedIf` does —
 * so the cost grows with the tasks emitted (O(E·R)). Nothing is kept between calls.
 */
import type { ReportTask } from '../../../src/phone/kit/tasks';
import {
  DAY, FORM, R, answeredWeek, answeredWhileTrained, closedAt, countedReports, currentQuarantine, endCheckDue, endCheckInputs, endCheckOverdue,
  enrolledSince, episodeInputs, episodes, first, isCopy, isTrue, isWrong, isoDate, latest, latestAnsweredSince, missedStreak, needsSupport,
  periodOf, seenBy, silenceClockStart, silenceOpenings, silenceRaises, symptomaticWeek, trainingFollowUp, trainingProgress, wellbeingFollowUp,
  wrongAnswerFollowUp, wrongAnswerInputs, C,
} from '../shared';

declare const user: { _id: string; role?: string };
declare const cht: { v1: { hasPermissions(permission: string): boolean } };

const episodeOf = (c: C, r: R): R[] | undefined => episodes(countedReports(c)).find((episode) => episode[0] === r);
const openingOf = (c: C, r: R) => silenceOpenings(countedReports(c)).find((opening) => opening.report === r);

const symptomatic: ReportTask = {
  name: 'contact-tracing-symptomatic',
  icon: 'icon-healthcare',
  title: 'task.contact-tracing-symptomatic.title',
  priority: { level: 'high', label: 'task.contact-tracing-symptomatic.priority' },
  appliesTo: 'reports',
  appliesToType: [FORM.symptoms],
  appliesIf: (c, r) => !!r && isTrue(r, 'symptomatic') && seenBy(c, user, cht, 'chw') && !isCopy(c, r) && !!episodeOf(c, r),
  resolvedIf: (c, r) => !!r && !!first(countedReports(c), FORM.symptomaticFollowUp, r.reported_date),
  events: [{ id: 'contact-tracing-symptomatic-event', days: 0, start: 0, end: 7 }],
  actions: [{
    type: 'report',
    form: FORM.symptomaticFollowUp,
    modifyContent: (content, c, r) => { if (r) Object.assign(content, episodeInputs(episodeOf(c, r) ?? [r])); },
  }],
};

const unreachable: ReportTask = {
  name: 'contact-tracing-unreachable',
  icon: 'icon-healthcare',
  title: 'task.contact-tracing-unreachable.title',
  appliesTo: 'reports',
  appliesToType: [FORM.enrolment, FORM.symptoms, FORM.checkVisit],
  appliesIf: (c, r) => {
    if (!r || (r.form === FORM.symptoms && !isTrue(r, 'answered')) || !seenBy(c, user, cht, 'chw') || isCopy(c, r)) return false;
    const opening = openingOf(c, r);
    return !!opening && silenceRaises(countedReports(c), opening);
  },
  resolvedIf: (c, r) => {
    const opening = r && openingOf(c, r);
    return !!opening && !!opening.next && opening.next.report.form === FORM.checkVisit;
  },
  events: [{
    id: 'contact-tracing-unreachable-event',
    dueDate: (_event, c, r) => {
      const opening = r && openingOf(c, r);
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
    appliesIf: (c, r) => {
      if (!r || !seenBy(c, user, cht, 'chw') || isCopy(c, r)) return false;
      const at = dueOf(r);
      if (at === undefined) return false;
      const reports = countedReports(c);
      const q = currentQuarantine(reports);
      return latest(reports, FORM.enrolment) === r && !!q && !closedAt(q, at);
    },
    resolvedIf: (c, r) => !!r && !!first(countedReports(c), FORM.endCheck, r.reported_date),
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
  appliesIf: (c, r) => !!r && isWrong(r) && seenBy(c, user, cht, 'chw_supervisor', 'can_supervise_training') && !isCopy(c, r) && answeredWhileTrained(countedReports(c), r),
  resolvedIf: (c, r) => !!r && !!wrongAnswerFollowUp(countedReports(c), r),
  events: [{ id: 'remote-training-wrong-answer-event', days: 3, start: 3, end: 7 }],
  actions: [{ type: 'report', form: FORM.trainingFollowUp, modifyContent: (content, _c, r) => { if (r) Object.assign(content, wrongAnswerInputs(r)); } }],
};

const notCompleted: ReportTask = {
  name: 'remote-training-not-completed',
  icon: 'icon-healthcare',
  title: 'task.remote-training-not-completed.title',
  appliesTo: 'reports',
  appliesToType: [FORM.trainingEnrolment],
  appliesIf: (c, r) => {
    if (!r || !seenBy(c, user, cht, 'chw_supervisor', 'can_supervise_training') || isCopy(c, r)) return false;
    const p = trainingProgress(countedReports(c));
    return !!p && p.enrolment === r && p.consented && !p.completion;
  },
  resolvedIf: (c, r) => !!r && !!trainingFollowUp(countedReports(c), r.reported_date, 'not_completed'),
  events: [{ id: 'remote-training-not-completed-event', dueDate: (_event, _c, r) => new Date((r as R).reported_date + 7 * DAY), start: 0, end: 7 }],
  actions: [{
    type: 'report',
    form: FORM.trainingFollowUp,
    modifyContent: (content, c) => {
      const p = trainingProgress(countedReports(c));
      Object.assign(content, { reason: 'not_completed', answered: p ? p.answered : 0, total: p ? 7 : 0, days_since_enrollment: 7 });
    },
  }],
};

function wellbeingTask(name: string, reason: string, when: (c: C, r: R) => boolean, high: boolean, alsoResolved?: (c: C, r: R) => boolean): ReportTask {
  return {
    name,
    icon: 'icon-people-family',
    title: `task.${name}.title`,
    priority: high ? { level: 'high', label: `task.${name}.priority` } : undefined,
    appliesTo: 'reports',
    appliesToType: [FORM.wellbeing],
    appliesIf: (c, r) => {
      if (!r || !seenBy(c, user, cht, 'chw_supervisor', 'can_supervise_wellbeing') || isCopy(c, r)) return false;
      const since = enrolledSince(countedReports(c));
      return since !== undefined && r.reported_date >= since && when(c, r);
    },
    resolvedIf: (c, r) => !!r && (!!wellbeingFollowUp(countedReports(c), reason, r.reported_date) || (!!alsoResolved && alsoResolved(c, r))),
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
  wellbeingTask('chw-wellbeing-psychosocial', 'psychosocial', (_c, r) => needsSupport(r), true),
  wellbeingTask('chw-wellbeing-symptomatic', 'symptomatic', (_c, r) => symptomaticWeek(r), false),
  wellbeingTask('chw-wellbeing-missed-check-ins', 'missed', (c, r) => {
    if (answeredWeek(r)) return false;
    const reports = countedReports(c);
    return missedStreak(reports, r, enrolledSince(reports)) === 2;
  }, false, (c, r) => {
    const reports = countedReports(c);
    const last = latestAnsweredSince(reports, enrolledSince(reports));
    return !!last && last.reported_date > r.reported_date;
  }),
] as ReportTask[];
