/**
 * Who sees a task or a target. Rules run on each user's phone over the contacts replicated to it,
 * so the restriction lives in the rules themselves, in the two forms CHT 4.11 evaluates:
 *
 * - tasks and target instances: the rule checks the logged-in user (`user`, their contact doc:
 *   `user.role` and `user._id`) and, optionally, a permission through `cht.v1.hasPermissions`;
 * - target tiles: CHT shows a target only when its `context` expression is true, and 4.11
 *   evaluates it with `user` (the user's contact doc) as the only variable (webapp
 *   `rules-engine.service.ts` → `parse.provider.ts`, an Angular expression with null-safe reads):
 *   `cht`, permissions and the user's CHT roles are not there. The context is therefore written
 *   from the audience's roles, `user.role === 'chw_supervisor'`, never by hand.
 *
 * Builders record each definition's audience (`audienceOf`), so the phone bundle builds only the
 * definitions the logged-in user can see (./engine.ts).
 */
import { ContactWithReports, ReportDoc, UserContact } from './docs';
import { indexOf } from './report-index';
import { UserRole } from './roles';
import { ChtScriptApi, chtApi, currentUser, engineUtils } from './runtime';

export interface Audience {
  /** The users it is for, by their contact's `role`: a target is shown to exactly these. */
  readonly roles: readonly [UserRole, ...UserRole[]];
  /**
   * A CHT permission the user must also have (declared in base_settings.json `permissions`).
   * Checked by task and target-instance rules only: a target tile's context cannot see permissions.
   */
  readonly permission?: string;
  /** Never show the task, nor count the target, on the phone of the person it is about. */
  readonly notAboutSelf?: boolean;
}

/** Whether the logged-in user has one of the audience's roles and its permission (the same answer for every contact). */
function userAllowed(audience: Audience, user: UserContact | undefined, api: ChtScriptApi | undefined): boolean {
  if (!user || !(audience.roles as readonly string[]).includes(String(user.role))) return false;
  return !audience.permission || (!!api && api.v1.hasPermissions(audience.permission));
}

/**
 * The answers of `userAllowed`, kept while the rules run with the same user, script API and
 * `Utils` (one rules-engine initialisation): `hasPermissions` is asked once per audience, not
 * once per report.
 */
let allowedFor: { user: unknown; api: unknown; utils: unknown; answers: Map<Audience, boolean> } | undefined;

/** Whether the logged-in user belongs to the audience (its roles and permission), whichever contact the rule is about. */
export function userInAudience(audience: Audience): boolean {
  const user = currentUser();
  const api = chtApi();
  const utils = engineUtils();
  if (!allowedFor || allowedFor.user !== user || allowedFor.api !== api || allowedFor.utils !== utils) {
    allowedFor = { user, api, utils, answers: new Map() };
  }
  let allowed = allowedFor.answers.get(audience);
  if (allowed === undefined) {
    allowed = userAllowed(audience, user, api);
    allowedFor.answers.set(audience, allowed);
  }
  return allowed;
}

/** True when the logged-in user belongs to the audience for this contact. */
export function inAudience(audience: Audience, c: ContactWithReports): boolean {
  if (!userInAudience(audience)) return false;
  return !audience.notAboutSelf || (currentUser() as UserContact)._id !== c.contact._id;
}

/**
 * Whether a report counts for a task or target instance on this phone: a report (not the first
 * copy's duplicate, see ./report-index.ts) and the user in the audience for its contact.
 */
export function countsFor(audience: Audience, c: ContactWithReports, report: ReportDoc | undefined): report is ReportDoc {
  return !!report && !indexOf(c).isDuplicate(report) && inAudience(audience, c);
}

/** The target `context` CHT 4.11 can evaluate: true for a user whose contact has one of the roles. */
export function targetContext(audience: Audience): string {
  return audience.roles.map((role) => `user.role === '${role}'`).join(' || ');
}

const audiences = new WeakMap<object, Audience>();

/** Records who a built task or target is for; returns it. */
export function withAudience<D extends object>(definition: D, audience: Audience): D {
  audiences.set(definition, audience);
  return definition;
}

/** Who a task or target built by the kit's builders is for (undefined for a hand-written definition). */
export function audienceOf(definition: object): Audience | undefined {
  return audiences.get(definition);
}
