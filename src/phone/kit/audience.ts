/**
 * Who may see a task or target. Rules run on each user's phone over the contacts replicated to it,
 * so restriction happens in the rule: a supervisor-only task must not be emitted on the phone of
 * the CHW it is about, even if that CHW's own contact doc is replicated there.
 */
import { ContactWithReports } from './docs';
import { chtApi, currentUser } from './runtime';

export interface Audience {
  /** A CHT permission the viewing user must have (declared in base_settings.json `permissions`). */
  permission?: string;
  /** Never show the task to the user it is about. */
  notAboutSelf?: boolean;
  /** A target's `context`: the expression CHT evaluates to decide who sees the target. */
  context?: string;
}

/** True when the logged-in user belongs to the audience for this contact. */
export function inAudience(audience: Audience | undefined, c: ContactWithReports): boolean {
  if (!audience) return true;
  if (audience.notAboutSelf && currentUser()?._id === c.contact._id) return false;
  if (audience.permission) {
    const api = chtApi();
    if (!api || !api.v1.hasPermissions(audience.permission)) return false;
  }
  return true;
}
