import { expect } from 'chai';
import { ContactSummary, useHarness } from '../../support/harness';
import { enrol, receiveCheckin, submitted } from './scenario';

const field = (summary: ContactSummary, label: string): unknown => summary.fields.find((f) => f.label === label)?.value;
const cardField = (summary: ContactSummary, label: string): unknown =>
  summary.cards.find((card) => card.label === 'contact.profile.contact-tracing.card')?.fields.find((f) => f.label === label)?.value;

describe('contact tracing: contact summary', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-10T08:00:00');
  });

  it('shows nothing for a contact who was never enrolled', async () => {
    const summary = await harness.getContactSummary();
    expect(field(summary, 'contact.profile.contact-tracing.status')).to.equal(undefined);
    expect(summary.context).to.deep.include({ ct_enrolled: false });
  });

  it('shows the status, day N of M, the last check-in and its answer, and gives the forms their context', async () => {
    const enrollment = await enrol(harness, { length: 14 });
    await harness.setNow('2026-03-12T09:30:00');
    const record = receiveCheckin(harness, enrollment, { day: 3, fever: 'yes' });

    const summary = await harness.getContactSummary();
    expect(field(summary, 'contact.profile.contact-tracing.status')).to.equal('contact.profile.contact-tracing.status.in_quarantine');
    expect(field(summary, 'contact.profile.contact-tracing.day')).to.equal('3 / 14');
    expect(cardField(summary, 'contact.profile.contact-tracing.start')).to.equal('2026-03-10');
    expect(cardField(summary, 'contact.profile.contact-tracing.last-day')).to.equal('2026-03-23');
    expect(cardField(summary, 'contact.profile.contact-tracing.sms')).to.equal('contact.profile.contact-tracing.yes');
    expect(cardField(summary, 'contact.profile.contact-tracing.last-checkin')).to.equal(record.reported_date);
    expect(cardField(summary, 'contact.profile.contact-tracing.last-answer')).to.equal('contact.profile.contact-tracing.answer.symptomatic');
    expect(summary.context).to.deep.include({
      ct_enrolled: true,
      ct_in_quarantine: true,
      ct_quarantine_day: 3,
      ct_quarantine_length: 14,
      ct_quarantine_end: '2026-03-23',
      ct_enrollment_id: enrollment._id,
      ct_sms_phone: '+254712345678',
    });

    await harness.flush(1);
    receiveCheckin(harness, enrollment, { day: 4, fever: 'none' });
    expect(cardField(await harness.getContactSummary(), 'contact.profile.contact-tracing.last-answer')).to.equal('contact.profile.contact-tracing.answer.unanswered');
  });

  it('shows a withdrawal and stops offering the SMS phone', async () => {
    await enrol(harness);
    await harness.flush(2);
    submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'withdrew', 'no_more_sms']));
    const summary = await harness.getContactSummary();
    expect(field(summary, 'contact.profile.contact-tracing.status')).to.equal('contact.profile.contact-tracing.status.withdrew');
    expect(field(summary, 'contact.profile.contact-tracing.day')).to.equal(undefined);
    expect(summary.context).to.deep.include({ ct_in_quarantine: false, ct_sms_phone: '' });
  });

  it('says when the quarantine is over and the end check is due', async () => {
    await enrol(harness, { length: 7 });
    await harness.setNow('2026-03-17T10:00:00');
    const summary = await harness.getContactSummary();
    expect(field(summary, 'contact.profile.contact-tracing.status')).to.equal('contact.profile.contact-tracing.status.awaiting_end_check');
  });
});
