/** Remote training's tasks and targets, hand-written in the common style (see ./common.ts). */
import { ContactWithReports, ReportDoc } from '../../src/phone/kit/docs';
import { textField } from '../../src/phone/kit/fields';
import { TargetDefinition } from '../../src/phone/kit/targets';
import { ReportTask } from '../../src/phone/kit/tasks';
import { ANC_MODULE } from '../../src/workflows/remote-training/messages';
import { followUpReason, hasConsent, isAnswer, isCompletion, isCorrect, isWrongAnswer, reachedChw } from '../../src/phone/workflows/remote-training/model';
import { DAY, firstSince, mostRecent, supervisorSees } from './common';

const ENROLMENT = 'training_enrollment';
const FOLLOW_UP = 'training_follow_up';
const RECORD = 'RP_TRAINING';
const PERMISSION = 'can_supervise_training';

interface Progress { enrollment: ReportDoc; consented: boolean; answered: number; completion?: ReportDoc }

function progress(c: ContactWithReports): Progress | undefined {
  const enrollment = mostRecent(c, ENROLMENT);
  if (!enrollment) return undefined;
  const questions = new Set<string>();
  let completion: ReportDoc | undefined;
  for (const r of c.reports) {
    if (r.form !== RECORD || r.deleted || r.reported_date < enrollment.reported_date) continue;
    if (isAnswer(r)) questions.add(textField(r, 'question_id'));
    else if (isCompletion(r) && !completion) completion = r;
  }
  return { enrollment, consented: hasConsent(enrollment), answered: questions.size, completion };
}

const enrolled = (c: ContactWithReports): boolean => !!progress(c)?.consented;

function followUp(c: ContactWithReports, since: number, reason: string, questionId?: string): ReportDoc | undefined {
  return firstSince(c, FOLLOW_UP, since, (f) => reachedChw(f) && followUpReason(f) === reason && (questionId === undefined || textField(f, 'question_id') === questionId));
}

const wrongAnswerFollowUp = (c: ContactWithReports, r: ReportDoc): ReportDoc | undefined =>
  followUp(c, r.reported_date, 'wrong_answer', textField(r, 'question_id'));

function notCompletedDue(c: ContactWithReports, r: ReportDoc): number | undefined {
  const p = progress(c);
  if (!p || p.enrollment !== r || !p.consented || p.completion) return undefined;
  return r.reported_date + 7 * DAY;
}

export const tasks: ReportTask[] = [
  {
    name: 'remote-training-wrong-answer',
    icon: 'icon-healthcare',
    title: 'task.remote-training.wrong-answer',
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && isWrongAnswer(r),
    resolvedIf: (c, r) => !!r && !!wrongAnswerFollowUp(c, r),
    events: [{ id: 'remote-training-wrong-answer-event', days: 3, start: 3, end: 7 }],
    actions: [{
      type: 'report',
      form: FOLLOW_UP,
      modifyContent: (content, _c, r) => {
        if (!r) return;
        const questionId = textField(r, 'question_id');
        const answer = textField(r, 'answer');
        const letter = answer.toLowerCase();
        Object.assign(content, { reason: 'wrong_answer', topic: textField(r, 'topic'), question_id: questionId, answer, answer_option: ['a', 'b', 'c'].includes(letter) ? `${questionId}_${letter}` : 'unclear' });
      },
    }],
  },
  {
    name: 'remote-training-not-completed',
    icon: 'icon-healthcare',
    title: 'task.remote-training.not-completed',
    appliesTo: 'reports',
    appliesToType: [ENROLMENT],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && mostRecent(c, ENROLMENT) === r && notCompletedDue(c, r) !== undefined,
    resolvedIf: (c, r) => !!r && !!followUp(c, r.reported_date, 'not_completed'),
    events: [{ id: 'remote-training-not-completed-event', dueDate: (_e, c, r) => new Date(notCompletedDue(c, r as ReportDoc) as number), start: 0, end: 7 }],
    actions: [{
      type: 'report',
      form: FOLLOW_UP,
      modifyContent: (content, c) => {
        const p = progress(c);
        Object.assign(content, { reason: 'not_completed', answered: p?.answered ?? 0, total: ANC_MODULE.questions.length, days_since_enrollment: 7 });
      },
    }],
  },
];

export const targets: TargetDefinition[] = [
  {
    id: 'remote-training-enrolled',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.enrolled',
    type: 'count',
    goal: -1,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => supervisorSees(c, PERMISSION) && enrolled(c),
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'remote-training-completed',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.completed',
    type: 'percent',
    goal: 80,
    appliesTo: 'contacts',
    appliesToType: ['person'],
    appliesIf: (c) => supervisorSees(c, PERMISSION) && enrolled(c),
    passesIf: (c) => !!progress(c)?.completion,
    idType: 'contact',
    date: 'now',
  },
  {
    id: 'remote-training-answers-correct',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.answers-correct',
    type: 'percent',
    goal: 80,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && isAnswer(r),
    passesIf: (_c, r) => !!r && isCorrect(r),
    idType: 'report',
    date: 'reported',
  },
  {
    id: 'remote-training-follow-ups-done',
    icon: 'icon-healthcare',
    translation_key: 'target.remote-training.follow-ups-done',
    type: 'percent',
    goal: 100,
    appliesTo: 'reports',
    appliesToType: [RECORD],
    appliesIf: (c, r) => !!r && supervisorSees(c, PERMISSION) && isWrongAnswer(r),
    passesIf: (c, r) => !!r && !!wrongAnswerFollowUp(c, r),
    idType: 'report',
    date: 'reported',
  },
];
