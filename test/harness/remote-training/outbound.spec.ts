import { expect } from 'chai';
import { isRelevant, mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { startPush } from '../../../src/workflows/remote-training';
import { enrolmentFlow } from '../../../src/workflows/remote-training/flows';
import { pushConfig } from '../../support/harness';

const TRAINING_PUSH = startPush.name;
import { ChtHarness, ReportDoc, useHarness } from '../../support/harness';
import { asSupervisor, CHW, CHW_PHONE, enrolOk, setPreferredLanguage } from './helpers';

/**
 * The doc as CHT's outbound sees it: `doc.contact` is the submitting user's contact, hydrated.
 * (The harness saves the form's subject in `contact`; CHT saves the logged-in user's contact.)
 */
function hydrated(harness: ChtHarness, report: ReportDoc): ReportDoc {
  const submitter = harness.state.contacts.find((c) => c._id === harness.user?._id);
  if (!submitter) throw new Error('the logged-in user has no contact doc');
  return { ...report, contact: submitter };
}

describe('remote training: outbound push', () => {
  const harness = useHarness();
  const push = pushConfig(TRAINING_PUSH);
  beforeEach(async () => {
    asSupervisor(harness);
    await harness.setNow('2025-03-03T09:00:00');
  });

  it('starts the training enrolment (in the background) in the chosen language from a real enrolment', async () => {
    setPreferredLanguage(harness, 'sw');
    const report = hydrated(harness, await enrolOk(harness));
    expect(report.contact).to.include({ _id: 'supervisor_user', phone: '+254700000001' });
    expect(isRelevant(push, report)).to.equal(true);
    expect(mapDocumentToPayload(report, push, TRAINING_PUSH)).to.deep.equal({
      flow: enrolmentFlow.uuid,
      urns: [`tel:${CHW_PHONE}`],
      restart_participants: true,
      exclude_active: false,
      params: {
        cht_contact_id: CHW,
        name: 'Amina CHW',
        enrollment_id: report._id,
        module: 'anc',
        language: 'swa',
        supervisor_phone: '+254700000001',
      },
    });
    expect(push.destination.path).to.equal('/api/v2/flow_starts.json');
  });

  it('sends French as fra and to a corrected number', async () => {
    const report = hydrated(harness, await enrolOk(harness, { language: 'fr', phone: '+243812345678' }));
    const payload = mapDocumentToPayload(report, push, TRAINING_PUSH) as { urns: string[]; params: Record<string, unknown> };
    expect(payload.urns).to.deep.equal(['tel:+243812345678']);
    expect(payload.params.language).to.equal('fra');
  });

  it('does not start the flow without consent', async () => {
    const report = hydrated(harness, await enrolOk(harness, { consent: 'no' }));
    expect(isRelevant(push, report)).to.equal(false);
  });

  it('ignores other forms and contacts', async () => {
    const report = hydrated(harness, await enrolOk(harness));
    expect(isRelevant(push, { ...report, form: 'wellbeing_enrollment' })).to.equal(false);
    expect(isRelevant(push, { _id: CHW, type: 'person', phone: CHW_PHONE })).to.equal(false);
  });
});
