import { expect } from 'chai';
import { FormPaths, appForm } from '../../../src/phone/kit/app-form';
import { isRelevant, mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { PushContext, flowStartPush } from '../../../src/integration/flow-start';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';

const enrolment = appForm<FormPaths<'demo_enrollment', 'patient_id' | 'consent' | 'phone' | 'start_date' | 'language'>>('demo_enrollment');
const options = {
  name: 'rapidpro_demo_start',
  form: enrolment,
  flow: new FlowBuilder({ name: 'Demo', key: 'demo', language: 'eng', type: 'messaging_background' }).send('hello', 'Hello'),
  phone: { field: 'phone' as const },
  consent: { field: 'consent' as const, value: 'yes' },
  params: {
    cht_contact_id: { field: 'patient_id' as const },
    start_date: { field: 'start_date' as const },
    chw_phone: { doc: 'contact.phone' as const, optional: true },
  },
};
const context: PushContext = {
  rapidproUrl: 'https://rapidpro.example.org',
  credentialKey: 'rapidpro:api',
  flowUuid: (flow) => (flow === options.flow ? '11111111-2222-4333-8444-555555555555' : 'unknown'),
};

const doc = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  _id: 'report-1',
  type: 'data_record',
  form: 'demo_enrollment',
  fields: { patient_id: 'contact-1', consent: 'yes', phone: '+254712345678', start_date: '2026-11-20', ...fields },
  contact: { _id: 'chw-1', phone: '+254700000002' },
  ...extra,
});

describe('flowStartPush', () => {
  const push = flowStartPush(options).synth(context);

  it('posts to flow_starts.json with header auth through a credential key', () => {
    expect(push.destination).to.deep.equal({
      base_url: 'https://rapidpro.example.org',
      path: '/api/v2/flow_starts.json',
      auth: { type: 'header', name: 'Authorization', value_key: 'rapidpro:api' },
    });
  });

  it('is relevant only to that form, with consent and an E.164 phone', () => {
    expect(isRelevant(push, doc({}))).to.equal(true);
    expect(isRelevant(push, doc({ consent: 'no' }))).to.equal(false);
    expect(isRelevant(push, doc({ phone: '0712345678' }))).to.equal(false);
    expect(isRelevant(push, doc({ phone: undefined }))).to.equal(false);
    expect(isRelevant(push, doc({}, { form: 'other' }))).to.equal(false);
    expect(isRelevant(push, { _id: 'c', type: 'person', phone: '+254712345678' })).to.equal(false);
    expect(isRelevant(push, { _id: 'r', type: 'data_record', form: 'demo_enrollment' })).to.equal(false);
  });

  it('maps the payload exactly as CHT computes it', () => {
    expect(mapDocumentToPayload(doc({}), push, options.name)).to.deep.equal({
      flow: '11111111-2222-4333-8444-555555555555',
      urns: ['tel:+254712345678'],
      restart_participants: true,
      exclude_active: false,
      params: { cht_contact_id: 'contact-1', start_date: '2026-11-20', chw_phone: '+254700000002' },
    });
  });

  it('starts background flows only: a messaging start would interrupt the flow the contact is answering', () => {
    const interactive = new FlowBuilder({ name: 'Quiz', key: 'quiz', language: 'eng' }).send('hello', 'Hello');
    expect(() => flowStartPush({ ...options, flow: interactive })).to.throw(/starts "Quiz", a messaging flow: RapidPro would interrupt .*campaign event in skip mode/);
  });

  it('is deterministic: a new revision of the same doc maps to the same payload', () => {
    const first = mapDocumentToPayload(doc({}, { _rev: '1-a' }), push, options.name);
    const second = mapDocumentToPayload(doc({}, { _rev: '2-b' }), push, options.name);
    expect(second).to.deep.equal(first);
  });

  it('fails the mapping when a required value is missing, as CHT does', () => {
    expect(() => mapDocumentToPayload(doc({ start_date: undefined }), push, options.name))
      .to.throw("Mapping error for 'rapidpro_demo_start/params.start_date' on source document 'report-1': cannot find 'doc.fields.start_date' on source document");
  });

  it('refuses sources that would change between revisions', () => {
    expect(() => flowStartPush({ ...options, params: { today: { expr: 'new Date().toISOString()' } } })).to.throw(/clock, randomness or _rev/);
    expect(() => flowStartPush({ ...options, params: { rev: { expr: 'doc._rev' } } })).to.throw(/_rev/);
    expect(() => flowStartPush({ ...options, params: { 'Bad-Key': { field: 'phone' } } })).to.throw(/lower_snake_case/);
    // @ts-expect-error `_rev` changes with every revision: not a deterministic doc path
    flowStartPush({ ...options, params: { rev: { doc: '_rev' } } });
  });

  it('lists the form paths it reads, including those inside expressions', () => {
    const withExpr = flowStartPush({ ...options, params: { ...options.params, lang: { expr: "doc.fields.language.trim() || 'en'" } } });
    expect(withExpr.fieldPaths().sort()).to.deep.equal(['consent', 'language', 'patient_id', 'phone', 'start_date']);
  });
});
