/**
 * Duplicated RapidPro answers, as CHT stores them: its records API saves every copy of a body as a
 * new document (cht-core `api/src/services/records.js` has no uniqueness check). A copy has the
 * answer's fields, so the same `rp_event_id`, and the time its poster gave it:
 * - a replayed webhook, or an admin re-running it: CHT stamps its own arrival, later than the first;
 * - `sync` racing the webhook: the run's time (`_meta.reported_date`), the time the first copy has
 *   when the webhook arrived at once.
 *
 * `view` reads what each user sees (tasks, targets, profiles), so a spec can check that pushing
 * copies changes none of it.
 */
import { expect } from 'chai';
import { ChtHarness, ContactSummary, ReportDoc, TaskDoc } from '../support/harness';

let copies = 0;

export type CopyKind = 'replayed' | 'synced';

/** A second document for an answer CHT already holds. */
export function copyOf(harness: ChtHarness, record: ReportDoc, kind: CopyKind): ReportDoc {
  copies += 1;
  const copy: ReportDoc = {
    ...structuredClone(record),
    _id: `copy-${copies}-${record._id}`,
    reported_date: kind === 'replayed' ? harness.getNow() : record.reported_date,
  };
  expect(copy.fields.rp_event_id, 'a record RapidPro posted').to.be.a('string').and.not.equal('');
  harness.pushMockedDoc(copy);
  return copy;
}

let touches = 0;

/** Changes nothing the rules read on a contact, so that the rules engine recalculates it. */
function touch(harness: ChtHarness, contactId: string): void {
  const contact = harness.state.contacts.find((candidate) => candidate._id === contactId);
  if (contact) contact.touched_by_test = ++touches;
}

export interface Viewer {
  user: string;
  roles: string[];
}

export interface View {
  tasks: unknown[];
  targets: Record<string, unknown>;
  summaries: Record<string, ContactSummary>;
}

/** A task as the user sees it: everything but the ids of the documents behind it. */
function seen(task: TaskDoc): unknown {
  const { emission } = task;
  return {
    title: emission.title,
    forId: emission.forId,
    dueDate: emission.dueDate,
    startDate: emission.startDate,
    endDate: emission.endDate,
    priority: emission.priority,
    state: task.state,
    actions: emission.actions.map(({ content, ...action }) => {
      const rest = { ...(content ?? {}) };
      delete rest.source_id;
      delete rest.contact;
      return { ...action, content: rest };
    }),
  };
}

/**
 * What one user's phone shows of the given contacts right now: tasks, target tiles and profiles.
 * One user per harness session, as on a phone: the harness keeps every user's task documents in
 * one database, and switching users there cancels the other user's tasks.
 */
export async function view(harness: ChtHarness, viewer: Viewer, contacts: readonly string[]): Promise<View> {
  harness.user = viewer.user;
  harness.userRoles = viewer.roles;
  const tasks = (await harness.getTasks()).map(seen).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const targets = Object.fromEntries((await harness.getTargets()).map((target) => [target.id, target.value]));
  const summaries: Record<string, ContactSummary> = {};
  for (const contact of contacts) summaries[contact] = await harness.getContactSummary(contact);
  return { tasks, targets, summaries };
}

/**
 * Pushes a synced and a replayed copy of each record, and checks that the user sees no change in
 * tasks, targets or profiles.
 */
export async function expectCopiesChangeNothing(harness: ChtHarness, records: readonly ReportDoc[], viewer: Viewer, contacts: readonly string[]): Promise<void> {
  // the rules engine recalculates a contact when its documents change, not when time passes: make
  // the contacts the records are about recalculate now, so the view before the copies is current
  for (const record of records) touch(harness, String(record.fields.patient_id));
  const before = await view(harness, viewer, contacts);
  for (const record of records) {
    copyOf(harness, record, 'synced');
    copyOf(harness, record, 'replayed');
  }
  const after = await view(harness, viewer, contacts);
  expect(after, 'what the user sees after every answer arrived three times').to.deep.equal(before);
}
