/**
 * A CHW's wellbeing enrolment over weeks, as the supervisor's phone sees it: records from before
 * the enrolment, a withdrawal and a re-enrolment, a re-enrolment that only changes the day, a week
 * recovered late by `sync`, and every weekly record arriving three times. The intended behaviour
 * is documented in src/phone/workflows/chw-wellbeing/tasks.ts.
 */
import { expect } from 'chai';
import { missedTask, psychosocialTask, symptomaticTask } from '../../../src/phone/workflows/chw-wellbeing/tasks';
import { checkedInTarget, followedUpTarget, referredTarget } from '../../../src/phone/workflows/chw-wellbeing/targets';
import { ReportDoc, TaskDoc, useHarness } from '../../support/harness';
import { expectCopiesChangeNothing } from '../copies';
import { CHW, MISSED, SUPERVISOR, WELL, asSupervisor, checkIn, enrol } from './helpers';

const titles = (tasks: TaskDoc[]): string[] => tasks.map((task) => task.emission.title).sort();
const NEEDS_SUPPORT = { ...WELL, counsellor: 'Yes' as const };

describe('chw-wellbeing: an enrolment over the weeks, as the supervisor sees it', () => {
  const harness = useHarness();

  beforeEach(() => {
    asSupervisor(harness);
  });

  const at = (time: string) => harness.setNow(time);
  const tasks = async (): Promise<string[]> => titles(await harness.getTasks());
  const target = async (id: string) => (await harness.getTargets({ type: id }))[0]?.value;

  it('a weekly record received before the CHW was enrolled raises nothing; the first one after does', async () => {
    await at('2026-03-01T10:00:00'); // a check-in from an earlier pilot
    checkIn(harness, NEEDS_SUPPORT);
    await at('2026-03-02T08:00:00');
    await enrol(harness);
    expect(await tasks()).to.deep.equal([]);
    expect(await target(referredTarget.id)).to.include({ pass: 0 });

    await at('2026-03-04T10:00:00');
    checkIn(harness, { ...WELL, anxious: 3, worry: 3, fever: 'Yes' });
    expect(await tasks()).to.deep.equal([psychosocialTask.title, symptomaticTask.title].sort());
    expect(await target(referredTarget.id)).to.include({ pass: 1 });
  });

  it('a withdrawal ends the open tasks; after a re-enrolment the earlier weeks raise nothing and missed weeks count afresh', async () => {
    await at('2026-03-02T08:00:00');
    await enrol(harness);
    await at('2026-03-04T15:00:00');
    checkIn(harness, MISSED);
    await at('2026-03-11T10:00:00');
    checkIn(harness, NEEDS_SUPPORT);
    expect(await tasks()).to.deep.equal([psychosocialTask.title]);
    await at('2026-03-18T15:00:00');
    checkIn(harness, MISSED);

    await at('2026-03-20T10:00:00');
    await enrol(harness, { consent: 'no' });
    expect(await tasks(), 'withdrawn').to.deep.equal([]);

    await at('2026-03-27T10:00:00');
    await enrol(harness);
    expect(await tasks(), 'the support request from before the withdrawal does not come back').to.deep.equal([]);
    // figures keep history: this month's request, made while enrolled, counts, not followed up
    expect(await target(followedUpTarget.id)).to.include({ pass: 0, total: 1 });
    await at('2026-04-01T15:00:00');
    checkIn(harness, MISSED);
    expect(await tasks(), 'one missed week since the re-enrolment').to.deep.equal([]);
    await at('2026-04-08T15:00:00');
    checkIn(harness, MISSED);
    expect(await tasks()).to.deep.equal([missedTask.title]);

    // a re-enrolment with consent (another weekday) continues the enrolment: the task stays
    await at('2026-04-09T10:00:00');
    await enrol(harness, { day: 'friday' });
    expect(await tasks()).to.deep.equal([missedTask.title]);
  });

  it('a week recovered late by sync shows its task at once, due in the week it answers', async () => {
    await at('2026-03-02T08:00:00');
    await enrol(harness);
    // Wednesday 09:00 the CHW answers, the webhook is lost; sync brings the record on Friday
    await at('2026-03-06T12:00:00');
    const late = checkIn(harness, { ...WELL, interest: 3, down: 3 }, CHW, { answeredAt: '2026-03-04T09:00:00', via: 'sync' });
    expect(new Date(late.reported_date).getDate()).to.equal(4);
    const [task] = await harness.getTasks({ title: psychosocialTask.title });
    expect(task.emission).to.include({ dueDate: '2026-03-04', priority: 'high' });
    expect(task.state).to.equal('Ready');
    expect(await target(checkedInTarget.id)).to.include({ pass: 1, total: 1 });
  });

  it('every weekly record arriving three times changes no task, figure or profile, and one missed week stays one', async () => {
    const viewer = { user: SUPERVISOR, roles: ['chw_supervisor'] };
    const contacts = [CHW, 'health_center_1'];
    await at('2026-03-02T08:00:00');
    await enrol(harness);
    const weeks: Array<[string, Parameters<typeof checkIn>[1]]> = [
      ['2026-03-04T15:00:00', MISSED],
      ['2026-03-11T10:00:00', { ...WELL, anxious: 2, worry: 2, cough: 'Yes' }],
      ['2026-03-18T15:00:00', MISSED],
    ];
    const records: ReportDoc[] = [];
    for (const [time, week] of weeks) {
      await at(time);
      const record = checkIn(harness, week);
      records.push(record);
      await expectCopiesChangeNothing(harness, [record], viewer, contacts);
    }
    expect(await tasks(), 'a missed week sent three times is one missed week').to.deep.equal([psychosocialTask.title, symptomaticTask.title].sort());
    await at('2026-03-20T10:00:00');
    await expectCopiesChangeNothing(harness, records, viewer, contacts);
  });
});
