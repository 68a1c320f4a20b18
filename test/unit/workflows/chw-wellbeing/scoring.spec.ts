import { expect } from 'chai';
import { ReportDoc } from '../../../../src/phone/kit/docs';
import { screen, subscale, validItem } from '../../../../src/phone/workflows/chw-wellbeing/state';

const record = (fields: Record<string, unknown>): ReportDoc => ({
  _id: 'r1', form: 'RP_WELLBEING', reported_date: 0,
  fields: { patient_id: 'chw', rp_event_id: 'run', answered: true, ...fields },
});
const items = (anxious: unknown, worry: unknown, interest: unknown, down: unknown) =>
  ({ phq_anxious: anxious, phq_worry: worry, phq_interest: interest, phq_down: down });

describe('chw-wellbeing PHQ-4 scoring', () => {
  it('accepts only integers 0 to 3 as items', () => {
    for (const valid of [0, 1, 2, 3]) expect(validItem(valid)).to.equal(valid);
    for (const invalid of [4, -1, 1.5, '2', null, undefined, NaN, true]) expect(validItem(invalid), String(invalid)).to.equal(undefined);
  });

  it('scores a subscale only when both items are valid', () => {
    expect(subscale(1, 2)).to.equal(3);
    expect(subscale(0, 0)).to.equal(0);
    expect(subscale(3, null)).to.equal(undefined);
    expect(subscale(3, 4)).to.equal(undefined);
    expect(subscale(-1, 3)).to.equal(undefined);
  });

  it('screens positive at exactly 3 on GAD-2 or PHQ-2, not at 2', () => {
    expect(screen(record(items(1, 2, 0, 0)))).to.include({ gad2: 3, anxietyPositive: true, needsSupport: true });
    expect(screen(record(items(0, 0, 2, 1)))).to.include({ phq2: 3, depressionPositive: true, needsSupport: true });
    expect(screen(record(items(1, 1, 1, 1)))).to.include({ gad2: 2, phq2: 2, anxietyPositive: false, depressionPositive: false, needsSupport: false });
  });

  it('never counts a missing or out-of-range item as a positive screen', () => {
    expect(screen(record(items(3, null, 3, undefined)))).to.include({ gad2: undefined, phq2: undefined, needsSupport: false });
    expect(screen(record(items(4, 0, 0, 4)))).to.include({ gad2: undefined, phq2: undefined, needsSupport: false });
    expect(screen(record(items(-1, 3, 3, -1)))).to.include({ needsSupport: false });
    expect(screen(record(items('2', '2', '2', '2')))).to.include({ needsSupport: false });
  });

  it('asks for support when the CHW wants a counsellor, whatever the scores', () => {
    expect(screen(record({ ...items(0, 0, 0, 0), wants_counsellor: true }))).to.include({ wantsCounsellor: true, needsSupport: true });
    expect(screen(record({ ...items(null, null, null, null), wants_counsellor: true }))).to.include({ needsSupport: true });
    expect(screen(record({ wants_counsellor: null }))).to.include({ wantsCounsellor: false, needsSupport: false });
  });

  it('is symptomatic on any one symptom answered yes, never on null', () => {
    for (const symptom of ['fever', 'cough', 'difficulty_breathing', 'loss_taste_smell']) {
      expect(screen(record({ [symptom]: true })).symptomatic, symptom).to.equal(true);
    }
    expect(screen(record({ fever: false, cough: null, difficulty_breathing: 1 })).symptomatic).to.equal(false);
  });

  it('reads a missed week from answered false', () => {
    expect(screen(record({ answered: false })).answered).to.equal(false);
    expect(screen(record({})).answered).to.equal(true);
  });
});
