import { expect } from 'chai';
import { isRelevant, mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { startPush } from '../../../src/workflows/chw-wellbeing';
import { enrolmentFlow } from '../../../src/workflows/chw-wellbeing/flows';
import { ReportDoc, pushConfig, useHarness, validationMessages } from '../../support/harness';
import { PHONE_INVALID, SOME_ACCEPTED_PHONES, SOME_REFUSED_PHONES, expectRefusedPhones } from '../phones';
import { asSupervisor, CHW, enrol, SUPERVISOR } from './helpers';

const WELLBEING_PUSH = startPush.name;
const push = pushConfig(WELLBEING_PUSH);

describe('chw-wellbeing forms and outbound push (harness)', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-02T08:00:00');
    asSupervisor(harness);
  });

  /** The doc as CHT's outbound hydrates it: the submitter's full contact in `doc.contact`, the subject in `doc.patient`. */
  const hydrated = (report: ReportDoc): ReportDoc => ({
    ...report,
    contact: harness.state.contacts.find((contact) => contact._id === SUPERVISOR),
    patient: harness.state.contacts.find((contact) => contact._id === report.fields.patient_uuid),
  });

  describe('wellbeing_enrollment', () => {
    it('records consent, language, the confirmed profile phone and the weekday', async () => {
      const report = await enrol(harness, { language: 'fr', day: 'friday' });
      expect(report.fields).to.nested.include({
        patient_id: CHW,
        patient_uuid: CHW,
        'enrollment.consent': 'yes',
        'enrollment.language': 'fr',
        'enrollment.phone': '+254700000002',
        'enrollment.preferred_day': 'friday',
        'enrollment.weekday': '5',
        'enrollment.first_check': '2026-03-06', // the Friday after this Monday
      });
    });

    it('takes a corrected phone number as it is dialled and saves it in E.164', async () => {
      expectRefusedPhones(harness);
      for (const phone of SOME_REFUSED_PHONES) {
        const bad = await harness.fillForm('wellbeing_enrollment', ['yes', 'sw', 'no', phone, 'monday']);
        expect(validationMessages(bad).some((msg) => PHONE_INVALID.test(msg)), phone).to.equal(true);
      }
      for (const [typed, saved] of SOME_ACCEPTED_PHONES) {
        const good = await harness.fillForm('wellbeing_enrollment', ['yes', 'sw', 'no', typed, 'monday']);
        expect(good.errors, typed).to.deep.equal([]);
        // on a Monday, a Monday check-in starts next week, never today
        expect(good.report?.fields, typed).to.nested.include({ 'enrollment.phone': saved, 'enrollment.first_check': '2026-03-09' });
      }
    });

    it('counts the weekday from the local date on the phone, at any hour (CI runs this at UTC−3 and UTC+13)', async () => {
      await harness.setNow('2026-03-01T23:30:00'); // a Sunday, late
      expect((await enrol(harness, { day: 'monday' })).fields).to.nested.include({ 'enrollment.first_check': '2026-03-02' });
      await harness.setNow('2026-03-02T00:30:00'); // the Monday, just after midnight
      expect((await enrol(harness, { day: 'monday' })).fields).to.nested.include({ 'enrollment.first_check': '2026-03-09' });
      expect((await enrol(harness, { day: 'sunday' })).fields).to.nested.include({ 'enrollment.first_check': '2026-03-08' });
    });

    it("reads the CHW's preferred language from the profile for the language question", async () => {
      const chw = harness.state.contacts.find((contact) => contact._id === CHW)!;
      chw.preferred_language = 'fr';
      const french = await enrol(harness, { language: 'fr' });
      expect(french.fields).to.nested.include({ 'enrollment.profile_language': 'French' });
      delete chw.preferred_language;
      const none = await enrol(harness, { language: 'en' });
      expect(none.fields).to.nested.include({ 'enrollment.profile_language': '—' });
    });

    it('refuses to confirm a profile phone that is not E.164', async () => {
      harness.subject = { ...harness.state.contacts.find((contact) => contact._id === CHW)!, phone: '0700000002' };
      const result = await harness.fillForm('wellbeing_enrollment', ['yes', 'en', 'yes', 'tuesday']);
      expect(validationMessages(result).join(' ')).to.contain('not in international format');
    });

    it('asks nothing more without consent, and stores no phone', async () => {
      const report = await enrol(harness, { consent: 'no' });
      expect(report.fields).to.nested.include({ 'enrollment.consent': 'no', 'enrollment.phone': '' });
    });
  });

  describe(`outbound push ${WELLBEING_PUSH}`, () => {
    it('starts the enrolment flow with the CHT ids and name, language, first check date and supervisor phone', async () => {
      const report = hydrated(await enrol(harness, { language: 'sw', day: 'wednesday' }));
      expect(isRelevant(push, report)).to.equal(true);
      expect(mapDocumentToPayload(report, push, WELLBEING_PUSH)).to.deep.equal({
        flow: enrolmentFlow.uuid,
        urns: ['tel:+254700000002'],
        restart_participants: true,
        exclude_active: false,
        params: {
          cht_contact_id: CHW,
          name: 'Amina CHW',
          enrollment_id: report._id,
          language: 'sw',
          first_check: '2026-03-04',
          supervisor_phone: '+254700000001',
        },
      });
    });

    it('is not sent without consent, nor for another form', async () => {
      const declined = hydrated(await enrol(harness, { consent: 'no' }));
      expect(isRelevant(push, declined)).to.equal(false);
      const enrolled = hydrated(await enrol(harness));
      expect(isRelevant(push, { ...enrolled, form: 'wellbeing_follow_up' })).to.equal(false);
      expect(isRelevant(push, { ...enrolled, type: 'person' })).to.equal(false);
    });

    it('still enrols when the supervisor has no phone', async () => {
      const report = { ...hydrated(await enrol(harness)), contact: { _id: SUPERVISOR } };
      const { params } = mapDocumentToPayload(report, push, WELLBEING_PUSH) as { params: Record<string, unknown> };
      expect(params).to.include({ cht_contact_id: CHW }).and.not.have.property('supervisor_phone');
    });
  });

  describe('wellbeing_follow_up opened by hand', () => {
    it('asks for the reason when no task passed one, and records actions only', async () => {
      const result = await harness.fillForm('wellbeing_follow_up', ['missed', 'yes', 'phone_problem', 'resolved']);
      expect(result.errors).to.deep.equal([]);
      expect(result.report?.fields).to.nested.include({
        'follow_up.check_reason': 'missed', 'follow_up.missed_reason': 'phone_problem', 'follow_up.outcome': 'resolved',
      });
    });

    it('records an unreachable CHW without an outcome', async () => {
      const result = await harness.fillForm('wellbeing_follow_up', ['psychosocial', 'no']);
      expect(result.errors).to.deep.equal([]);
      expect(result.report?.fields).to.nested.include({ 'follow_up.reached': 'no' });
      expect(result.report?.fields).to.not.have.nested.property('follow_up.outcome');
    });
  });
});
