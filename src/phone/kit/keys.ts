/**
 * The one grammar of translation keys the phone-side code uses, derived from ids so a key cannot
 * be misspelt:
 *
 * | what                         | key                                      |
 * | ---------------------------- | ---------------------------------------- |
 * | a task's title               | `task.<task name>.title`                 |
 * | its priority label           | `task.<task name>.priority`              |
 * | its action label             | `task.<task name>.action`                |
 * | a target's title             | `target.<target id>.title`               |
 * | a target's period (shared)   | `target.period.<period>`                 |
 * | a profile label or value     | `contact.profile.<workflow id>.<key>`    |
 * | a record (JSON form) title   | `form.<code, lower case>.title`          |
 * | a record field label         | `report.<code, lower case>.<field>`      |
 *
 * Builders carry the keys they use in their type (`Keyed<K>`, never set at run time), so a
 * workflow's `Translations` type lists exactly the keys its rules show, and a missing or extra
 * translation is a compile error.
 */

/** Marks a value with the translation keys it uses (a type-only property). */
export interface Keyed<K extends string> {
  readonly __translationKeys?: K;
}

/** The translation keys a value, or a list of values, uses. */
export type KeysOf<T> =
  T extends readonly (infer E)[] ? KeysOf<E> :
    T extends Keyed<infer K> ? K : never;

export const taskKey = <N extends string, P extends 'title' | 'priority' | 'action'>(name: N, part: P): `task.${N}.${P}` =>
  `task.${name}.${part}`;

export const targetKey = <I extends string>(id: I): `target.${I}.title` => `target.${id}.title`;

/** The periods a target counts over; each has one shared subtitle. */
export type TargetPeriod = 'this-month' | 'last-7-days';
export const targetPeriodKey = <P extends TargetPeriod>(period: P): `target.period.${P}` => `target.period.${period}`;

export const profileKey = <W extends string, K extends string>(workflow: W, key: K): `contact.profile.${W}.${K}` =>
  `contact.profile.${workflow}.${key}`;

/** `['a', 'b']` with prefix `status.` as the typed list `['status.a', 'status.b']`. */
export function prefixed<const P extends string, const S extends string>(prefix: P, values: readonly S[]): `${P}${S}`[] {
  return values.map((value): `${P}${S}` => `${prefix}${value}`);
}
