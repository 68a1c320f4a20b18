/**
 * The life of a quarantine, day by day, as the CHW's phone sees it: future and past start dates,
 * re-enrolment, withdrawal, answers around the quarantine's boundaries, late records recovered by
 * `sync` (backdated to when the contact answered), records of an unknown enrolment, and every
 * answer arriving three times. The intended behaviour is documented in
 * src/phone/workflows/contact-tracing/tasks.ts.
 */
import { expect } from 'chai';
import { endCheckOverdueTask, endOfQuarantineTask, symptomaticTask, unreachableTask } from '../../../src/phone/workflows/contact-tracing/tasks';
import { followedUpTarget } from '../../../src/phone/workflows/contact-tracing/targets';
import { ReportDoc, asChw, useHarness } from '../../support/harness';
import { expectCopiesChangeNothing } from '../copies';
import { TRACED, enrol, receiveCheckin, submitted, tasksTitled } from './scenario';

const SYMPTOMATIC = symptomaticTask.title;
const UNREACHABLE = unreachableTask.title;
const END = endOfQuarantineTask.title;
const OVERDUE = endCheckOverdueTask.title;

const FOLLOW_UP = ['home_visit', ['fever'], ['none'], 'referred_testing'];
const VISIT = ['home_visit', 'yes', 'yes', 'no', 'forgot'];

describe('contact tracing: the life of a quarantine, day by day', () => {
  const harness = useHarness();

  beforeEach(() => {
    asChw(harness, TRACED);
  });

  const at = (time: string) => harness.setNow(time);
  const status = async (): Promise<unknown> =>
    (await harness.getContactSummary()).fields.find((field) => field.label === 'contact.profile.contact-tracing.status')?.value;
  const day = async (): Promise<unknown> =>
    (await harness.getContactSummary()).fields.find((field) => field.label === 'contact.profile.contact-tracing.day')?.value;
  const states = (title: string) => harness.countTaskDocsByState({ title });

  it('a quarantine that starts in three days: silent from its first day, not from the enrolment', async () => {
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness, { exposure: '2026-03-09', start: '2026-03-13', length: 7 });
    expect(await status()).to.equal('contact.profile.contact-tracing.status.upcoming');

    await at('2026-03-12T20:00:00');
    expect(await tasksTitled(harness, UNREACHABLE), 'no check-in sent yet: not silent').to.have.length(0);

    await at('2026-03-13T15:00:00');
    receiveCheckin(harness, enrollment, { day: 1, fever: 'none' });
    await at('2026-03-14T15:00:00');
    receiveCheckin(harness, enrollment, { day: 2, fever: 'none' });
    expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);

    await at('2026-03-15T08:00:00');
    const [task] = await tasksTitled(harness, UNREACHABLE);
    expect(task.emission).to.include({ dueDate: '2026-03-15' });
    expect(task.emission.actions[0].content).to.include({ last_heard: '2026-03-13' });
    expect(await day()).to.equal('3 / 7');
  });

  it('a quarantine that started before the enrolment: day N of it, and an end check that escalates when overdue', async () => {
    await at('2026-03-10T08:00:00');
    await enrol(harness, { exposure: '2026-03-03', start: '2026-03-05', length: 7 });
    expect(await day()).to.equal('6 / 7');

    await at('2026-03-11T10:00:00');
    const [end] = await tasksTitled(harness, END);
    expect(end.emission).to.include({ dueDate: '2026-03-11' });
    expect(end.emission.actions[0].content).to.include({ quarantine_start: '2026-03-05', quarantine_end: '2026-03-11' });

    await at('2026-03-13T10:00:00');
    expect(await status()).to.equal('contact.profile.contact-tracing.status.awaiting_end_check');
    expect(await tasksTitled(harness, UNREACHABLE), 'the quarantine is over: nobody is silent').to.have.length(0);
    expect(await tasksTitled(harness, OVERDUE)).to.have.length(0);

    await at('2026-03-15T10:00:00');
    expect(await tasksTitled(harness, END)).to.have.length(0);
    const [overdue] = await tasksTitled(harness, OVERDUE);
    expect(overdue.emission).to.include({ dueDate: '2026-03-15', priority: 'high' });
    expect(await status()).to.equal('contact.profile.contact-tracing.status.end_check_overdue');

    submitted(await harness.loadAction(overdue, ['yes', 'no', 'completed']));
    expect(await tasksTitled(harness, OVERDUE)).to.have.length(0);
    expect(await status()).to.equal('contact.profile.contact-tracing.status.completed');
    // the end check was late: its task failed, and was completed late by the same form
    expect(await states(END)).to.include({ Failed: 1, Completed: 1, Total: 2 });
    expect(await states(OVERDUE)).to.include({ Completed: 1, Total: 1 });
  });

  it('two "yes" days in a row are one follow-up; a "yes" after the follow-up is a new one', async () => {
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness);

    await at('2026-03-11T10:00:00');
    receiveCheckin(harness, enrollment, { day: 2, fever: 'yes', cough: 'no', breathing: 'no' });
    await at('2026-03-12T09:30:00');
    receiveCheckin(harness, enrollment, { day: 3, fever: 'no', cough: 'yes', breathing: 'no' });
    const [task, ...more] = await tasksTitled(harness, SYMPTOMATIC);
    expect(more, 'one task for the contact').to.have.length(0);
    expect(task.emission).to.include({ dueDate: '2026-03-11', priority: 'high' });
    expect(task.emission.actions[0].content).to.include({ fever: true, cough: true, breathing: false, quarantine_day: 3 });

    await at('2026-03-12T09:45:00');
    submitted(await harness.loadAction(task, FOLLOW_UP));
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);

    await at('2026-03-14T09:30:00');
    receiveCheckin(harness, enrollment, { day: 5, fever: 'no', cough: 'no', breathing: 'yes' });
    const [again] = await tasksTitled(harness, SYMPTOMATIC);
    expect(again.emission).to.include({ dueDate: '2026-03-14' });
    expect(again.emission.actions[0].content).to.include({ fever: false, breathing: true, quarantine_day: 5 });
    expect(await states(SYMPTOMATIC)).to.include({ Completed: 1, Ready: 1, Total: 2 });

    // one figure per follow-up: the first was done 23¾ h after the first "yes", the second not yet
    const [figure] = await harness.getTargets({ type: followedUpTarget.id });
    expect(figure.value).to.include({ pass: 1, total: 2 });
  });

  it('a re-enrolment keeps the open symptomatic follow-up and moves the end check to the new last day', async () => {
    await at('2026-03-10T08:00:00');
    const first = await enrol(harness, { length: 7 });
    await at('2026-03-12T09:30:00');
    receiveCheckin(harness, first, { day: 3, fever: 'yes' });

    await at('2026-03-13T08:00:00'); // a new exposure: the quarantine starts again
    const second = await enrol(harness, { exposure: '2026-03-12', start: '2026-03-13', length: 14 });
    const [task] = await tasksTitled(harness, SYMPTOMATIC);
    expect(task.emission.actions[0].content).to.include({ fever: true, quarantine_day: 3 });
    expect(await day()).to.equal('1 / 14');

    await at('2026-03-16T10:00:00');
    expect(await tasksTitled(harness, END), 'the first quarantine\'s last day').to.have.length(0);
    const [silent] = await tasksTitled(harness, UNREACHABLE);
    expect(silent.emission, 'the silence clock restarted at the re-enrolment').to.include({ dueDate: '2026-03-15' });
    expect(silent.emission.actions[0].content?.source_id).to.equal(second._id);

    await at('2026-03-26T10:00:00');
    const [end] = await tasksTitled(harness, END);
    expect(end.emission.actions[0].content).to.include({ quarantine_start: '2026-03-13', quarantine_end: '2026-03-26', enrollment_id: second._id });
  });

  it('a withdrawal: an answer given before it still needs the follow-up when sync brings it late; one given after it raises nothing', async () => {
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness);
    // 2026-03-12 09:40: the contact answers "yes", the webhook is lost
    await at('2026-03-13T10:00:00');
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);
    submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'withdrew', 'no_more_sms']));

    await at('2026-03-13T18:00:00'); // the day-4 run was still open: an answer after the withdrawal
    receiveCheckin(harness, enrollment, { day: 4, fever: 'yes' });
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(0);

    await at('2026-03-14T10:00:00');
    receiveCheckin(harness, enrollment, { day: 3, fever: 'yes' }, TRACED, { answeredAt: '2026-03-12T09:40:00', via: 'sync' });
    const [task] = await tasksTitled(harness, SYMPTOMATIC);
    expect(task.emission).to.include({ dueDate: '2026-03-12' });
    expect(task.state).to.equal('Ready');
    expect(task.emission.actions[0].content).to.include({ quarantine_day: 3 });

    await at('2026-03-16T10:00:00');
    expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);
    await at('2026-03-23T10:00:00');
    expect(await tasksTitled(harness, END), 'closed by the withdrawal').to.have.length(0);
  });

  it('answers lost for three days and recovered by sync: the contact was not silent, and the "yes" among them shows at once', async () => {
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness);
    await at('2026-03-11T09:30:00');
    receiveCheckin(harness, enrollment, { day: 2, fever: 'no', cough: 'no', breathing: 'no' });
    // days 3, 4 and 5 are answered, but CHT is unreachable from RapidPro

    await at('2026-03-14T10:00:00');
    const [silent] = await tasksTitled(harness, UNREACHABLE);
    expect(silent.emission).to.include({ dueDate: '2026-03-13' });

    await at('2026-03-15T12:00:00');
    const recovered = [
      receiveCheckin(harness, enrollment, { day: 3, fever: 'yes', cough: 'no', breathing: 'no' }, TRACED, { answeredAt: '2026-03-12T09:30:00', via: 'sync' }),
      receiveCheckin(harness, enrollment, { day: 4, fever: 'no', cough: 'no', breathing: 'no' }, TRACED, { answeredAt: '2026-03-13T09:30:00', via: 'sync' }),
      receiveCheckin(harness, enrollment, { day: 5, fever: 'no', cough: 'no', breathing: 'no' }, TRACED, { answeredAt: '2026-03-14T09:30:00', via: 'sync' }),
    ];
    expect(recovered.map((record) => new Date(record.reported_date).getDate())).to.deep.equal([12, 13, 14]);
    expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);
    expect(await states(UNREACHABLE), 'withdrawn, not failed: the contact was heard').to.include({ Cancelled: 1, Failed: 0 });
    const [task] = await tasksTitled(harness, SYMPTOMATIC);
    expect(task.emission, 'due when the contact answered').to.include({ dueDate: '2026-03-12' });
    expect(task.state, 'not created already expired').to.equal('Ready');
  });

  it('a "yes" to the last day\'s check-in that arrives after midnight still raises the follow-up', async () => {
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness, { length: 3 });
    // the contact answers at 23:50 on the last day; the webhook reaches CHT at 00:10
    await at('2026-03-13T00:10:00');
    receiveCheckin(harness, enrollment, { day: 3, fever: 'yes' }, TRACED, { answeredAt: '2026-03-12T23:50:00' });
    expect(await status()).to.equal('contact.profile.contact-tracing.status.awaiting_end_check');
    const [task] = await tasksTitled(harness, SYMPTOMATIC);
    expect(task.emission.actions[0].content).to.include({ fever: true, quarantine_day: 3 });

    // a check-in naming an enrolment this phone does not know (deleted, or never replicated) raises nothing
    receiveCheckin(harness, { ...enrollment, _id: 'enrolment-not-here' }, { day: 2, fever: 'yes' });
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(1);
  });

  it('a check visit completes the unreachable task, and a silence that goes on raises a new one', async () => {
    await at('2026-03-10T08:00:00');
    await enrol(harness);
    await at('2026-03-12T09:00:00');
    const [first] = await tasksTitled(harness, UNREACHABLE);
    submitted(await harness.loadAction(first, VISIT));
    expect(await tasksTitled(harness, UNREACHABLE)).to.have.length(0);

    await at('2026-03-14T10:00:00');
    const [second] = await tasksTitled(harness, UNREACHABLE);
    expect(second.emission).to.include({ dueDate: '2026-03-14' });
    expect(second.emission.actions[0].content).to.include({ last_heard: '2026-03-12' });
    expect(await states(UNREACHABLE)).to.include({ Completed: 1, Ready: 1, Total: 2 });
  });

  it('every answer arriving three times (webhook, sync and a replay) changes no task, figure or profile', async () => {
    const viewer = { user: 'chw_user', roles: ['chw'] };
    const contacts = [TRACED, 'clinic_1'];
    await at('2026-03-10T08:00:00');
    const enrollment = await enrol(harness, { length: 5 });
    const records: ReportDoc[] = [];
    const checkin = async (time: string, answers: Parameters<typeof receiveCheckin>[2]): Promise<void> => {
      await at(time);
      const record = receiveCheckin(harness, enrollment, answers);
      records.push(record);
      await expectCopiesChangeNothing(harness, [record], viewer, contacts);
    };
    await checkin('2026-03-10T15:00:00', { day: 1, fever: 'none' });
    await checkin('2026-03-11T09:30:00', { day: 2, fever: 'yes', cough: 'no', breathing: 'no' });
    await checkin('2026-03-12T09:30:00', { day: 3, fever: 'yes', cough: 'yes', breathing: 'no' });
    await checkin('2026-03-13T15:00:00', { day: 4, fever: 'none' });
    await at('2026-03-15T10:00:00');
    await expectCopiesChangeNothing(harness, records, viewer, contacts);
    expect(await tasksTitled(harness, SYMPTOMATIC)).to.have.length(1);
    expect(await tasksTitled(harness, END)).to.have.length(1);
  });
});
