/**
 * cht-conf's task and target emitters (cht-conf 6.6.1 `src/nools/task-emitter.js` and
 * `target-emitter.js`, what its `lib.js` runs for each contact), for the definitions the phone
 * keeps for a whole rules-engine start (./engine.ts).
 *
 * cht-conf's own emitters are modules of the bundle, evaluated anew for every contact: they run as
 * new code each time (V8 has gathered no type feedback for it), and they prepare every definition
 * for every contact (`definition-preparation.js` binds each function and deep-copies the
 * definition). These functions emit the same, from code that lives as long as the engine: each
 * instance is built field for field, in the same order, from the same calls (`appliesIf`,
 * `dueDate`, `Utils.addDate` and `Utils.isTimely`, `resolvedIf`, `modifyContent`, `passesIf`,
 * `groupBy`) with the same arguments, and emitted through the rules engine's own `emit`, `Task`
 * and `Target`. They serve the kit's builders' definitions (`unlikeChtConf` says which shapes),
 * whose functions do not use `this` (cht-conf's preparation binds it to a per-contact context).
 * test/unit/phone/emitter.spec.ts runs both on the same definitions and contacts and compares
 * what they emit.
 */
import { ContactDoc, ContactWithReports, ReportDoc } from './docs';
import { TargetDefinition } from './targets';
import { ActionContent, TaskDefinition, TaskEvent, TaskPriority } from './tasks';

/** The rules engine's variables a rules bundle is evaluated with (`emitter.javascript.js`). */
export interface RuleScope {
  emit(type: 'task' | 'target', instance: object): void;
  Task: new (fields: object) => object;
  Target: new (fields: object) => object;
  Utils: { addDate(date: Date, days: number): Date; isTimely(date: Date, event: TaskEvent): boolean; now(): Date };
}

/**
 * Why these emitters cannot run a definition as cht-conf's would, if they cannot: they serve the
 * shapes the kit's builders make (a report task with one event, one action, its own `resolvedIf`
 * and no contact label; a target whose ids and date are named, without `emitCustom`).
 * `defineRules` refuses any other.
 */
export function unlikeChtConf(definition: TaskDefinition | TargetDefinition): string | undefined {
  if ('name' in definition) {
    if (definition.appliesTo !== 'reports') return 'it applies to contacts or scheduled tasks';
    if (typeof definition.resolvedIf !== 'function') return 'it has no resolvedIf';
    if (definition.contactLabel) return 'it has a contactLabel';
    if (typeof definition.priority === 'function') return 'its priority is a function';
    if (definition.events.length !== 1 || definition.actions.length !== 1) return 'it has several events or actions';
    return undefined;
  }
  const date = definition.date;
  if (definition.appliesTo !== 'contacts' && definition.appliesTo !== 'reports') return 'its appliesTo is neither contacts nor reports';
  if (definition.emitCustom) return 'it has emitCustom';
  if (typeof definition.idType === 'function') return 'its idType is a function';
  if (date !== undefined && date !== 'now' && date !== 'reported') return 'its date is a function';
  return undefined;
}

/** What cht-conf's target emitter emits for one target definition and one contact. */
export function emitTarget(target: TargetDefinition, c: ContactWithReports, scope: RuleScope): void {
  const contact = c.contact;
  if (!contact) return;
  const types = target.appliesToType;
  if (target.appliesTo === 'contacts') {
    if (!types || types.indexOf(contact.type === 'contact' ? String(contact.contact_type) : contact.type) >= 0) targetInstance(target, c, undefined, contact, scope);
  } else {
    const reports = c.reports;
    for (let i = 0; i < reports.length; i++) {
      if (!types || types.indexOf(reports[i].form) >= 0) targetInstance(target, c, reports[i], reports[i], scope);
    }
  }
}

function targetInstance(target: TargetDefinition, c: ContactWithReports, r: ReportDoc | undefined, doc: ReportDoc | ContactDoc, scope: RuleScope): void {
  if (target.appliesIf && !target.appliesIf(c, r)) return;
  const id = target.idType === 'report' ? r && r._id : c.contact._id;
  const pass = !target.passesIf || !!target.passesIf(c, r);
  const date = target.date === 'reported' ? (r ? r.reported_date : c.contact.reported_date) : scope.Utils.now().getTime();
  const groupBy = target.groupBy && target.groupBy(c, r);
  scope.emit('target', new scope.Target({ _id: `${id}~${target.id}`, contact: c.contact, deleted: !!doc.deleted, type: target.id, pass, groupBy, date }));
}

/** What cht-conf's task emitter emits for one task definition and one contact. */
export function emitTask(task: TaskDefinition, c: ContactWithReports, scope: RuleScope): void {
  const Utils = scope.Utils;
  const types = task.appliesToType;
  const event = task.events[0] as TaskEvent;
  const action = task.actions[0];
  const priority = task.priority as TaskPriority | undefined;
  const reports = c.reports;
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if ((types && types.indexOf(r.form) < 0) || (task.appliesIf && !task.appliesIf(c, r))) continue;
    const dueDate = event.dueDate ? event.dueDate(event, c, r) : new Date(Utils.addDate(new Date(r.reported_date), event.days as number));
    if (!Utils.isTimely(dueDate, event)) continue;
    const fields: Record<string, unknown> = {
      _id: `${r._id}~${event.id || 0}~${task.name}`,
      deleted: !!r.deleted,
      doc: c,
      contact: c.contact,
      icon: task.icon,
      date: dueDate,
      readyStart: event.start || 0,
      readyEnd: event.end || 0,
      title: task.title,
      resolved: (task.resolvedIf as NonNullable<TaskDefinition['resolvedIf']>)(c, r, event, dueDate),
      actions: undefined,
    };
    const content: ActionContent = { source: 'task', source_id: r._id, contact: c.contact };
    if (action.modifyContent) action.modifyContent(content, c, r, event);
    fields.actions = [{ type: action.type || 'report', form: action.form, label: action.label || 'Follow up', content }];
    if (priority) {
      fields.priority = priority.level;
      fields.priorityLabel = priority.label;
    }
    scope.emit('task', new scope.Task(fields));
  }
}
