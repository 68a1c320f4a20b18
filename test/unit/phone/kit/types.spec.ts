import { expect } from 'chai';
import { TargetDefinition } from '../../../../src/phone/kit/targets';
import { TaskDefinition } from '../../../../src/phone/kit/tasks';
import { FormPaths, appForm } from '../../../../src/phone/kit/app-form';
import { Audience } from '../../../../src/phone/kit/audience';
import { workflowSummary } from '../../../../src/phone/kit/contact-summary';
import { KeysOf } from '../../../../src/phone/kit/keys';
import { Localized, Translations } from '../../../../src/phone/kit/locale';
import { recordForm } from '../../../../src/phone/kit/record';
import { defineRules, translationKeysOf } from '../../../../src/phone/kit/rules';
import { recordCountTarget } from '../../../../src/phone/kit/target-builders';
import { recordTask } from '../../../../src/phone/kit/task-builders';

// Compile-time guarantees: `npm run lint` type-checks this file, and each @ts-expect-error fails
// the build if the line it marks ever becomes valid.
describe('CHT schema types', () => {
  it('reject configurations CHT rejects at runtime', () => {
    const base = { name: 't', title: 't', appliesTo: 'reports' as const, events: [{ days: 0, start: 0, end: 1 }] as [{ days: number; start: number; end: number }] };
    // @ts-expect-error a contact action cannot name a form
    const contactWithForm: TaskDefinition = { ...base, actions: [{ type: 'contact', form: 'x' }], resolvedIf: () => true };
    // @ts-expect-error only contact actions: resolvedIf is required
    const noResolved: TaskDefinition = { ...base, actions: [{ type: 'contact' }] };
    // @ts-expect-error several events need ids
    const unnamedEvents: TaskDefinition = { ...base, events: [{ days: 0, start: 0, end: 1 }, { days: 1, start: 0, end: 1 }], actions: [{ form: 'x' }] };
    // @ts-expect-error an event has days or dueDate, not both
    const both: TaskDefinition = { ...base, events: [{ days: 0, dueDate: () => new Date(), start: 0, end: 1 }], actions: [{ form: 'x' }] };
    // @ts-expect-error a percent target needs passesIf
    const percent: TargetDefinition = { id: 'p', type: 'percent', goal: 50, appliesTo: 'reports' };
    // @ts-expect-error a count target cannot have passesIf
    const count: TargetDefinition = { id: 'c', type: 'count', goal: -1, appliesTo: 'reports', passesIf: () => true };
    // @ts-expect-error every built target says who sees it (its context)
    const noAudience = () => recordCountTarget({ id: 'n', record: recordForm('RP_X', {}) });
    const fine: TaskDefinition = { ...base, actions: [{ form: 'x' }] };
    expect([contactWithForm, noResolved, unnamedEvents, both, percent, count, fine, noAudience]).to.have.length(8);
  });
});

// Links between things are objects, and names derive from ids: each misuse below is a compile error.
describe('typed links', () => {
  const CHW: Audience = { roles: ['chw'] };
  const record = recordForm('RP_DEMO', { fever: { type: 'boolean' }, day: { type: 'integer' } });
  const followUp = appForm<FormPaths<'demo_follow_up', 'inputs.source_id' | 'inputs.fever' | 'inputs.day' | 'outcome'>>('demo_follow_up');

  it('reject a form or record named by a string, and inputs the action form does not declare', () => {
    const ok = recordTask({ name: 'demo-task', record, when: () => true, actionForm: followUp, window: { start: 0, end: 1 }, audience: CHW, passToForm: (r) => ({ fever: record.get(r, 'fever') === true, day: 3 }) });
    // @ts-expect-error the action form is an object, not its id
    recordTask({ name: 'demo-task', record, when: () => true, actionForm: 'demo_follow_up', window: { start: 0, end: 1 }, audience: CHW });
    // @ts-expect-error the record is an object, not its code
    recordTask({ name: 'demo-task', record: 'RP_DEMO', when: () => true, actionForm: followUp, window: { start: 0, end: 1 }, audience: CHW });
    // @ts-expect-error every task says who it is for
    recordTask({ name: 'demo-task', record, when: () => true, actionForm: followUp, window: { start: 0, end: 1 } });
    // @ts-expect-error an audience is users' roles, not a traced contact
    recordTask({ name: 'demo-task', record, when: () => true, actionForm: followUp, window: { start: 0, end: 1 }, audience: { roles: ['traced_contact'] } });
    // @ts-expect-error `feverish` is not one of the form's inputs
    recordTask({ name: 'demo-task', record, when: () => true, actionForm: followUp, window: { start: 0, end: 1 }, audience: CHW, passToForm: () => ({ feverish: true }) });
    expect(ok.title).to.equal('task.demo-task.title');
  });

  it('read records with the declared field types', () => {
    const report = { _id: 'r', form: 'RP_DEMO', reported_date: 0, fields: { fever: true, day: '3' } };
    const fever: boolean | null = record.get(report, 'fever');
    // @ts-expect-error `day` is an integer field: its value is a number
    const day: string | null = record.get(report, 'day');
    // @ts-expect-error no such field
    record.get(report, 'cough');
    expect([fever, day]).to.deep.equal([true, null]);
  });

  it('derive translation keys from ids, and require a text for each', () => {
    const summary = workflowSummary('demo', ['status', 'status.ok'] as const, (_contact, _reports, label) => ({
      // @ts-expect-error `state` is not a declared profile key
      fields: [{ label: label('status'), value: label('state') }],
    }));
    const rules = defineRules({ id: 'demo', tasks: [recordTask({ name: 'demo-t', record, when: () => true, actionForm: followUp, window: { start: 0, end: 1 }, audience: CHW, priority: 'high' })], targets: [], records: [record], summary });
    const texts = (en: string): Localized => ({ en, fr: en, sw: en });
    const complete: Translations<KeysOf<typeof rules>> = {
      'task.demo-t.title': texts('Task'),
      'task.demo-t.priority': texts('Urgent'),
      'contact.profile.demo.status': texts('Status'),
      'contact.profile.demo.status.ok': texts('OK'),
      'form.rp_demo.title': texts('Demo'),
      'report.rp_demo.patient_id': texts('Patient'),
      'report.rp_demo.rp_event_id': texts('Event'),
      'report.rp_demo.fever': texts('Fever'),
      'report.rp_demo.day': texts('Day'),
    };
    // @ts-expect-error a key the rules show has no text
    const missing: Translations<KeysOf<typeof rules>> = { 'task.demo-t.title': texts('Task') };
    expect(Object.keys(complete).sort()).to.deep.equal(translationKeysOf(rules).sort());
    expect(missing).to.be.an('object');
  });
});
