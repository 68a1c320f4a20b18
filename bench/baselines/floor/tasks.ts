/**
 * The floor: what any rules bundle must at least do on CHT's code path to produce the project's
 * emissions. cht-conf's `lib.js` and its emitters are evaluated for every contact as for any app
 * (this module hands them no definition); the contact's reports are touched once, and each task
 * and target instance ours emits for them (`__rulesBenchFloor`, computed by the bench from ours)
 * is emitted as cht-conf's emitters build it. No rule is evaluated.
 */
import type { ContactWithReports } from '../../../src/phone/kit/docs';
import type { FloorEmission, FloorTable } from './table';

declare const c: ContactWithReports;
declare const emit: (type: string, instance: object) => void;
declare const Task: new (fields: object) => object;
declare const Target: new (fields: object) => object;

const table = (globalThis as { __rulesBenchFloor?: FloorTable }).__rulesBenchFloor;
const entry = table && typeof c !== 'undefined' && c.contact ? table[c.contact._id] : undefined;

function emitAll(emissions: FloorEmission[]): void {
  for (const emission of emissions) {
    const fields = emission.fields;
    if (emission.kind === 'target') {
      emit('target', new Target({ _id: fields._id, contact: c.contact, deleted: fields.deleted, type: fields.type, pass: fields.pass, groupBy: fields.groupBy, date: fields.date }));
      continue;
    }
    const actions = (fields.actions as { type: string; form: string; label: string; content: Record<string, unknown> }[]).map((action) => ({
      type: action.type, form: action.form, label: action.label, content: Object.assign({ contact: c.contact }, action.content),
    }));
    const task: Record<string, unknown> = {
      _id: fields._id, deleted: fields.deleted, doc: c, contact: c.contact, icon: fields.icon, date: new Date(fields.date as number),
      readyStart: fields.readyStart, readyEnd: fields.readyEnd, title: fields.title, resolved: fields.resolved, actions,
    };
    if (fields.priority !== undefined) {
      task.priority = fields.priority;
      task.priorityLabel = fields.priorityLabel;
    }
    emit('task', new Task(task));
  }
}

if (entry) {
  emitAll(entry.contact);
  for (let i = 0; i < c.reports.length; i++) {
    const emissions = entry.reports[c.reports[i]._id];
    if (emissions) emitAll(emissions);
  }
}

export = [];
