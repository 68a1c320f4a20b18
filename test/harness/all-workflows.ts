/**
 * One season of the three workflows together, as the cross-workflow harness specs (profiles,
 * target tiles by role) play it: a traced contact in quarantine with a "yes" check-in, and the
 * CHW in the ANC training (one answer) and in wellbeing check-ins (a counsellor asked for).
 */
import { ChtHarness, asChw, asSupervisor } from '../support/harness';
import { checkIn, enrol as enrolWellbeing, WELL } from './chw-wellbeing/helpers';
import { enrol as enrolContact, receiveCheckin, TRACED } from './contact-tracing/scenario';
import { answer, enrolOk as enrolTraining } from './remote-training/helpers';

export { TRACED };

export async function allWorkflowsSeason(harness: ChtHarness): Promise<void> {
  await harness.setNow('2026-03-02T08:00:00');
  asChw(harness, TRACED);
  const quarantine = await enrolContact(harness, { exposure: '2026-03-01', start: '2026-03-02', length: 14 });
  asSupervisor(harness);
  await enrolTraining(harness);
  await enrolWellbeing(harness);
  await harness.setNow('2026-03-04T10:00:00');
  receiveCheckin(harness, quarantine, { day: 3, fever: 'yes' });
  answer(harness, 'anc_q2', 'A');
  checkIn(harness, { ...WELL, counsellor: 'Yes' });
}
