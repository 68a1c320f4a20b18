import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { RunLike } from '../../../../src/integration/sources';
import { jsonFormOf } from '../../../../src/integration/record-post';
import { wellbeingRecord } from '../../../../src/phone/workflows/chw-wellbeing/model';
import { weeklyCheckPost } from '../../../../src/workflows/chw-wellbeing/flows';

const forms = { RP_WELLBEING: jsonFormOf(wellbeingRecord) };
const value = (value: string | number | null, category: string | null) => ({ value, category, time: '2026-11-20T09:30:00.000Z' });

describe('chw-wellbeing RP_WELLBEING record', () => {
  it('holds scores and flags only: no free-text field besides the ids', () => {
    const strings = Object.entries(jsonFormOf(wellbeingRecord).fields).filter(([, field]) => field.type === 'string').map(([name]) => name);
    expect(strings).to.deep.equal(['patient_id', 'rp_event_id']);
    expect(jsonFormOf(wellbeingRecord).fields).to.have.keys(
      'patient_id', 'rp_event_id', 'answered', 'fever', 'cough', 'difficulty_breathing', 'loss_taste_smell',
      'phq_anxious', 'phq_worry', 'phq_interest', 'phq_down', 'wants_counsellor',
    );
  });

  it('posts every field from a run result, answered decided by the first question', () => {
    const body = weeklyCheckPost.body();
    expect(body).to.contain('"patient_id", default(results.cht_contact_id.value, null)');
    expect(body).to.contain('"answered", if(default(results.fever.category, "") = "No Response", false, true)');
    expect(body).to.contain('"phq_down", default(number(results.phq_down.value), null)');
    expect(weeklyCheckPost.resultKeys()).to.include.members(['check_in_closed', 'cht_contact_id', 'phq_anxious', 'wants_counsellor']);
  });

  it('rebuilds a missed week from the run (sync) into a valid record with answered false', () => {
    const run: RunLike = {
      uuid: 'run-1', contact: { uuid: 'c', urn: 'tel:+254700000002' },
      values: { cht_contact_id: value('chw_user', 'All Responses'), fever: value('', 'No Response'), check_in_closed: value('yes', 'All Responses') },
    };
    const doc = createRecordDoc(forms, weeklyCheckPost.recordFromRun(run), { id: 'x', now: 0 });
    expect(doc.errors).to.deep.equal([]);
    expect(doc.fields).to.include({ patient_id: 'chw_user', rp_event_id: 'run-1', answered: false, fever: null, phq_anxious: null });
  });
});
