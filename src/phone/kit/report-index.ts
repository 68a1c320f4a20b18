/**
 * One pass over a contact's reports, shared by every task and target that looks at that contact.
 *
 * The common style calls `Utils.getMostRecentReport(c.reports, form)` or
 * `isFormSubmittedInWindow(c.reports, …)` inside each task: a full scan per report per task,
 * quadratic on a long-monitored contact. Here the emitter's `c` is indexed once (memoized on the
 * `c.reports` array, which the emitter passes unchanged to every definition) into per-form lists
 * sorted by `reported_date`, and lookups are binary searches. What a workflow derives from the
 * reports (a quarantine, a training's progress) is computed once per contact too: `perContact`
 * and `perReport` memoize a computation on the index, without a closure or a key string per call.
 *
 * The index also counts each RapidPro answer once. A record RapidPro posts carries its
 * `rp_event_id` (the run uuid, plus `/<step>` when a run posts several records), and the same
 * answer can reach CHT twice: a webhook replayed or re-run by an admin, `sync` racing a webhook
 * in flight, two syncs. CHT's records API stores every copy. Of the records of one form with the
 * same `rp_event_id`, the index keeps one — the earliest `reported_date`, then the smallest `_id`,
 * so every phone picks the same copy whatever order they arrive in — and leaves the others out
 * of every list; builders skip them (`isDuplicate`). A copy only ever replaces another with an
 * identical answer, so a task or target moves to it unchanged.
 */
import { ContactWithReports, ReportDoc } from './docs';

const EMPTY: readonly ReportDoc[] = [];

/** A value derived once per contact (`perContact`): its place in the index's memo. */
interface Slot<T> {
  readonly id: number;
  compute: (c: ContactWithReports, index: ReportIndex) => T;
}

let slots = 0;
/** Marks a memo place not computed yet (a computed value may be undefined). */
const UNSET = {};

export class ReportIndex {
  private readonly forms = new Map<string, ReportDoc[]>();
  private readonly duplicates?: Set<ReportDoc>;
  private values?: unknown[];

  constructor(reports: readonly ReportDoc[]) {
    const forms = this.forms;
    // the first copy seen of each answer, by rp_event_id (same form: the same answer)
    let copies: Map<string, ReportDoc> | undefined;
    let duplicates: Set<ReportDoc> | undefined;
    let sorted = true;
    for (let i = 0; i < reports.length; i++) {
      const report = reports[i];
      if (report.deleted) continue;
      const list = forms.get(report.form);
      if (list) {
        if (list[list.length - 1].reported_date > report.reported_date) sorted = false;
        list.push(report);
      } else {
        forms.set(report.form, [report]);
      }
      const eventId = eventIdOf(report);
      if (!eventId) continue;
      if (!copies) copies = new Map();
      const key = copies.has(eventId) && (copies.get(eventId) as ReportDoc).form !== report.form ? `${report.form}\u0000${eventId}` : eventId;
      const kept = copies.get(key);
      if (!kept) {
        copies.set(key, report);
      } else {
        if (!duplicates) duplicates = new Set();
        if (precedes(report, kept)) {
          copies.set(key, report);
          duplicates.add(kept);
        } else {
          duplicates.add(report);
        }
      }
    }
    for (const [form, list] of forms) {
      const kept = duplicates ? list.filter((report) => !(duplicates as Set<ReportDoc>).has(report)) : list;
      if (!sorted) kept.sort(byReportedDate);
      if (kept !== list) forms.set(form, kept);
    }
    this.duplicates = duplicates;
  }

  /** A second copy of an answer the index already holds (same form and `rp_event_id`): it counts for nothing. */
  isDuplicate(report: ReportDoc): boolean {
    return !!this.duplicates && this.duplicates.has(report);
  }

  /** Reports of one form, oldest first. */
  byForm(form: string): readonly ReportDoc[] {
    return this.forms.get(form) ?? EMPTY;
  }

  /** The newest report of a form that satisfies `predicate`. */
  latest(form: string, predicate?: (report: ReportDoc) => boolean): ReportDoc | undefined {
    return this.latestUntil(form, Infinity, predicate);
  }

  /** The newest report of a form reported at or before `time` that satisfies `predicate`. */
  latestUntil(form: string, time: number, predicate?: (report: ReportDoc) => boolean): ReportDoc | undefined {
    const list = this.byForm(form);
    for (let i = bound(list, time, true) - 1; i >= 0; i--) {
      if (!predicate || predicate(list[i])) return list[i];
    }
    return undefined;
  }

  /** The oldest report of a form reported at or after `time` (and before `until`) that satisfies `predicate`. */
  firstAfter(form: string, time: number, predicate?: (report: ReportDoc) => boolean, until = Infinity): ReportDoc | undefined {
    const list = this.byForm(form);
    for (let i = bound(list, time, false); i < list.length && list[i].reported_date < until; i++) {
      if (!predicate || predicate(list[i])) return list[i];
    }
    return undefined;
  }

  /** How many reports of a form fall in [from, until) and satisfy `predicate`. */
  countBetween(form: string, from: number, until: number, predicate?: (report: ReportDoc) => boolean): number {
    const list = this.byForm(form);
    let count = 0;
    for (let i = bound(list, from, false); i < list.length && list[i].reported_date < until; i++) {
      if (!predicate || predicate(list[i])) count++;
    }
    return count;
  }

  /** The value of a `perContact` slot for this contact, computed on first use. */
  value<T>(slot: Slot<T>, c: ContactWithReports): T {
    let values = this.values;
    if (!values) values = this.values = [];
    const value = values[slot.id];
    if (value !== undefined) return (value === UNSET ? undefined : value) as T;
    const computed = slot.compute(c, this);
    values[slot.id] = computed === undefined ? UNSET : computed;
    return computed;
  }
}

const byReportedDate = (a: ReportDoc, b: ReportDoc): number => a.reported_date - b.reported_date;

/** The RapidPro event a record answers ('' for app form reports, which have none). */
function eventIdOf(report: ReportDoc): string {
  const value = report.fields ? report.fields.rp_event_id : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

/** Which of two copies of one answer is kept: the earliest, then the smallest id (the same choice on every phone). */
const precedes = (a: ReportDoc, b: ReportDoc): boolean => a.reported_date !== b.reported_date ? a.reported_date < b.reported_date : a._id < b._id;

/** The first index whose report is after `time` (`after`), or at or after it. */
function bound(list: readonly ReportDoc[], time: number, after: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = list[mid].reported_date;
    if (at < time || (after && at === time)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const indexes = new WeakMap<readonly ReportDoc[], ReportIndex>();
/** The index asked for last: the rules ask for the same contact's many times in a row. */
let lastReports: readonly ReportDoc[] | undefined;
let lastIndex: ReportIndex | undefined;

/** The index of `c.reports`, built on first use for this emission and shared afterwards. */
export function indexOf(c: ContactWithReports): ReportIndex {
  const reports = c.reports;
  if (reports === lastReports) return lastIndex as ReportIndex;
  let index = indexes.get(reports);
  if (!index) {
    index = new ReportIndex(reports);
    indexes.set(reports, index);
  }
  lastReports = reports;
  lastIndex = index;
  return index;
}

/**
 * A value derived from a contact's reports, computed once per contact however many tasks,
 * targets and summary fields ask for it: `const quarantineOf = perContact((c, index) => …)`.
 */
export function perContact<T>(compute: (c: ContactWithReports, index: ReportIndex) => T): (c: ContactWithReports) => T {
  const slot: Slot<T> = { id: slots++, compute };
  return (c) => indexOf(c).value(slot, c);
}

/** A value derived for one report of a contact, computed once per report: `const dueOf = perReport((c, report, index) => …)`. */
export function perReport<T>(compute: (c: ContactWithReports, report: ReportDoc, index: ReportIndex) => T): (c: ContactWithReports, report: ReportDoc) => T {
  const memos = perContact(() => new Map<ReportDoc, unknown>());
  return (c, report) => {
    const memo = memos(c);
    const value = memo.get(report);
    if (value !== undefined) return (value === UNSET ? undefined : value) as T;
    const computed = compute(c, report, indexOf(c));
    memo.set(report, computed === undefined ? UNSET : computed);
    return computed;
  };
}
