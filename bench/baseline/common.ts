/**
 * The lookups a typical hand-written CHT config uses, written the common way on purpose: every
 * question scans `c.reports` again (`Utils.getMostRecentReport`, `Utils.isFormSubmittedInWindow`,
 * `c.reports.filter`), and nothing is remembered between tasks. This is the yardstick the
 * benchmark compares the toolkit's indexed rules against; it is never shipped.
 */
import { ContactWithReports, ReportDoc } from '../../src/phone/kit/docs';
import { chtApi, currentUser, rulesUtils } from '../../src/phone/kit/runtime';

export const DAY = 24 * 60 * 60 * 1000;

/** `user._id !== c.contact._id && cht.v1.hasPermissions(permission)`, as configs write it. */
export function supervisorSees(c: ContactWithReports, permission: string): boolean {
  const user = currentUser();
  if (user && user._id === c.contact._id) return false;
  const api = chtApi();
  return !!api && api.v1.hasPermissions(permission);
}

export function notSelf(c: ContactWithReports): boolean {
  return currentUser()?._id !== c.contact._id;
}

export function mostRecent(c: ContactWithReports, form: string): ReportDoc | undefined {
  return rulesUtils().getMostRecentReport(c.reports, form) ?? undefined;
}

/** Whether `form` was submitted at or after `time` (CHT's window check, with an open end). */
export function submittedSince(c: ContactWithReports, form: string, time: number): boolean {
  return rulesUtils().isFormSubmittedInWindow(c.reports, form, time, Number.MAX_SAFE_INTEGER);
}

/** The newest report of `form` matching `predicate`, by a full scan. */
export function mostRecentWhere(c: ContactWithReports, form: string, predicate: (r: ReportDoc) => boolean): ReportDoc | undefined {
  let found: ReportDoc | undefined;
  for (const r of c.reports) {
    if (r.form === form && !r.deleted && predicate(r) && (!found || r.reported_date >= found.reported_date)) found = r;
  }
  return found;
}

/** The oldest report of `form` in [from, until) matching `predicate`, by a full scan. */
export function firstSince(c: ContactWithReports, form: string, from: number, predicate: (r: ReportDoc) => boolean = () => true, until = Infinity): ReportDoc | undefined {
  let found: ReportDoc | undefined;
  for (const r of c.reports) {
    if (r.form === form && !r.deleted && r.reported_date >= from && r.reported_date < until && predicate(r) && (!found || r.reported_date < found.reported_date)) found = r;
  }
  return found;
}

export function now(): number {
  return rulesUtils().now().getTime();
}
