import { expect } from 'chai';
import { isRelevant, mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { synthesize } from '../../../src/project/synth';
import { simulateFlow } from '../../../src/rapidpro/simulator';
import { stopFlow as quarantineStop, group as quarantineGroup } from '../../../src/workflows/contact-tracing/flows';
import { stopFlow as trainingStop } from '../../../src/workflows/remote-training/flows';
import { stopFlow as wellbeingStop, group as wellbeingGroup } from '../../../src/workflows/chw-wellbeing/flows';
import { PHONE_INVALID, SOME_ACCEPTED_PHONES, SOME_REFUSED_PHONES, expectRefusedPhones } from '../phones';
import { ReportDoc, asChw, asSupervisor, useHarness, validationMessages } from '../../support/harness';

const assembly = synthesize();
const pushes = assembly.pushes.filter((push) => push.form.id === 'sms_withdrawal');
const exportOf = (flowUuid: unknown) => assembly.exports.find((file) => file.content.flows.some((flow) => flow.uuid === flowUuid))?.content;

/** What `mark_for_outbound` pushes for a saved withdrawal: the push name and payload of each relevant push. */
function pushed(report: ReportDoc | undefined): { name: string; payload: Record<string, unknown> }[] {
  expect(report, 'the form saved').to.not.equal(undefined);
  const doc = { ...(report as ReportDoc), type: 'data_record' };
  return pushes.filter((push) => isRelevant(push.config, doc)).map((push) => ({ name: push.name, payload: mapDocumentToPayload(doc, push.config, push.name) }));
}

describe('consent withdrawal: "Stop SMS" stops the SMS in RapidPro', () => {
  const harness = useHarness();

  it('stops a traced contact\'s daily check-ins at their number: the contact leaves the campaign group and gets one last SMS', async () => {
    asChw(harness, 'traced_contact');
    const result = await harness.fillForm('sms_withdrawal', ['quarantine', 'yes', 'withdrew_consent']);
    expect(result.errors).to.deep.equal([]);
    expect(result.report?.fields).to.deep.include({ patient_id: 'traced_contact', patient_uuid: 'traced_contact' });
    const [push, ...others] = pushed(result.report);
    expect(others).to.deep.equal([]);
    expect(push.name).to.equal('rapidpro_quarantine_withdraw');
    expect(push.payload).to.deep.equal({ flow: quarantineStop.uuid, urns: ['tel:+254712345678'], restart_participants: true, exclude_active: false, params: { cht_contact_id: 'traced_contact', outcome: 'withdrew' } });
    const run = simulateFlow(exportOf(push.payload.flow) as NonNullable<ReturnType<typeof exportOf>>, quarantineStop.options.name, {
      contact: { urn: 'tel:+254712345678', language: 'swa', groups: [quarantineGroup.name], fields: { quarantine_contact_id: 'traced_contact', quarantine_language: 'swa' } },
      params: push.payload.params as Record<string, unknown>,
    });
    expect(run.groups).to.deep.equal([]);
    expect(run.messages.map((message) => message.text)).to.deep.equal(['Hutapokea tena SMS za kila siku za COVID-19. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.']);
  });

  it('stops a CHW\'s weekly wellbeing checks at the number the supervisor confirms', async () => {
    asSupervisor(harness, 'chw_user');
    const result = await harness.fillForm('sms_withdrawal', ['wellbeing', 'no', '+255754000111', 'phone_not_theirs']);
    expect(result.errors).to.deep.equal([]);
    const [push, ...others] = pushed(result.report);
    expect(others).to.deep.equal([]);
    expect(push).to.deep.equal({ name: 'rapidpro_wellbeing_stop', payload: { flow: wellbeingStop.uuid, urns: ['tel:+255754000111'], restart_participants: true, exclude_active: false, params: { cht_contact_id: 'chw_user' } } });
    const run = simulateFlow(exportOf(push.payload.flow) as NonNullable<ReturnType<typeof exportOf>>, wellbeingStop.options.name, {
      contact: { urn: 'tel:+255754000111', language: 'eng', groups: [wellbeingGroup.name], fields: { wellbeing_contact_id: 'chw_user', wellbeing_language: 'eng' } },
      params: push.payload.params as Record<string, unknown>,
    });
    expect(run.groups).to.deep.equal([]);
    expect(run.messages).to.have.length(1);
  });

  it('stops a CHW\'s training: the stop flow starts for their number and confirms in their language', async () => {
    asSupervisor(harness, 'chw_user');
    const result = await harness.fillForm('sms_withdrawal', ['training', 'yes', 'withdrew_consent']);
    const [push, ...others] = pushed(result.report);
    expect(others).to.deep.equal([]);
    expect(push.name).to.equal('rapidpro_training_stop');
    expect(push.payload).to.deep.include({ flow: trainingStop.uuid, urns: ['tel:+254700000002'] });
    // a background flow, like every push: it interrupts nothing; the lesson under way stops at its
    // next step (test/unit/workflows/withdrawal.spec.ts)
    expect(push.payload).to.deep.include({ exclude_active: false, params: { cht_contact_id: 'chw_user' } });
    const run = simulateFlow(exportOf(push.payload.flow) as NonNullable<ReturnType<typeof exportOf>>, trainingStop.options.name, {
      contact: { urn: 'tel:+254700000002', language: 'fra', fields: { training_contact_id: 'chw_user', training_language: 'fra' } },
      params: push.payload.params as Record<string, unknown>,
    });
    expect(run.messages.map((message) => message.language)).to.deep.equal(['fra']);
  });

  it('takes the number as it is dialled and saves it in E.164, and refuses what is no phone number', async () => {
    asChw(harness, 'traced_contact');
    for (const [typed, saved] of SOME_ACCEPTED_PHONES) {
      const result = await harness.fillForm('sms_withdrawal', ['quarantine', 'no', typed, 'other']);
      expect(result.errors, typed).to.deep.equal([]);
      expect(pushed(result.report).map((push) => push.payload.urns), typed).to.deep.equal([[`tel:${saved}`]]);
    }
    expectRefusedPhones(harness);
    for (const phone of SOME_REFUSED_PHONES) {
      const result = await harness.fillForm('sms_withdrawal', ['quarantine', 'no', phone, 'other']);
      expect(result.report, phone).to.equal(undefined);
      expect(validationMessages(result).some((message) => PHONE_INVALID.test(message)), phone).to.equal(true);
    }
  });
});
