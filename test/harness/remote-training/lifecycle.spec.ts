/**
 * A CHW's SMS training over days, as the supervisor's phone sees it: answers from before the CHW
 * was enrolled, an answer recovered late by `sync`, a re-enrolment, and every answer arriving three
 * times. The intended behaviour is documented in src/phone/workflows/remote-training/tasks.ts.
 */
import { expect } from 'chai';
import { notCompletedTask, wrongAnswerTask } from '../../../src/phone/workflows/remote-training/tasks';
import { ReportDoc, TaskDoc, useHarness } from '../../support/harness';
import { expectCopiesChangeNothing } from '../copies';
import { CHW, SUPERVISOR, answer, asSupervisor, complete, enrolOk, rightAnswer } from './helpers';

const byTitle = (tasks: TaskDoc[], title: string): TaskDoc[] => tasks.filter((task) => task.emission.title === title);
const questions = (tasks: TaskDoc[]): unknown[] => byTitle(tasks, wrongAnswerTask.title).map((task) => task.emission.actions[0].content?.question_id).sort();

describe('remote training: a training over the days, as the supervisor sees it', () => {
  const harness = useHarness();

  beforeEach(() => {
    asSupervisor(harness);
  });

  const at = (time: string) => harness.setNow(time);

  it('an answer from before the CHW was enrolled raises nothing; answers after it do', async () => {
    await at('2025-03-01T09:00:00');
    answer(harness, 'anc_q1', 'A'); // a record from another programme's flow
    await at('2025-03-03T09:00:00');
    await enrolOk(harness);
    expect(questions(await harness.getTasks())).to.deep.equal([]);
    await at('2025-03-03T11:00:00');
    answer(harness, 'anc_q2', 'A');
    expect(questions(await harness.getTasks())).to.deep.equal(['anc_q2']);
  });

  it('an answer recovered late by sync shows its coaching task at once, in its own window', async () => {
    await at('2025-03-03T09:00:00');
    await enrolOk(harness);
    // the CHW answers on the 4th; the webhook is lost and sync brings the record six days later
    await at('2025-03-10T10:00:00');
    answer(harness, 'anc_q3', 'C', CHW, { answeredAt: '2025-03-04T10:00:00', via: 'sync' });
    const [task] = byTitle(await harness.getTasks(), wrongAnswerTask.title);
    expect(task.emission).to.include({ dueDate: '2025-03-07' });
    expect(task.state).to.equal('Ready');
  });

  it('a re-enrolment keeps the coaching of earlier wrong answers, and the nudge follows the new enrolment', async () => {
    await at('2025-03-03T09:00:00');
    await enrolOk(harness);
    await at('2025-03-03T10:00:00');
    answer(harness, 'anc_q1', 'A');
    await at('2025-03-10T09:00:00');
    expect(byTitle(await harness.getTasks(), notCompletedTask.title)).to.have.length(1);
    await enrolOk(harness); // the supervisor starts the training again
    const tasks = await harness.getTasks();
    expect(questions(tasks)).to.deep.equal(['anc_q1']);
    expect(byTitle(tasks, notCompletedTask.title), 'the new enrolment has a week').to.have.length(0);
    await at('2025-03-12T10:00:00');
    answer(harness, 'anc_q1', rightAnswer('anc_q1')); // the new run asks question 1 again
    expect(questions(await harness.getTasks()), 'the earlier wrong answer still needs coaching').to.deep.equal(['anc_q1']);
    await at('2025-03-17T09:00:00');
    expect(byTitle(await harness.getTasks(), notCompletedTask.title)).to.have.length(1);
  });

  it('every answer arriving three times changes no task, figure or profile', async () => {
    const viewer = { user: SUPERVISOR, roles: ['chw_supervisor'] };
    const contacts = [CHW, 'health_center_1'];
    await at('2025-03-03T09:00:00');
    await enrolOk(harness);
    const records: ReportDoc[] = [];
    const post = async (time: string, record: () => ReportDoc): Promise<void> => {
      await at(time);
      const created = record();
      records.push(created);
      await expectCopiesChangeNothing(harness, [created], viewer, contacts);
    };
    await post('2025-03-03T10:00:00', () => answer(harness, 'anc_q1', rightAnswer('anc_q1')));
    await post('2025-03-03T10:05:00', () => answer(harness, 'anc_q2', 'A'));
    await post('2025-03-03T10:10:00', () => answer(harness, 'anc_q3', 'Unclear'));
    await post('2025-03-03T10:30:00', () => complete(harness, 1));
    expect(questions(await harness.getTasks())).to.deep.equal(['anc_q2', 'anc_q3']);
    await at('2025-03-05T10:00:00');
    await expectCopiesChangeNothing(harness, records, viewer, contacts);
  });
});
