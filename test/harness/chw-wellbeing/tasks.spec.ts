import { expect } from 'chai';
import { missedTask, psychosocialTask, symptomaticTask } from '../../../src/phone/workflows/chw-wellbeing/tasks';
import { TaskDoc, useHarness } from '../../support/harness';
import { asChw, asSupervisor, checkIn, CHW, enrol, MISSED, WELL } from './helpers';

const names = (tasks: TaskDoc[]): string[] => tasks.map((task) => task.emission.title).sort();

describe('chw-wellbeing tasks (harness)', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-02T08:00:00');
    asSupervisor(harness);
    await enrol(harness);
    await harness.flush({ days: 2, hours: 2 });
  });

  describe('psychosocial support scoring', () => {
    const cases: Array<[string, Parameters<typeof checkIn>[1], boolean]> = [
      ['GAD-2 exactly 3', { ...WELL, anxious: 1, worry: 2 }, true],
      ['PHQ-2 exactly 3', { ...WELL, interest: 3, down: 0 }, true],
      ['GAD-2 and PHQ-2 both 2', { ...WELL, anxious: 1, worry: 1, interest: 1, down: 1 }, false],
      ['a counsellor requested with low scores', { ...WELL, counsellor: 'Yes' }, true],
      ['a 3 whose partner item timed out', { ...WELL, anxious: 3, worry: 'No Response', interest: undefined, down: undefined, counsellor: undefined }, false],
      ['out-of-range 4 with 0', { ...WELL, anxious: 4, worry: 0 }, false],
      ['out-of-range -1 with 3', { ...WELL, interest: -1, down: 3 }, false],
    ];
    for (const [name, week, expected] of cases) {
      it(`${expected ? 'raises' : 'does not raise'} the task for ${name}`, async () => {
        checkIn(harness, week);
        const tasks = await harness.getTasks({ title: psychosocialTask.title });
        expect(tasks).to.have.length(expected ? 1 : 0);
        if (expected) expect(tasks[0].emission.priority).to.equal('high');
      });
    }
  });

  it('psychosocial: appears, is resolved by the real follow-up form with the reason passed in, and disappears', async () => {
    checkIn(harness, { ...WELL, interest: 2, down: 2, counsellor: 'Yes' });
    const [task] = await harness.getTasks({ title: psychosocialTask.title });
    expect(task.emission.actions[0].content).to.include({ reason: 'psychosocial' });

    const result = await harness.loadAction(task, ['yes', ['listened', 'referred_counsellor'], 'referred']);
    expect(result.errors).to.deep.equal([]);
    expect(result.report?.fields).to.nested.include({ 'inputs.reason': 'psychosocial', 'follow_up.check_reason': 'psychosocial', patient_id: CHW });
    expect(await harness.getTasks({ title: psychosocialTask.title })).to.be.empty;
    expect(await harness.countTaskDocsByState({ title: psychosocialTask.title })).to.include({ Completed: 1 });
  });

  it('symptomatic: appears on any symptom, is resolved by its own follow-up, not by a psychosocial one', async () => {
    checkIn(harness, { ...WELL, cough: 'Yes', anxious: 3, worry: 3 });
    expect(names(await harness.getTasks())).to.deep.equal([psychosocialTask.title, symptomaticTask.title]);

    const [psychosocial] = await harness.getTasks({ title: psychosocialTask.title });
    await harness.loadAction(psychosocial, ['yes', ['listened'], 'ongoing']);
    const [symptomatic] = await harness.getTasks();
    expect(symptomatic.emission.title).to.equal(symptomaticTask.title);
    expect(symptomatic.emission.actions[0].content).to.include({ reason: 'symptomatic' });

    const result = await harness.loadAction(symptomatic, ['yes', ['advised_isolation', 'referred_testing'], 'pending', 'ongoing']);
    expect(result.errors).to.deep.equal([]);
    expect(result.report?.fields).to.nested.include({ 'follow_up.check_reason': 'symptomatic', 'follow_up.test_result': 'pending' });
    expect(await harness.getTasks()).to.be.empty;
  });

  it('missed check-ins: one missed week raises nothing, the second raises the task, the follow-up resolves it', async () => {
    checkIn(harness, MISSED);
    expect(await harness.getTasks()).to.be.empty;
    await harness.flush(7);
    checkIn(harness, MISSED);
    const [task] = await harness.getTasks({ title: missedTask.title });
    expect(task.emission.actions[0].content).to.include({ reason: 'missed' });

    const result = await harness.loadAction(task, ['yes', 'no_credit', 'resolved']);
    expect(result.errors).to.deep.equal([]);
    expect(await harness.getTasks()).to.be.empty;

    // the count starts again after the follow-up: two more missed weeks, a new task
    await harness.flush(7);
    checkIn(harness, MISSED);
    expect(await harness.getTasks()).to.be.empty;
    await harness.flush(7);
    checkIn(harness, MISSED);
    expect(await harness.getTasks({ title: missedTask.title })).to.have.length(1);
  });

  it('missed check-ins: an answered week in between restarts the count, and answering again clears the task', async () => {
    checkIn(harness, MISSED);
    await harness.flush(7);
    checkIn(harness, WELL);
    await harness.flush(7);
    checkIn(harness, MISSED);
    expect(await harness.getTasks()).to.be.empty;
    await harness.flush(7);
    checkIn(harness, MISSED);
    expect(await harness.getTasks({ title: missedTask.title })).to.have.length(1);
    await harness.flush(7);
    checkIn(harness, WELL);
    expect(await harness.getTasks()).to.be.empty;
  });

  it('no tasks once the CHW withdraws consent', async () => {
    await enrol(harness, { consent: 'no' });
    checkIn(harness, { ...WELL, fever: 'Yes', counsellor: 'Yes' });
    expect(await harness.getTasks()).to.be.empty;
  });

  describe('role restriction', () => {
    beforeEach(() => {
      checkIn(harness, { ...WELL, fever: 'Yes', anxious: 3, worry: 3 });
    });

    it('the supervisor sees the tasks', async () => {
      expect(names(await harness.getTasks())).to.deep.equal([psychosocialTask.title, symptomaticTask.title]);
    });

    it('a CHW user sees none', async () => {
      asChw(harness);
      expect(await harness.getTasks()).to.be.empty;
    });

    it('the CHW never sees tasks about themselves, even with the supervisor permission', async () => {
      harness.user = CHW;
      harness.userRoles = ['chw_supervisor'];
      expect(await harness.getTasks()).to.be.empty;
    });
  });
});
