/**
 * The globals CHT provides to task, target and contact-summary code on the phone. They exist only
 * at rule time (the rules engine or cht-conf-test-harness defines them): call these accessors from
 * inside rule functions, never at module load, because cht-conf also `require()`s the compiled
 * rules in plain Node to validate their schema.
 */
import { ContactDoc, ReportDoc, UserContact } from './docs';

/** The subset of cht-nootils (`Utils`) our rules use. */
export interface ChtUtils {
  now(): Date;
  addDate(date: Date | number, days: number): Date;
  isTimely(date: Date, event: { start: number; end: number }): boolean;
  getMostRecentReport(reports: ReportDoc[], forms: string | string[]): ReportDoc | undefined;
  isFormSubmittedInWindow(reports: ReportDoc[], form: string | string[], start: number, end: number, count?: number): boolean;
  getField(report: ReportDoc, path: string): unknown;
}

/** The CHT script API (`cht` global): permissions of the logged-in user. */
export interface ChtScriptApi {
  v1: {
    hasPermissions(permissions: string | string[]): boolean;
    hasAnyPermission(groups: string[][]): boolean;
  };
}

declare const Utils: ChtUtils;
declare const cht: ChtScriptApi;
declare const user: UserContact;
declare const contact: ContactDoc;
declare const reports: ReportDoc[];
declare const lineage: ContactDoc[];

export const rulesUtils = (): ChtUtils => Utils;

export const chtApi = (): ChtScriptApi | undefined => typeof cht === 'undefined' ? undefined : cht;

export const currentUser = (): UserContact | undefined => typeof user === 'undefined' ? undefined : user;

/** The contact-summary globals: the contact being viewed, its reports and its parent lineage. */
export function contactSummaryInputs(): { contact: ContactDoc; reports: ReportDoc[]; lineage: ContactDoc[] } {
  return { contact, reports, lineage };
}

/** "Now" at rule time: `Utils.now()` honours the harness's and the phone's clock. */
export const ruleNow = (): number => typeof Utils === 'undefined' ? Date.now() : Utils.now().getTime();
