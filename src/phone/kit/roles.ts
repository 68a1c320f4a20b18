/**
 * The roles a person's contact doc records in `role` (chosen in the person form). A user's
 * contact carries the role of their job: rules read it as `user.role`, and CHT 4.11 evaluates a
 * target's `context` with that contact doc as its only variable, `user`. The user account's CHT
 * roles (chw, chw_supervisor) grant permissions; they must match the contact's `role`.
 */
export const PERSON_ROLES = ['chw', 'chw_supervisor', 'traced_contact', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The roles of the people who use the app: a task or target is for some of them. */
export const USER_ROLES = ['chw', 'chw_supervisor'] as const satisfies readonly PersonRole[];
export type UserRole = (typeof USER_ROLES)[number];
