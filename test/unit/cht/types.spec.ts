import { expect } from 'chai';
import { TargetDefinition } from '../../../src/cht/targets';
import { TaskDefinition } from '../../../src/cht/tasks';

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
    const fine: TaskDefinition = { ...base, actions: [{ form: 'x' }] };
    expect([contactWithForm, noResolved, unnamedEvents, both, percent, count, fine]).to.have.length(7);
  });
});
