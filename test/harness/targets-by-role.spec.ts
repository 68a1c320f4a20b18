/**
 * Every target tile shows for exactly the roles it is for, as CHT 4.11 decides: the support's
 * `getTargets` evaluates each target's `context` with the user's contact doc as `user` (the
 * harness itself shows every target to everyone). The data is real: the three workflows'
 * enrolments filled in their forms and RapidPro's records as CHT would store them.
 */
import { expect } from 'chai';
import { RULES } from '../../src/phone/workflows';
import { Target, asChw, asSupervisor, useHarness } from '../support/harness';
import { TRACED, allWorkflowsSeason as season } from './all-workflows';

const ids = (workflow: keyof typeof RULES): string[] => RULES[workflow].targets.map((target) => target.id);
const CHW_TILES = ids('contact-tracing');
const SUPERVISOR_TILES = [...ids('remote-training'), ...ids('chw-wellbeing')];

const tiles = (targets: Target[]): Record<string, Target['value']> => Object.fromEntries(targets.map((target) => [target.id, target.value]));

describe('target tiles by role, as CHT 4.11 shows them', () => {
  const harness = useHarness();

  it('a CHW sees the contact-tracing tiles, filled, and no supervisor tile', async () => {
    await season(harness);
    asChw(harness);
    const seen = tiles(await harness.getTargets());
    expect(Object.keys(seen)).to.have.members(CHW_TILES);
    expect(seen['contact-tracing-monitored']).to.include({ pass: 1, total: 1 });
    expect(seen['contact-tracing-answered']).to.include({ pass: 1, total: 1 });
  });

  it('a supervisor sees the training and wellbeing tiles, filled, and no CHW tile', async () => {
    await season(harness);
    asSupervisor(harness);
    const seen = tiles(await harness.getTargets());
    expect(Object.keys(seen)).to.have.members(SUPERVISOR_TILES);
    expect(seen['remote-training-enrolled']).to.include({ pass: 1, total: 1 });
    expect(seen['remote-training-answers-correct']).to.include({ pass: 0, total: 1 });
    expect(seen['chw-wellbeing-referred']).to.include({ pass: 1 });
  });

  it('a user whose contact is not a CHW nor a supervisor (here a traced contact) sees no tile', async () => {
    await season(harness);
    harness.user = TRACED;
    harness.userRoles = ['chw'];
    expect(await harness.getTargets()).to.deep.equal([]);
  });
});
