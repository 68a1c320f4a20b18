/** Contact tracing's tasks and targets, hand-written in the common style (see ./common.ts). */
import { ContactWithReports, ReportDoc } from '../../src/phone/kit/docs';
import { TargetDefinition } from '../../src/phone/kit/targets';
import { ReportTask } from '../../src/phone/kit/tasks';
import { isoDate } from '../../src/phone/kit/time';
import { EndOutcome, symptomsRecord } from '../../src/phone/workflows/contact-tracing/model';
import { Quarantine, closedAt, inQuarantineAt, monitoredAt, periodOf } from '../../src/phone/workflows/contact-tracing/state';

/** Reading a stored RP_SYMPTOMS record, as the common style does. */
const checkin = {
  answered: (r: ReportDoc): boolean => r.fields.answered === true,
  symptomatic: (r: ReportDoc): boolean => r.fields.symptomatic === true,
  flag: (r: ReportDoc, symptom: 'fever' | 'cough' | 'breathing'): boolean => r.fields[symptom] === true,
  enrollmentId: (r: ReportDoc): string => symptomsRecord.get(r, 'enrollment_id') ?? '',
  day: (r: ReportDoc): number | undefined => symptomsRecord.get(r, 'quarantine_day') ?? undefined,
};
import { DAY, firstSince, mostRecent, mostRecentWhere, notSelf, now, submittedSince } from './common';

const ENROLMENT = 'quarantine_enrollment';
const END_CHECK = 'quarantine_end_check';
const RECORD = 'RP_SYMPTOMS';
const HOUR = 60 * 60 * 1000;

function quarantine(c: ContactWithReports): Quarantine | undefined {
  const enrollment = mostRecent(c, ENROLMENT);
  const period = enrollment && periodOf(enrollment);
  if (!enrollment || !period) return undefined;
  const closedBy = firstSince(c, END_CHECK, enrollment.reported_date);
  const outcome = closedBy ? (String((closedBy.fields.end as Record<string, unknown> | undefined)?.outcome ?? '').trim() as EndOutcome) : undefined;
  return { ...period, closedBy, outcome };
}

function lastHeard(c: ContactWithReports): ReportDoc | undefined {
  const start = mostRecent(c, ENROLMENT);
  if (!start) return undefined;
  const answer = mostRecentWhere(c, RECORD, (r) => checkin.answered(r));
  return answer && answer.reported_date >= start.reported_date ? answer : start;
}

export const tasks: ReportTask[] = [
  {
    name: 'contact-tracing-symptomatic',
    icon: 'icon-healthcare',
    title: 'contact_tracing.task.symptomatic',
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => {
      if (!r || !notSelf(c) || !checkin.symptomatic(r)) return false;
      const q = quarantine(c);
      return !!q && checkin.enrollmentId(r) === q.enrollment._id && inQuarantineAt(q, r.reported_date);
    },
    resolvedIf: (c, r) => !!r && submittedSince(c, 'symptomatic_follow_up', r.reported_date),
    events: [{ id: 'contact-tracing-symptomatic-event', days: 0, start: 0, end: 2 }],
    priority: { level: 'high', label: 'contact_tracing.task.symptomatic.priority' },
    actions: [{
      type: 'report',
      form: 'symptomatic_follow_up',
      modifyContent: (content, _c, r) => {
        if (!r) return;
        content.fever = checkin.flag(r, 'fever');
        content.cough = checkin.flag(r, 'cough');
        content.breathing = checkin.flag(r, 'breathing');
        content.quarantine_day = checkin.day(r) ?? '';
      },
    }],
  },
  {
    name: 'contact-tracing-unreachable',
    icon: 'icon-healthcare',
    title: 'contact_tracing.task.unreachable',
    appliesTo: 'reports',
    appliesToType: [ENROLMENT, RECORD],
    appliesIf: (c, r) => !!r && lastHeard(c) === r && notSelf(c) && monitoredAt(quarantine(c), r.reported_date + 2 * DAY),
    resolvedIf: (c, r) => !!r && submittedSince(c, 'quarantine_check_visit', r.reported_date),
    events: [{ id: 'contact-tracing-unreachable-event', dueDate: (_e, _c, r) => new Date((r as ReportDoc).reported_date + 2 * DAY), start: 0, end: 2 }],
    actions: [{
      type: 'report',
      form: 'quarantine_check_visit',
      modifyContent: (content, _c, r) => { if (r) content.last_heard = isoDate(r.reported_date); },
    }],
  },
  {
    name: 'contact-tracing-end',
    icon: 'icon-healthcare',
    title: 'contact_tracing.task.end',
    appliesTo: 'reports',
    appliesToType: [ENROLMENT],
    appliesIf: (c, r) => {
      if (!r || !notSelf(c) || mostRecent(c, ENROLMENT) !== r) return false;
      const due = periodOf(r)?.lastDay;
      const q = quarantine(c);
      return due !== undefined && !!q && !closedAt(q, due);
    },
    resolvedIf: (c, r) => !!r && submittedSince(c, END_CHECK, r.reported_date),
    events: [{ id: 'contact-tracing-end-event', dueDate: (_e, _c, r) => new Date(periodOf(r as ReportDoc)?.lastDay as number), start: 0, end: 3 }],
    actions: [{
      type: 'report',
      form: END_CHECK,
      modifyContent: (content, _c, r) => {
        if (!r) return;
        const period = periodOf(r);
        content.quarantine_start = period ? isoDate(period.start) : '';
        content.quarantine_end = period ? isoDate(period.lastDay) : '';
        content.enrollment_id = r._id;
      },
    }],
  },
];

export const targets: TargetDefinition[] = [
  {
    id: 'contact-tracing-monitored',
    icon: 'icon-healthcare',
    translation_key: 'contact_tracing.target.monitored',
    type: 'count',
    goal: -1,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => monitoredAt(quarantine(c), now()),
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'contact-tracing-answered',
    icon: 'icon-healthcare',
    translation_key: 'contact_tracing.target.answered',
    subtitle_translation_key: 'contact_tracing.target.this_month',
    type: 'percent',
    goal: 80,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (_c, r) => !!r,
    passesIf: (_c, r) => !!r && checkin.answered(r),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'contact-tracing-followed-up-24h',
    icon: 'icon-healthcare',
    translation_key: 'contact_tracing.target.followed_up',
    subtitle_translation_key: 'contact_tracing.target.this_month',
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (_c, r) => !!r && checkin.symptomatic(r),
    passesIf: (c, r) => !!r && !!firstSince(c, 'symptomatic_follow_up', r.reported_date, undefined, r.reported_date + 24 * HOUR),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'contact-tracing-completed',
    icon: 'icon-healthcare',
    translation_key: 'contact_tracing.target.completed',
    subtitle_translation_key: 'contact_tracing.target.this_month',
    type: 'count',
    goal: -1,
    appliesTo: 'reports',
    appliesToType: [END_CHECK],
    appliesIf: (_c, r) => !!r && String((r.fields.end as Record<string, unknown> | undefined)?.outcome ?? '').trim() === 'completed',
    idType: 'report',
    date: 'reported',
  },
];
