import { expect } from 'chai';
import { endOfQuarantineTask, symptomaticTask, unreachableTask } from '../../../src/phone/workflows/contact-tracing/tasks';
import { useHarness } from '../../support/harness';
import { enrol, receiveCheckin, submitted, tasksTitled } from './scenario';

const SYMPTOMATIC = symptomaticTask.title;
const UNREACHABLE = unreachableTask.title;
const END = endOfQuarantineTask.title;

describe('contact tracing: CHW tasks', () => {
  const harness = useHarness();

  beforeEach(async () => {
    harness.user = 'chw_user';
    harness.userRoles = ['chw'];
    await harness.setNow('2026-03-10T08:00:00');
  });

  describe('symptomatic follow-up', () => {
    it('appears as soon as a "yes" arrives, high priority, and resolves with symptomatic_follow_up', async () => {
      const enrollment = await enrol(harness);
      await harness.flush({ days: 1, hours: 2 });
      receiveCheckin(harness, enrollment, { day: 2, fever: 'no', cough: 'no', breathing: 'no' });
      expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);

      await harness.flush(1);
      receiveCheckin(harness, enrollment, { day: 3, fever: 'yes', cough: 'no', breathing: 'yes' });
      const [task] = await tasksTitled(harness, SYMPTOMATIC);
      expect(task.emission).to.deep.include({ priority: 'high', forId: 'traced_contact' });
      expect(task.emission.actions[0].form).to.equal('symptomatic_follow_up');
      expect(task.emission.actions[0].content).to.deep.include({ fever: true, cough: false, breathing: true, quarantine_day: 3 });

      await harness.flush({ hours: 3 });
      const followUp = submitted(await harness.loadAction(task, ['home_visit', ['fever', 'breathing'], ['none'], 'referred_testing']));
      expect(followUp.fields).to.deep.include({ referred: 'yes' });
      expect(followUp.fields.inputs).to.deep.include({ fever: 'true', breathing: 'true', quarantine_day: '3' });
      expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);
      expect(await harness.countTaskDocsByState({ title: SYMPTOMATIC })).to.include({ Completed: 1, Total: 1 });
    });

    it('does not fire for a contact who withdrew, nor after the quarantine ended', async () => {
      const enrollment = await enrol(harness, { length: 5 });
      await harness.flush(2);
      submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'withdrew', 'no_more_sms']));
      await harness.flush(1);
      receiveCheckin(harness, enrollment, { day: 4, fever: 'yes' });
      expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);

      const second = await enrol(harness, { start: '2026-03-13', length: 1 });
      await harness.flush(2);
      receiveCheckin(harness, second, { day: 2, fever: 'yes' });
      expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);
    });
  });

  describe('unreachable contact', () => {
    it('appears after 2 days without an answer, not before, and resolves with quarantine_check_visit', async () => {
      const enrollment = await enrol(harness);
      await harness.flush(1);
      receiveCheckin(harness, enrollment, { day: 2, fever: 'none' });
      expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);

      await harness.flush(1);
      receiveCheckin(harness, enrollment, { day: 3, fever: 'none' });
      const [task] = await tasksTitled(harness, UNREACHABLE);
      expect(task.emission.actions[0].form).to.equal('quarantine_check_visit');
      expect(task.emission.actions[0].content).to.deep.include({ last_heard: '2026-03-10' });

      const visit = submitted(await harness.loadAction(task, ['home_visit', 'yes', 'yes', 'no', 'forgot']));
      expect(visit.fields.visit).to.deep.include({ reached: 'yes', sms_problem: 'forgot' });
      expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);
      expect(await harness.countTaskDocsByState({ title: UNREACHABLE })).to.include({ Completed: 1 });
    });

    it('restarts its clock at each real answer', async () => {
      const enrollment = await enrol(harness);
      await harness.flush(1);
      receiveCheckin(harness, enrollment, { day: 2, fever: 'no', cough: 'no', breathing: 'no' });
      await harness.flush(1);
      expect(await tasksTitled(harness, UNREACHABLE), '1 day after the answer').to.have.length(0);
      await harness.flush(1);
      expect(await tasksTitled(harness, UNREACHABLE), '2 days after the answer').to.have.length(1);
    });

    it('never fires without SMS consent', async () => {
      await enrol(harness, { consent: 'no' });
      await harness.flush(5);
      expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);
    });
  });

  describe('end of quarantine', () => {
    it('is due on the last day and resolves with quarantine_end_check', async () => {
      await enrol(harness, { start: '2026-03-10', length: 14 });
      await harness.setNow('2026-03-22T10:00:00');
      expect(await tasksTitled(harness, END)).to.have.length(0);

      await harness.setNow('2026-03-23T10:00:00');
      const [task] = await tasksTitled(harness, END);
      expect(task.emission.actions[0].content).to.deep.include({ quarantine_start: '2026-03-10', quarantine_end: '2026-03-23' });
      const check = submitted(await harness.loadAction(task, ['yes', 'no', 'completed']));
      expect(check.fields.end).to.deep.include({ outcome: 'completed', sms_phone: '+254712345678' });
      expect(await tasksTitled(harness, END)).to.have.length(0);
      expect(await harness.countTaskDocsByState({ title: END })).to.include({ Completed: 1 });
    });

    it('does not fire for a contact who withdrew earlier', async () => {
      await enrol(harness, { start: '2026-03-10', length: 14 });
      await harness.setNow('2026-03-15T10:00:00');
      submitted(await harness.fillForm('quarantine_end_check', ['no', 'withdrew', 'refuses_quarantine']));
      await harness.setNow('2026-03-23T10:00:00');
      expect(await tasksTitled(harness, END)).to.have.length(0);
    });
  });

  it('never shows a CHW a task about themselves (a CHW can be a traced contact too)', async () => {
    harness.subject = 'chw_user';
    const enrollment = await enrol(harness, { phone: '+254700000002' });
    await harness.flush(1);
    receiveCheckin(harness, enrollment, { day: 2, fever: 'yes' }, 'chw_user');
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);
  });
});
