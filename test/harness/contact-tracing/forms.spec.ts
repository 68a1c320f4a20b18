import { expect } from 'chai';
import { PHONE_INVALID, SOME_ACCEPTED_PHONES, SOME_REFUSED_PHONES, expectRefusedPhones } from '../phones';
import { useHarness, validationErrors, validationMessages } from '../../support/harness';
import { isoDate } from '../../../src/phone/kit/time';
import { periodOf } from '../../../src/phone/workflows/contact-tracing/state';
import { enrolmentPages, submitted } from './scenario';

describe('contact tracing: app forms', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-10T08:00:00');
  });

  describe('quarantine_enrollment', () => {
    it('saves the quarantine, its last day and the confirmed SMS phone for the contact', async () => {
      const report = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ language: 'sw' })));
      expect(report.fields).to.deep.include({ patient_id: 'traced_contact', patient_uuid: 'traced_contact' });
      expect(report.fields.quarantine).to.deep.include({ start_date: '2026-03-10', length_days: '14', end_date: '2026-03-23' });
      expect(report.fields.sms).to.deep.include({ consent: 'yes', language: 'sw', phone: '+254712345678' });
    });

    it("shows the last day the phone's rules use, in any time zone and across a daylight-saving change", async () => {
      // Chile leaves summer time on 2026-04-05, Europe enters it on 2026-03-29: run with TZ=America/Santiago
      for (const [start, length, last] of [['2026-03-30', 14, '2026-04-12'], ['2026-03-25', 7, '2026-03-31'], ['2026-03-10', 1, '2026-03-10']] as const) {
        await harness.setNow(`${start}T08:00:00`);
        const report = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ exposure: start, start, length })));
        expect(report.fields.quarantine, start).to.deep.include({ end_date: last });
        expect(isoDate(periodOf(report as Parameters<typeof periodOf>[0])!.lastDay), start).to.equal(last);
      }
    });

    it('defaults the SMS language to the contact\'s preferred language', async () => {
      harness.subject = { ...harness.subject!, preferred_language: 'fr' };
      const report = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ language: null })));
      expect(report.fields.sms).to.deep.include({ language: 'fr' });
      const chosen = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ language: 'sw' })));
      expect(chosen.fields.sms).to.deep.include({ language: 'sw' }, 'the CHW can choose another language');
    });

    it('takes a corrected phone as it is dialled and saves it in E.164, and refuses what is no phone number', async () => {
      for (const [typed, saved] of SOME_ACCEPTED_PHONES) {
        const corrected = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ phone: typed })));
        expect(corrected.fields.sms, typed).to.deep.include({ phone_confirmed: 'no', phone: saved });
      }
      expectRefusedPhones(harness);
      for (const phone of SOME_REFUSED_PHONES) {
        const bad = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ phone }));
        expect(validationMessages(bad).some((msg) => PHONE_INVALID.test(msg)), phone).to.equal(true);
        expect(bad.report, phone).to.equal(undefined);
      }
    });

    it('does not let the CHW confirm a phone on file that is not E.164', async () => {
      harness.subject = { ...harness.subject!, phone: '0712345678' };
      const result = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ phone: 'yes' }));
      expect(validationErrors(result).map((error) => error.msg).join()).to.include('international format');
    });

    it('asks nothing about language or phone without consent, and stores no SMS phone', async () => {
      const report = submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ consent: 'no' })));
      expect(report.fields.sms).to.deep.include({ consent: 'no', phone: '' });
    });

    it('refuses an exposure in the future, a start before the exposure and a length outside 1–21 days', async () => {
      const future = await harness.fillForm('quarantine_enrollment', ['2026-03-11', 'household']);
      expect(validationMessages(future).join(), 'future exposure').to.include('cannot be in the future');
      const early = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ exposure: '2026-03-09', start: '2026-03-08' }));
      expect(validationMessages(early).join(), 'start before exposure').to.include('must be on or after the exposure date');
      for (const length of [0, 22]) {
        const result = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ length }));
        expect(validationMessages(result).join(), `length ${length}`).to.include('between 1 and 21');
      }
      const longest = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ length: 21 }));
      expect(longest.errors).to.deep.equal([]);
      // a quarantine that started before today is fine, one that is over already is not
      const over = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ exposure: '2026-02-15', start: '2026-02-16', length: 14 }));
      expect(validationMessages(over).join(), 'over already').to.include('The last day of quarantine cannot be before today.');
      const lastDayToday = await harness.fillForm('quarantine_enrollment', ...enrolmentPages({ exposure: '2026-02-24', start: '2026-02-25', length: 14 }));
      expect(lastDayToday.report?.fields.quarantine).to.deep.include({ start_date: '2026-02-25', end_date: '2026-03-10' });
    });
  });

  describe('quarantine_end_check', () => {
    it('cannot release a contact who has symptoms now', async () => {
      const result = await harness.fillForm('quarantine_end_check', ['yes', 'yes', 'completed']);
      expect(validationMessages(result).join()).to.include('cannot be released');
      const referred = await harness.fillForm('quarantine_end_check', ['yes', 'yes', 'referred']);
      expect(referred.errors).to.deep.equal([]);
    });
  });

  describe('symptomatic_follow_up', () => {
    it('does not combine "no symptoms now" with a symptom', async () => {
      const result = await harness.fillForm('symptomatic_follow_up', ['phone_call', ['none', 'cough']]);
      expect(validationMessages(result).join()).to.include('cannot be combined');
    });

    it('offers only the urgent referral when there is a danger sign', async () => {
      const result = await harness.fillForm('symptomatic_follow_up', ['home_visit', ['breathing'], ['chest_pain'], 'urgent_referral']);
      expect(result.errors).to.deep.equal([]);
      expect(result.report?.fields).to.deep.include({ referred: 'yes' });
      // "home isolation" is not offered: the required action stays unanswered and nothing is saved
      const wrong = await harness.fillForm('symptomatic_follow_up', ['home_visit', ['breathing'], ['chest_pain'], 'home_isolation']);
      expect(wrong.report).to.equal(undefined);
      expect(validationErrors(wrong)).to.not.deep.equal([]);
    });
  });
});
