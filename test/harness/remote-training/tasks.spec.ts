import { expect } from 'chai';
import { notCompletedTask, wrongAnswerTask } from '../../../src/phone/workflows/remote-training/tasks';
import { ChtHarness, TaskDoc, useHarness } from '../../support/harness';
import { answer, asChw, asSupervisor, CHW, complete, enrolOk, rightAnswer } from './helpers';

const wrongAnswerTasks = (tasks: TaskDoc[]): TaskDoc[] => tasks.filter((task) => task.emission.title === wrongAnswerTask.title);
const notCompletedTasks = (tasks: TaskDoc[]): TaskDoc[] => tasks.filter((task) => task.emission.title === notCompletedTask.title);

async function supervisorTasks(harness: ChtHarness): Promise<TaskDoc[]> {
  return harness.getTasks({ user: 'supervisor_user', userRoles: ['chw_supervisor'], subject: CHW });
}

describe('remote training: supervisor tasks', () => {
  const harness = useHarness();
  beforeEach(async () => {
    asSupervisor(harness);
    await harness.setNow('2025-03-03T09:00:00');
  });

  describe(wrongAnswerTask.name, () => {
    it('appears for a wrong answer, passes topic, question and answer to the form, and resolves when the supervisor coached the CHW', async () => {
      await enrolOk(harness);
      await harness.flush({ hours: 2 });
      answer(harness, 'anc_q1', rightAnswer('anc_q1'));
      const wrong = answer(harness, 'anc_q2', 'A');

      const tasks = wrongAnswerTasks(await supervisorTasks(harness));
      expect(tasks).to.have.length(1);
      expect(tasks[0].emission.forId).to.equal(CHW);
      const action = tasks[0].emission.actions[0];
      expect(action.form).to.equal('training_follow_up');
      expect(action.content).to.include({
        source: 'task', source_id: wrong._id, reason: 'wrong_answer', topic: 'danger_signs', question_id: 'anc_q2', answer: 'A', answer_option: 'anc_q2_a',
      });

      const followUp = await harness.loadAction(tasks[0], ['phone', 'yes', 'yes', 'no_action', '']);
      expect(followUp.errors, JSON.stringify(followUp.errors)).to.be.empty;
      expect(followUp.report!.fields).to.include({ question_id: 'anc_q2', topic: 'danger_signs', reason: 'wrong_answer' });
      expect(wrongAnswerTasks(await supervisorTasks(harness))).to.be.empty;
    });

    it('stays open when the supervisor could not reach the CHW', async () => {
      await enrolOk(harness);
      answer(harness, 'anc_q5', 'B');
      const [task] = wrongAnswerTasks(await supervisorTasks(harness));
      const attempt = await harness.loadAction(task, ['not_reached']);
      expect(attempt.errors, JSON.stringify(attempt.errors)).to.be.empty;
      expect(wrongAnswerTasks(await supervisorTasks(harness))).to.have.length(1);
    });

    it('is one task per wrong answer: coaching one question leaves the others open', async () => {
      await enrolOk(harness);
      answer(harness, 'anc_q3', 'C');
      answer(harness, 'anc_q4', 'Unclear');
      const tasks = wrongAnswerTasks(await supervisorTasks(harness));
      expect(tasks.map((task) => task.emission.actions[0].content?.question_id).sort()).to.deep.equal(['anc_q3', 'anc_q4']);
      expect(tasks.find((task) => task.emission.actions[0].content?.question_id === 'anc_q4')!.emission.actions[0].content)
        .to.include({ answer: 'Unclear', answer_option: 'unclear' });

      const q3 = tasks.find((task) => task.emission.actions[0].content?.question_id === 'anc_q3')!;
      const followUp = await harness.loadAction(q3, ['in_person', 'yes', 'yes', 'no_action', '']);
      expect(followUp.errors, JSON.stringify(followUp.errors)).to.be.empty;
      const left = wrongAnswerTasks(await supervisorTasks(harness));
      expect(left.map((task) => task.emission.actions[0].content?.question_id)).to.deep.equal(['anc_q4']);
    });

    it('is not raised by a right answer', async () => {
      await enrolOk(harness);
      for (const id of ['anc_q1', 'anc_q2', 'anc_q3']) answer(harness, id, rightAnswer(id));
      expect(wrongAnswerTasks(await supervisorTasks(harness))).to.be.empty;
    });
  });

  describe(notCompletedTask.name, () => {
    it('appears 7 days after enrolment when the CHW has not finished, and resolves with the follow-up', async () => {
      await enrolOk(harness);
      answer(harness, 'anc_q1', rightAnswer('anc_q1'));
      answer(harness, 'anc_q2', rightAnswer('anc_q2'));
      await harness.flush(6);
      expect(notCompletedTasks(await supervisorTasks(harness)), 'not before day 7').to.be.empty;
      await harness.flush(1);
      const tasks = notCompletedTasks(await supervisorTasks(harness));
      expect(tasks).to.have.length(1);
      expect(tasks[0].emission.actions[0].content).to.include({ reason: 'not_completed', answered: 2, total: 7, days_since_enrollment: 7 });

      const followUp = await harness.loadAction(tasks[0], ['phone', 'no_sms', 're_enrol', '']);
      expect(followUp.errors, JSON.stringify(followUp.errors)).to.be.empty;
      expect(followUp.report!.fields).to.include({ reason: 'not_completed', answered_display: '2' });
      expect(notCompletedTasks(await supervisorTasks(harness))).to.be.empty;
    });

    it('is not raised when the CHW completed the training in time', async () => {
      await enrolOk(harness);
      await harness.flush(2);
      complete(harness, 7);
      await harness.flush(5);
      expect(notCompletedTasks(await supervisorTasks(harness))).to.be.empty;
    });

    it('is not raised when the CHW did not consent (no training was sent)', async () => {
      await enrolOk(harness, { consent: 'no' });
      await harness.flush(7);
      expect(notCompletedTasks(await supervisorTasks(harness))).to.be.empty;
    });

    it('is not closed by a wrong-answer follow-up', async () => {
      await enrolOk(harness);
      answer(harness, 'anc_q1', 'A');
      const [wrong] = wrongAnswerTasks(await supervisorTasks(harness));
      await harness.loadAction(wrong, ['phone', 'yes', 'yes', 'no_action', '']);
      await harness.flush(7);
      expect(notCompletedTasks(await supervisorTasks(harness))).to.have.length(1);
    });
  });

  describe('audience', () => {
    it('never shows the tasks to the CHW, not even about themselves', async () => {
      await enrolOk(harness);
      answer(harness, 'anc_q2', 'A');
      await harness.flush(7);
      expect(await supervisorTasks(harness), 'the supervisor sees both').to.have.length(2);

      asChw(harness);
      const chwTasks = await harness.getTasks({ user: CHW, userRoles: ['chw'], subject: CHW });
      expect(wrongAnswerTasks(chwTasks)).to.be.empty;
      expect(notCompletedTasks(chwTasks)).to.be.empty;
    });

    it("never shows the tasks to a CHW about a colleague (permission can_supervise_training)", async () => {
      harness.state.contacts.push({
        _id: 'chw_2', type: 'person', name: 'Juma CHW', role: 'chw', phone: '+254700000003',
        parent: { _id: 'health_center_1', parent: { _id: 'district_1' } },
      });
      await enrolOk(harness, {}, 'chw_2');
      answer(harness, 'anc_q2', 'A', 'chw_2');
      const supervisorView = await harness.getTasks({ user: 'supervisor_user', userRoles: ['chw_supervisor'], subject: 'chw_2' });
      expect(wrongAnswerTasks(supervisorView), 'the supervisor sees it').to.have.length(1);
      const colleagueView = await harness.getTasks({ user: CHW, userRoles: ['chw'], subject: 'chw_2' });
      expect(wrongAnswerTasks(colleagueView)).to.be.empty;
    });

    it('does not show the tasks to a supervisor about their own training', async () => {
      harness.subject = 'supervisor_user';
      const result = await harness.fillForm({ form: 'training_enrollment', subject: 'supervisor_user' }, ['anc', 'en', 'yes', 'yes']);
      expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
      await harness.flush(7);
      const own = await harness.getTasks({ user: 'supervisor_user', userRoles: ['chw_supervisor'], subject: 'supervisor_user' });
      expect(notCompletedTasks(own)).to.be.empty;
    });
  });
});
