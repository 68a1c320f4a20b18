import { expect } from 'chai';
import { defineRules } from '../../../src/phone/kit/rules';
import { createRecordDoc, RecordRejected } from '../../../src/cht/records';
import { RecordMappingError, RecordPost, RecordRequest, jsonFormOf, recordPost } from '../../../src/integration/record-post';
import { recordForm } from '../../../src/phone/kit/record';
import { RunLike, constant, resultAnswered, resultFlag, resultNumber, resultText } from '../../../src/integration/sources';

// cht-conf's own schema check for app_settings/forms.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateFormsSchema } = require('cht-conf/src/lib/validate-app-settings') as {
  validateFormsSchema(forms: unknown): { valid: boolean; error?: unknown };
};

/** What a flow's posts of one run create, as sync reads it. */
const recordsOf = (posts: RecordPost[], run: RunLike): RecordRequest[] =>
  posts.map((post) => post.recordFromRun(run)).filter((request): request is RecordRequest => !!request);

function demoForm() {
  const form = recordForm('RP_DEMO', {
    answered: { type: 'boolean', required: true },
    fever: { type: 'boolean' },
    day: { type: 'integer' },
    note_code: { type: 'string' },
  });
  const daily = recordPost(form, {
    presentWhen: 'fever',
    subject: resultText('cht_contact_id'),
    values: {
      answered: resultAnswered('fever', ['No Response']),
      fever: resultFlag('fever', ['Yes'], ['No']),
      day: resultNumber('day'),
      note_code: constant('daily'),
    },
  });
  return { form, daily };
}

const run = (values: RunLike['values']): RunLike => ({
  uuid: 'a0b1c2d3-0000-4000-8000-000000000001',
  contact: { uuid: 'c-1', urn: 'tel:+254712345678', name: 'Baraka' },
  values,
});

describe('responseForm', () => {
  it('produces a JSON form cht-conf accepts, with the standard fields first', () => {
    const { form } = demoForm();
    const json = jsonFormOf(form);
    expect(validateFormsSchema({ RP_DEMO: json }).valid).to.equal(true);
    expect(Object.keys(json.fields)).to.deep.equal(['patient_id', 'rp_event_id', 'answered', 'fever', 'day', 'note_code']);
    expect(json.fields.answered).to.deep.equal({
      labels: { tiny: 'answered', short: { translation_key: 'report.rp_demo.answered' } },
      position: 2,
      type: 'boolean',
      required: true,
    });
    expect(json.meta).to.deep.equal({ code: 'RP_DEMO', icon: 'icon-healthcare', translation_key: 'form.rp_demo.title' });
    expect(json.public_form).to.equal(true);
  });

  it('renders a webhook whose body sends exactly the form fields', () => {
    const { daily } = demoForm();
    const webhook = daily.webhook();
    expect(webhook.url).to.equal('@(globals.cht_url & "/api/v2/records")');
    expect(webhook.headers.Authorization).to.equal('@globals.cht_auth');
    expect(webhook.body).to.equal('@(json(object(' +
      '"_meta", object("form", "RP_DEMO", "from", urn_parts(contact.urn).path), ' +
      '"patient_id", default(results.cht_contact_id.value, null), ' +
      '"rp_event_id", run.uuid, ' +
      '"answered", if(default(results.fever.category, "") = "No Response", false, true), ' +
      '"fever", if(default(results.fever.category, "") = "Yes", true, if(default(results.fever.category, "") = "No", false, null)), ' +
      '"day", default(number(results.day.value), null), ' +
      '"note_code", "daily")))');
    expect(daily.resultKeys()).to.deep.equal(['fever', 'cht_contact_id', 'day']);
  });

  it('rebuilds from a run the record the webhook would have posted', () => {
    const { daily } = demoForm();
    const records = recordsOf([daily], run({
      cht_contact_id: { value: 'contact-1', category: 'All Responses', time: '2026-11-20T08:00:00Z' },
      fever: { value: 'yes', category: 'Yes', time: '2026-11-20T08:05:00Z' },
      day: { value: '3', category: 'Has Number' },
    }));
    expect(records).to.deep.equal([{
      _meta: { form: 'RP_DEMO', from: '+254712345678', reported_date: Date.parse('2026-11-20T08:05:00Z') },
      patient_id: 'contact-1',
      rp_event_id: 'a0b1c2d3-0000-4000-8000-000000000001',
      answered: true,
      fever: true,
      day: 3,
      note_code: 'daily',
    }]);
  });

  it('turns an unanswered day into answered false with no symptom values', () => {
    const { daily } = demoForm();
    const [record] = recordsOf([daily], run({
      cht_contact_id: { value: 'contact-1', category: 'All Responses' },
      fever: { value: '', category: 'No Response' },
    }));
    expect(record).to.include({ answered: false, fever: null, day: null });
  });

  it('creates no record for a run that never reached the post, and refuses one missing its subject', () => {
    const { daily } = demoForm();
    expect(recordsOf([daily], run({}))).to.deep.equal([]);
    expect(() => recordsOf([daily], run({ fever: { value: 'no', category: 'No' } })))
      .to.throw(RecordMappingError, 'no value for required field "patient_id"');
  });

  it('gives each post of a run its own event id and refuses two posts sharing one', () => {
    const form = recordForm('RP_QUIZ', { answer: { type: 'string' } });
    const posts = [
      recordPost(form, { step: 'q1', presentWhen: 'q1', subject: resultText('id'), values: { answer: resultText('q1') } }),
      recordPost(form, { step: 'q2', presentWhen: 'q2', subject: resultText('id'), values: { answer: resultText('q2') } }),
    ];
    const records = recordsOf(posts, run({ id: { value: 'x', category: 'All' }, q1: { value: 'b', category: 'Correct' } }));
    expect(records.map((r) => r.rp_event_id)).to.deep.equal(['a0b1c2d3-0000-4000-8000-000000000001/q1']);
    expect(() => recordPost(form, { step: 'q1', presentWhen: 'q1', subject: resultText('id'), values: {} })).to.throw(/distinct step/);
  });

  it('refuses codes and field names the records API would mangle (JSON form, post and workflow rules alike)', () => {
    expect(() => jsonFormOf(recordForm('rp_demo', {}))).to.throw(/UPPER_SNAKE_CASE/);
    expect(() => jsonFormOf(recordForm('RP_DEMO', { Fever: { type: 'boolean' } }))).to.throw(/lower_snake_case/);
    expect(() => jsonFormOf(recordForm('RP_DEMO', { patient_id: { type: 'string' } }))).to.throw(/reserved/);
    const bad = recordForm('rp_demo', {});
    expect(() => recordPost(bad, { presentWhen: 'x', subject: resultText('id'), values: {} })).to.throw(/UPPER_SNAKE_CASE/);
    expect(() => defineRules({ id: 'demo', tasks: [], targets: [], records: [bad] })).to.throw(/UPPER_SNAKE_CASE/);
  });

  it('round-trips through the records API: the created doc has typed fields and no errors', () => {
    const { form, daily } = demoForm();
    const [body] = recordsOf([daily], run({
      cht_contact_id: { value: 'contact-1', category: 'All Responses' },
      fever: { value: 'no', category: 'No' },
    }));
    const doc = createRecordDoc({ RP_DEMO: jsonFormOf(form) }, body, { id: 'r1', now: 5 });
    expect(doc.errors).to.deep.equal([]);
    expect(doc.form).to.equal('RP_DEMO');
    expect(doc.fields).to.deep.equal({ patient_id: 'contact-1', rp_event_id: body.rp_event_id, answered: true, fever: false, day: null, note_code: 'daily' });
  });
});

describe('createRecordDoc', () => {
  const { form } = demoForm();
  const forms = { RP_DEMO: jsonFormOf(form) };

  it('rejects what CHT rejects without saving', () => {
    expect(() => createRecordDoc(forms, {}, { id: 'x', now: 0 })).to.throw(RecordRejected, 'Missing _meta property.');
    expect(() => createRecordDoc(forms, { _meta: {} }, { id: 'x', now: 0 })).to.throw(RecordRejected, 'Missing required field: form');
    expect(() => createRecordDoc(forms, { _meta: { form: 'rp_nope' } }, { id: 'x', now: 0 })).to.throw(RecordRejected, 'Form not found: RP_NOPE');
  });

  it('saves with errors what CHT saves with errors, and drops unknown keys', () => {
    const doc = createRecordDoc(forms, { _meta: { form: 'rp_demo' }, DAY: '3', answered: 1, Fever: 1, extra: 'dropped' }, { id: 'x', now: 42 });
    expect(doc.fields).to.deep.equal({ day: '3', answered: true, fever: 1 });
    expect(doc.reported_date).to.equal(42);
    expect(doc.errors).to.deep.equal([
      { code: 'sys.missing_fields', message: 'Missing or invalid fields: patient_id,rp_event_id.' },
      { code: 'sys.incorrect_type', message: 'Incorrect type of field day, expected integer.' },
      { code: 'sys.incorrect_type', message: 'Incorrect type of field fever, expected boolean.' },
    ]);
  });
});
