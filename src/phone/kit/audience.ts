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
 */
import { ContactWithReports } from './docs';
import { UserRole } from './roles';
import { chtApi, currentUser } from './runtime';

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

/** True when the logged-in user belongs to the audience for this contact. */
export function inAudience(audience: Audience, c: ContactWithReports): boolean {
  const user = currentUser();
  if (!user || !(audience.roles as readonly string[]).includes(String(user.role))) return false;
  if (audience.notAboutSelf && user._id === c.contact._id) return false;
  if (audience.permission) {
    const api = chtApi();
    if (!api || !api.v1.hasPermissions(audience.permission)) return false;
  }
  return true;
}

/** The target `context` CHT 4.11 can evaluate: true for a user whose contact has one of the roles. */
export function targetContext(audience: Audience): string {
  return audience.roles.map((role) => `user.role === '${role}'`).join(' || ');
}
