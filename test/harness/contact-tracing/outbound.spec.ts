import { expect } from 'chai';
import { isRelevant, mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { startPush, stopPush } from '../../../src/workflows/contact-tracing';
import { enrolmentFlow, stopFlow } from '../../../src/workflows/contact-tracing/flows';
import { ChtHarness, ContactDoc, ReportDoc, pushConfig, useHarness } from '../../support/harness';
import { enrolmentPages, submitted } from './scenario';

const START_PUSH = startPush.name;
const STOP_PUSH = stopPush.name;
const pushes = { [START_PUSH]: pushConfig(START_PUSH), [STOP_PUSH]: pushConfig(STOP_PUSH) };

/** The doc as `mark_for_outbound` sees it: CHT hydrates `contact` (the submitting CHW) and `patient` (the subject) with their lineage. */
function hydrated(harness: ChtHarness, report: ReportDoc): ReportDoc {
  const byId = new Map(harness.state.contacts.map((contact) => [contact._id, contact]));
  const withLineage = (contact: ContactDoc | undefined): ContactDoc | undefined =>
    contact && { ...contact, parent: contact.parent && withLineage(byId.get(contact.parent._id)) as ContactDoc };
  return { ...report, contact: withLineage(byId.get('chw_user')), patient: withLineage(byId.get(String(report.fields.patient_id))) };
}

describe('contact tracing: outbound pushes', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-10T08:00:00');
  });

  it('starts the enrolment flow for the contact\'s phone with the CHT ids and name, the quarantine, the CHW phone and the language', async () => {
    const doc = hydrated(harness, submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ language: 'sw', length: 10 }))));
    const push = pushes[START_PUSH];
    expect(isRelevant(push, doc)).to.equal(true);
    expect(mapDocumentToPayload(doc, push, START_PUSH)).to.deep.equal({
      flow: enrolmentFlow.uuid,
      urns: ['tel:+254712345678'],
      restart_participants: true,
      exclude_active: false,
      params: {
        cht_contact_id: 'traced_contact',
        name: 'Baraka Contact',
        enrollment_id: doc._id,
        quarantine_start: '2026-03-10',
        quarantine_length: '10',
        chw_phone: '+254700000002',
        language: 'sw',
      },
    });
    expect(isRelevant(pushes[STOP_PUSH], doc), 'the stop push ignores enrolments').to.equal(false);
  });

  it('uses the corrected phone when the CHW corrected it', async () => {
    const doc = hydrated(harness, submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ phone: '+255754000111' }))));
    expect(mapDocumentToPayload(doc, pushes[START_PUSH], START_PUSH)).to.deep.include({ urns: ['tel:+255754000111'] });
  });

  it('pushes nothing without consent', async () => {
    const doc = hydrated(harness, submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ consent: 'no' }))));
    expect(isRelevant(pushes[START_PUSH], doc)).to.equal(false);
  });

  it('pushes nothing for a phone that is not E.164 (e.g. a record edited after submission)', async () => {
    const doc = hydrated(harness, submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages())));
    const sms = doc.fields.sms as Record<string, unknown>;
    for (const phone of ['0712345678', '+254 712 345 678', '', undefined]) {
      expect(isRelevant(pushes[START_PUSH], { ...doc, fields: { ...doc.fields, sms: { ...sms, phone } } }), String(phone)).to.equal(false);
    }
  });

  it('does not start the flow twice for the same submission (deterministic payload)', async () => {
    const doc = hydrated(harness, submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages())));
    const first = mapDocumentToPayload(doc, pushes[START_PUSH], START_PUSH);
    await harness.flush(1);
    expect(mapDocumentToPayload({ ...doc, _rev: '2-abc' }, pushes[START_PUSH], START_PUSH)).to.deep.equal(first);
  });

  it('stops the SMS when the CHW closes the quarantine, and only for a contact on SMS', async () => {
    submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages()));
    await harness.flush(3);
    const end = hydrated(harness, submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'withdrew', 'no_more_sms'])));
    expect(isRelevant(pushes[STOP_PUSH], end)).to.equal(true);
    expect(mapDocumentToPayload(end, pushes[STOP_PUSH], STOP_PUSH)).to.deep.equal({
      flow: stopFlow.uuid,
      urns: ['tel:+254712345678'],
      restart_participants: true,
      exclude_active: false,
      params: { cht_contact_id: 'traced_contact', outcome: 'withdrew' },
    });

    await harness.clear();
    await harness.setNow('2026-03-10T08:00:00');
    submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ consent: 'no' })));
    const noSms = hydrated(harness, submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'lost'])));
    expect(isRelevant(pushes[STOP_PUSH], noSms)).to.equal(false);
  });
});
