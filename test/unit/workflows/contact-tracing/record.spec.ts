import { expect } from 'chai';
import { createRecordDoc } from '../../../../src/cht/records';
import { RunLike } from '../../../../src/integration/sources';
import { synthesize } from '../../../../src/project/synth';
import { workflow } from '../../../../src/workflows/contact-tracing';
import { CATEGORY, RESULT, checkinFlow, checkinPost } from '../../../../src/workflows/contact-tracing/flows';

type Values = RunLike['values'];
const at = '2026-03-12T09:30:00.000Z';
const result = (value: string | null, category: string | null) => ({ value, category, time: at });

/** A check-in run as runs.json returns it, with the results the flow saves before posting. */
function run(answers: Values): RunLike {
  return {
    uuid: '7b0a2f4e-55a1-4c8e-9d57-0c6f1d2f3a10',
    contact: { uuid: 'c1', urn: 'tel:+254712345678' },
    values: {
      [RESULT.quarantineDay]: result('3', CATEGORY.inQuarantine),
      [RESULT.chtContactId]: result('traced_contact', 'All Responses'),
      [RESULT.enrollmentId]: result('enrol-1', 'All Responses'),
      ...answers,
    },
  };
}

const forms = synthesize({ workflows: [workflow] }).jsonForms;
const record = (answers: Values) => {
  const body = checkinPost.recordFromRun(run(answers));
  expect(body, 'the run reached the post').to.not.equal(undefined);
  return createRecordDoc(forms, body, { id: 'r1', now: Date.parse(at) });
};

describe('contact tracing: RP_SYMPTOMS record', () => {
  it('turns a symptomatic day into a valid record linked to the contact', () => {
    const doc = record({
      fever: result('yes', CATEGORY.yes),
      cough: result('2', CATEGORY.no),
      breathing: result('ndiyo', CATEGORY.yes),
      symptomatic: result('true', CATEGORY.yes),
    });
    expect(doc.errors).to.deep.equal([]);
    expect(doc.form).to.equal('RP_SYMPTOMS');
    expect(doc.fields).to.deep.equal({
      patient_id: 'traced_contact',
      rp_event_id: '7b0a2f4e-55a1-4c8e-9d57-0c6f1d2f3a10',
      answered: true,
      fever: true,
      cough: false,
      breathing: true,
      symptomatic: true,
      quarantine_day: 3,
      enrollment_id: 'enrol-1',
    });
    expect(doc.reported_date).to.equal(Date.parse(at));
  });

  it('records an unanswered day as answered=false with null symptoms, still valid', () => {
    const doc = record({ fever: result(null, CATEGORY.noResponse), symptomatic: result('false', CATEGORY.no) });
    expect(doc.errors).to.deep.equal([]);
    expect(doc.fields).to.include({ answered: false, fever: null, cough: null, breathing: null, symptomatic: false });
  });

  it('keeps the answers given before a later question timed out', () => {
    const doc = record({ fever: result('no', CATEGORY.no), cough: result(null, CATEGORY.noResponse), symptomatic: result('false', CATEGORY.no) });
    expect(doc.fields).to.include({ answered: true, fever: false, cough: null, breathing: null, symptomatic: false });
  });

  it('has no record for a run that ended before the post (quarantine over)', () => {
    expect(checkinPost.recordFromRun({ uuid: 'u', contact: { uuid: 'c' }, values: { quarantine_day: result('15', CATEGORY.ended) } })).to.equal(undefined);
  });

  it('sends only run results the check-in flow saves, and every JSON form field', () => {
    const flow = checkinFlow.toDefinition();
    const saved = new Set<string>();
    for (const node of flow.nodes) {
      if (node.router?.result_name) saved.add(node.router.result_name);
      for (const action of node.actions) if (action.type === 'set_run_result') saved.add(action.name);
    }
    expect(checkinPost.resultKeys().filter((key) => !saved.has(key))).to.deep.equal([]);
    const body = checkinPost.body();
    for (const field of Object.keys(forms.RP_SYMPTOMS.fields)) expect(body).to.include(`"${field}"`);
    const webhook = flow.nodes.flatMap((node) => node.actions).find((action) => action.type === 'call_webhook');
    expect(webhook).to.include({ body, method: 'POST', url: '@(globals.cht_url & "/api/v2/records")' });
  });
});
