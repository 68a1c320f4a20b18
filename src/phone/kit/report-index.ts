/**
 * One pass over a contact's reports, shared by every task and target that looks at that contact.
 *
 * The common style calls `Utils.getMostRecentReport(c.reports, form)` or
 * `isFormSubmittedInWindow(c.reports, …)` inside each task: a full scan per report per task,
 * quadratic on a long-monitored contact. Here the emitter's `c` is indexed once (memoized on the
 * `c.reports` array, which the emitter passes unchanged to every definition) into per-form lists
 * sorted by `reported_date`, and lookups are binary searches.
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

export class ReportIndex {
  private readonly forms = new Map<string, ReportDoc[]>();
  private readonly ids = new Map<string, ReportDoc>();
  private readonly duplicates = new Set<ReportDoc>();
  private readonly memo = new Map<string, unknown>();

  constructor(reports: readonly ReportDoc[]) {
    const byEvent = new Map<string, ReportDoc>();
    for (const report of reports) {
      if (report.deleted) continue;
      const eventId = eventIdOf(report);
      if (eventId) {
        const key = `${report.form}\u0000${eventId}`;
        const kept = byEvent.get(key);
        if (kept) {
          const [winner, loser] = precedes(report, kept) ? [report, kept] : [kept, report];
          byEvent.set(key, winner);
          this.duplicates.add(loser);
          continue;
        }
        byEvent.set(key, report);
      }
    }
    for (const report of reports) {
      if (report.deleted || this.duplicates.has(report)) continue;
      this.ids.set(report._id, report);
      const list = this.forms.get(report.form);
      if (list) list.push(report);
      else this.forms.set(report.form, [report]);
    }
    for (const list of this.forms.values()) {
      if (!isSorted(list)) list.sort(byReportedDate);
    }
  }

  /** A second copy of an answer the index already holds (same form and `rp_event_id`): it counts for nothing. */
  isDuplicate(report: ReportDoc): boolean {
    return this.duplicates.has(report);
  }

  /** A report of this contact by `_id` (duplicates and deleted reports excluded). */
  byId(id: string): ReportDoc | undefined {
    return this.ids.get(id);
  }

  /** Reports of one form, oldest first. */
  byForm(form: string): readonly ReportDoc[] {
    return this.forms.get(form) ?? EMPTY;
  }

  /** The newest report of a form that satisfies `predicate`. */
  latest(form: string, predicate?: (report: ReportDoc) => boolean): ReportDoc | undefined {
    const list = this.byForm(form);
    for (let i = list.length - 1; i >= 0; i--) {
      if (!predicate || predicate(list[i])) return list[i];
    }
    return undefined;
  }

  /** The oldest report of a form reported at or after `time` (and before `until`) that satisfies `predicate`. */
  firstAfter(form: string, time: number, predicate?: (report: ReportDoc) => boolean, until = Infinity): ReportDoc | undefined {
    const list = this.byForm(form);
    for (let i = lowerBound(list, time); i < list.length && list[i].reported_date < until; i++) {
      if (!predicate || predicate(list[i])) return list[i];
    }
    return undefined;
  }

  /** How many reports of a form fall in [from, until) and satisfy `predicate`. */
  countBetween(form: string, from: number, until: number, predicate?: (report: ReportDoc) => boolean): number {
    const list = this.byForm(form);
    let count = 0;
    for (let i = lowerBound(list, from); i < list.length && list[i].reported_date < until; i++) {
      if (!predicate || predicate(list[i])) count++;
    }
    return count;
  }

  /** Computes a per-contact value once, however many tasks and targets ask for it. */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}

function byReportedDate(a: ReportDoc, b: ReportDoc): number {
  return a.reported_date - b.reported_date;
}

/** The RapidPro event a record answers ('' for app form reports, which have none). */
function eventIdOf(report: ReportDoc): string {
  const value = report.fields ? report.fields.rp_event_id : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

/** Which of two copies of one answer is kept: the earliest, then the smallest id (the same choice on every phone). */
function precedes(a: ReportDoc, b: ReportDoc): boolean {
  return a.reported_date !== b.reported_date ? a.reported_date < b.reported_date : a._id < b._id;
}

function isSorted(list: ReportDoc[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1].reported_date > list[i].reported_date) return false;
  return true;
}

function lowerBound(list: readonly ReportDoc[], time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].reported_date < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const indexes = new WeakMap<readonly ReportDoc[], ReportIndex>();

/** The index of `c.reports`, built on first use for this emission and shared afterwards. */
export function indexOf(c: ContactWithReports): ReportIndex {
  let index = indexes.get(c.reports);
  if (!index) {
    index = new ReportIndex(c.reports);
    indexes.set(c.reports, index);
  }
  return index;
}
