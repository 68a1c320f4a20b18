import { expect } from 'chai';
import { ContactSummary, useHarness } from '../../support/harness';
import { answer, asSupervisor, CHW, complete, enrolOk, rightAnswer } from './helpers';

const card = (summary: ContactSummary) => summary.cards.find((c) => c.label === 'contact.profile.remote-training.title');
const field = (summary: ContactSummary, key: string) =>
  card(summary)?.fields.find((f) => f.label === `contact.profile.remote-training.${key}`)?.value;

describe('remote training: contact summary', () => {
  const harness = useHarness();
  beforeEach(async () => {
    asSupervisor(harness);
    await harness.setNow('2025-03-03T09:00:00');
  });

  it('shows nothing for a CHW who was never enrolled', async () => {
    expect(card(await harness.getContactSummary(CHW))).to.equal(undefined);
  });

  it('shows the module, status and questions answered during the training', async () => {
    await enrolOk(harness);
    answer(harness, 'anc_q1', rightAnswer('anc_q1'));
    answer(harness, 'anc_q2', 'A');
    const summary = await harness.getContactSummary(CHW);
    expect(field(summary, 'module')).to.equal('contact.profile.remote-training.module.anc');
    expect(field(summary, 'status')).to.equal('contact.profile.remote-training.status.in-progress');
    expect(field(summary, 'answered')).to.equal('2 / 7');
    expect(field(summary, 'score')).to.equal(undefined);
    expect(summary.context).to.include({ training_module: 'anc', training_status: 'in-progress', training_answered: 2, training_total: 7, training_completed: false });
  });

  it('shows the score once completed', async () => {
    await enrolOk(harness);
    for (const q of ['anc_q1', 'anc_q2', 'anc_q3', 'anc_q4', 'anc_q5', 'anc_q6']) answer(harness, q, rightAnswer(q));
    answer(harness, 'anc_q7', 'A');
    complete(harness, 6);
    const summary = await harness.getContactSummary(CHW);
    expect(field(summary, 'status')).to.equal('contact.profile.remote-training.status.completed');
    expect(field(summary, 'answered')).to.equal('7 / 7');
    expect(field(summary, 'score')).to.equal('6 / 7');
    expect(summary.context).to.include({ training_score: 6, training_completed: true });
  });

  it('says when the CHW did not consent', async () => {
    await enrolOk(harness, { consent: 'no' });
    const summary = await harness.getContactSummary(CHW);
    expect(field(summary, 'status')).to.equal('contact.profile.remote-training.status.declined');
    expect(field(summary, 'answered')).to.equal(undefined);
  });
});
