/**
 * Who sees a task or a target. Rules run on each user's phone over the contacts replicated to it,
 * so the restriction lives in the rules themselves, in the two forms CHT 4.11 evaluates:
 *
 * - tasks and target instances: the phone runs only the definitions whose audience has the
 *   logged-in user's role (`user`, their contact doc: `user.role`) and, optionally, permission
 *   (`cht.v1.hasPermissions`), and never about the user themselves (`user._id`) when it says so;
 * - target tiles: CHT shows a target only when its `context` expression is true, and 4.11
 *   evaluates it with `user` (the user's contact doc) as the only variable (webapp
 *   `rules-engine.service.ts` → `parse.provider.ts`, an Angular expression with null-safe reads):
 *   `cht`, permissions and the user's CHT roles are not there. The context is therefore written
 *   from the audience's roles, `user.role === 'chw_supervisor'`, never by hand.
 *
 * Builders record each definition's audience (`audienceOf`). The roles and the permission are
 * checked once per rules-engine start: the phone keeps only the definitions the logged-in user can
 * see (./engine.ts), so their rules only check, per contact, that the user is not the person the
 * task or target is about (`notAboutSelf`).
 */
import { ContactWithReports, ReportDoc } from './docs';
import { indexOf } from './report-index';
import { UserRole } from './roles';
import { chtApi, currentUser } from './runtime';

export interface Audience {
  /** The users it is for, by their contact's `role`: a target is shown to exactly these. */
  readonly roles: readonly [UserRole, ...UserRole[]];
  /**
   * A CHT permission the user must also have (declared in base_settings.json `permissions`).
   * Checked for tasks and target instances only: a target tile's context cannot see permissions.
   */
  readonly permission?: string;
  /** Never show the task, nor count the target, on the phone of the person it is about. */
  readonly notAboutSelf?: boolean;
}

/**
 * Whether the logged-in user has one of the audience's roles and its permission: asked once per
 * definition when the rules engine starts (./engine.ts), the same answer for every contact.
 */
export function userInAudience(audience: Audience): boolean {
  const user = currentUser();
  if (!user || !(audience.roles as readonly string[]).includes(String(user.role))) return false;
  const api = chtApi();
  return !audience.permission || (!!api && api.v1.hasPermissions(audience.permission));
}

/**
 * Whether a definition the user can see applies to this contact: always, unless the audience never
 * sees tasks and figures about themselves and the contact is the user.
 */
export function forContact(audience: Audience, c: ContactWithReports): boolean {
  if (!audience.notAboutSelf) return true;
  const user = currentUser();
  return !!user && user._id !== c.contact._id;
}

/**
 * Whether a report counts for a task or target instance on this phone: a report (not the first
 * copy's duplicate, see ./report-index.ts) about a contact the definition applies to.
 */
export const countsFor = (audience: Audience, c: ContactWithReports, report: ReportDoc | undefined): report is ReportDoc => !!report && !indexOf(c).isDuplicate(report) && forContact(audience, c);

/** The target `context` CHT 4.11 can evaluate: true for a user whose contact has one of the roles. */
export const targetContext = (audience: Audience): string => audience.roles.map((role) => `user.role === '${role}'`).join(' || ');

const audiences = new WeakMap<object, Audience>();

/** Records who a built task or target is for; returns it. */
export function withAudience<D extends object>(definition: D, audience: Audience): D {
  audiences.set(definition, audience);
  return definition;
}

/** Who a task or target built by the kit's builders is for (undefined for a hand-written definition). */
export const audienceOf = (definition: object): Audience | undefined => audiences.get(definition);
