import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileExpression } from '../../support/cht-expression';
import { REPO_ROOT, useHarness, validationMessages } from '../../support/harness';
import { PHONE_INVALID, SOME_ACCEPTED_PHONES, SOME_REFUSED_PHONES, expectRefusedPhones } from '../phones';
import { asSupervisor, CHW, CHW_PHONE, enrol, enrolOk, setPreferredLanguage } from './helpers';

describe('remote training: app forms', () => {
  const harness = useHarness();
  beforeEach(() => {
    asSupervisor(harness);
  });

  describe('training_enrollment', () => {
    it("records the module, language, confirmed phone and consent about the CHW", async () => {
      const report = await enrolOk(harness, { language: 'fr' });
      expect(report.form).to.equal('training_enrollment');
      expect(report.fields.patient_id).to.equal(CHW);
      expect(report.fields.patient_name).to.equal('Amina CHW');
      expect(report.fields.training).to.include({
        module: 'anc', language: 'fr', flow_language: 'fra', phone: CHW_PHONE, phone_confirmed: 'yes', consent: 'yes',
      });
    });

    it("offers the CHW's preferred language, and another one on request", async () => {
      setPreferredLanguage(harness, 'sw');
      expect((await enrolOk(harness)).fields.training).to.include({ use_preferred_language: 'yes', language: 'sw', flow_language: 'swa' });
      expect((await enrolOk(harness, { language: 'fr' })).fields.training).to.include({ use_preferred_language: 'no', language: 'fr', flow_language: 'fra' });
    });

    it('takes a corrected phone number when the profile one is not the right one', async () => {
      const report = await enrolOk(harness, { phone: '+255754123456' });
      expect(report.fields.training).to.include({ phone_confirmed: 'no', new_phone: '+255754123456', phone: '+255754123456' });
    });

    it('asks for the phone when the CHW has none on the profile', async () => {
      const chw = harness.state.contacts.find((contact) => contact._id === CHW)!;
      delete chw.phone;
      const result = await harness.fillForm({ form: 'training_enrollment', subject: CHW }, ['anc', 'en', '+254711000111', 'yes']);
      expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
      expect(result.report!.fields.training).to.include({ phone: '+254711000111' });
    });

    it('takes a new phone as it is dialled and saves it in E.164, and refuses what is no phone number', async () => {
      for (const [typed, saved] of SOME_ACCEPTED_PHONES) {
        const report = await enrolOk(harness, { phone: typed });
        expect(report.fields.training, typed).to.include({ phone_confirmed: 'no', phone: saved });
      }
      expectRefusedPhones(harness);
      for (const phone of SOME_REFUSED_PHONES) {
        const result = await enrol(harness, { phone });
        expect(result.report, phone).to.equal(undefined);
        expect(validationMessages(result).some((msg) => PHONE_INVALID.test(msg)), phone).to.equal(true);
      }
    });

    it('requires the supervisor to confirm the phone with the CHW', async () => {
      const result = await harness.fillForm({ form: 'training_enrollment', subject: CHW }, ['anc', 'en', null, 'yes']);
      expect(result.report).to.equal(undefined);
      expect(validationMessages(result)).to.not.be.empty;
    });

    it('saves an enrolment without consent (no training is sent)', async () => {
      const report = await enrolOk(harness, { consent: 'no' });
      expect(report.fields.training).to.include({ consent: 'no' });
    });
  });

  describe('training_follow_up', () => {
    it('shows the wrong answer passed by the task and records the coaching', async () => {
      harness.content = {
        source: 'task', source_id: 'rp-1', contact: { _id: CHW },
        reason: 'wrong_answer', topic: 'danger_signs', question_id: 'anc_q2', answer: 'A', answer_option: 'anc_q2_a',
      };
      const result = await harness.fillForm('training_follow_up', ['phone', 'yes', 'partly', 'follow_up_at_visit', '']);
      expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
      const fields = result.report!.fields;
      expect(fields).to.include({ reason: 'wrong_answer', topic: 'danger_signs', question_id: 'anc_q2', answer: 'A', patient_id: CHW });
      expect(fields.follow_up).to.include({ contact_method: 'phone', reviewed: 'yes', understanding: 'partly', outcome: 'follow_up_at_visit' });
      expect(fields.topic_label).to.equal('Danger signs in pregnancy');
      expect(String(fields.answer_label)).to.equal('A) Advise rest at home');
      expect(String(fields.question_label)).to.match(/severe headache and blurred vision[\s\S]*B\) Refer her urgently/);
    });

    it('asks why the CHW has not finished when the nudge opens it', async () => {
      harness.content = { source: 'task', source_id: 'enrol-1', contact: { _id: CHW }, reason: 'not_completed', answered: 3, total: 7, days_since_enrollment: 7 };
      const result = await harness.fillForm('training_follow_up', ['in_person', 'other', 'Travelling for a funeral', 're_enrol', '']);
      expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
      expect(result.report!.fields).to.include({ reason: 'not_completed', answered_display: '3', total_display: '7' });
      expect(result.report!.fields.follow_up).to.include({ contact_method: 'in_person', barrier: 'other', outcome: 're_enrol' });
    });

    it('is not offered in the Reports "+" menu nor on a profile: only a supervisor task opens it', () => {
      // 4.11's XmlFormsService: the menu evaluates `context.expression` with no contact; a task
      // renders the form without evaluating it (EnketoFormContext.shouldEvaluateExpression), and
      // still checks the permission
      const { context } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'forms/app/training_follow_up.properties.json'), 'utf8')) as {
        context: { person: boolean; place: boolean; permission: string; expression: string };
      };
      expect(context).to.include({ person: false, place: false, permission: 'can_supervise_training' });
      const chw = { _id: CHW, type: 'person', role: 'chw' };
      for (const contact of [undefined, chw]) {
        expect(!!compileExpression(context.expression)({ contact, user: { role: 'chw_supervisor' }, summary: {} }), JSON.stringify(contact)).to.equal(false);
      }
    });

    it('cannot be saved without a CHW (opened other than from a task)', async () => {
      // what CHT gives a form opened from the Reports "+" menu: no contact
      harness.content = { source: 'user', contact: {} };
      const result = await harness.fillForm('training_follow_up', []);
      expect(result.report).to.equal(undefined);
      expect(validationMessages(result)).to.include('Open this form from a training task.');
    });

    it('lets the supervisor record that the CHW could not be reached', async () => {
      harness.content = { source: 'task', source_id: 'rp-1', contact: { _id: CHW }, reason: 'wrong_answer', topic: 'malaria', question_id: 'anc_q5', answer: 'B', answer_option: 'anc_q5_b' };
      const result = await harness.fillForm('training_follow_up', ['not_reached']);
      expect(result.errors, JSON.stringify(result.errors)).to.be.empty;
      expect(result.report!.fields.follow_up).to.include({ contact_method: 'not_reached' });
    });
  });
});
