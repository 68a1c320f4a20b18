import { expect } from 'chai';
import { completedTarget, correctTarget, enrolledTarget, followedUpTarget } from '../../../src/phone/workflows/remote-training/targets';

const TARGET = { enrolled: enrolledTarget.id, completed: completedTarget.id, correct: correctTarget.id, followedUp: followedUpTarget.id };
import { wrongAnswerTask } from '../../../src/phone/workflows/remote-training/tasks';
import { ChtHarness, TargetValue, useHarness } from '../../support/harness';
import { answer, asSupervisor, CHW, complete, enrolOk, rightAnswer } from './helpers';

async function values(harness: ChtHarness, user: string, roles: string[]): Promise<Record<string, TargetValue>> {
  const targets = await harness.getTargets({ user, userRoles: roles, type: Object.values(TARGET) });
  return Object.fromEntries(targets.map((target) => [target.id, target.value]));
}

describe('remote training: targets', () => {
  const harness = useHarness();
  beforeEach(async () => {
    asSupervisor(harness);
    await harness.setNow('2025-03-03T09:00:00');
  });

  it('counts enrolled CHWs, completion, correct answers and wrong answers followed up', async () => {
    await enrolOk(harness);
    let v = await values(harness, 'supervisor_user', ['chw_supervisor']);
    expect(v[TARGET.enrolled]).to.include({ pass: 1, total: 1 });
    expect(v[TARGET.completed]).to.include({ pass: 0, total: 1 });
    expect(v[TARGET.correct]).to.include({ pass: 0, total: 0 });

    answer(harness, 'anc_q1', rightAnswer('anc_q1'));
    answer(harness, 'anc_q2', rightAnswer('anc_q2'));
    answer(harness, 'anc_q3', 'B');
    v = await values(harness, 'supervisor_user', ['chw_supervisor']);
    expect(v[TARGET.correct]).to.include({ pass: 2, total: 3, percent: 67 });
    expect(v[TARGET.followedUp]).to.include({ pass: 0, total: 1 });

    const [task] = (await harness.getTasks({ user: 'supervisor_user', userRoles: ['chw_supervisor'], subject: CHW }))
      .filter((t) => t.emission.title === wrongAnswerTask.title);
    const followUp = await harness.loadAction(task, ['in_person', 'yes', 'yes', 'no_action', '']);
    expect(followUp.errors, JSON.stringify(followUp.errors)).to.be.empty;
    complete(harness, 2);

    v = await values(harness, 'supervisor_user', ['chw_supervisor']);
    expect(v[TARGET.followedUp]).to.include({ pass: 1, total: 1 });
    expect(v[TARGET.completed]).to.include({ pass: 1, total: 1, percent: 100 });
    expect(v[TARGET.enrolled]).to.include({ pass: 1, total: 1 });
  });

  it('does not count an enrolment without consent', async () => {
    await enrolOk(harness, { consent: 'no' });
    const v = await values(harness, 'supervisor_user', ['chw_supervisor']);
    expect(v[TARGET.enrolled]).to.include({ pass: 0, total: 0 });
    expect(v[TARGET.completed]).to.include({ total: 0 });
  });

  it("keeps supervisor tiles off a CHW's target page", async () => {
    await enrolOk(harness);
    answer(harness, 'anc_q1', 'A');
    expect(await values(harness, CHW, ['chw'])).to.deep.equal({});
  });
});
