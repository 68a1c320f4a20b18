/** Names RapidPro derives from what a flow author types. */

/**
 * The key a result is stored under: goflow's `utils.Snakify` — trimmed, every run of characters
 * other than letters, ASCII digits and `_` replaced by one `_`, lowercased. So the result
 * "Fever today?" is read back as `@results.fever_today_`.
 */
export function resultKey(resultName: string): string {
  return resultName.trim().replace(/[^\p{L}0-9_]+/gu, '_').toLowerCase();
}

/** goflow's limit on result names (longer ones are truncated by the 13.6 migration). */
export const MAX_RESULT_NAME_LENGTH = 64;

/** The editor's limit on category names (longer ones are truncated by the 13.6 migration). */
export const MAX_CATEGORY_NAME_LENGTH = 36;

/** RapidPro's limit on flow, group and campaign names (`TembaNameMixin.MAX_NAME_LEN`). */
export const MAX_NAME_LENGTH = 64;

/**
 * Throws unless `name` survives RapidPro's import unchanged (`TembaNameMixin.clean_name` trims,
 * truncates to 64 characters and replaces `"` and `\`). Deployment finds flows by name, so a
 * name changed on import would make the flow impossible to find.
 */
export function checkRapidProName(kind: string, name: string): void {
  if (name === '' || name !== name.trim() || name.length > MAX_NAME_LENGTH || /["\\\0]/.test(name)) {
    throw new Error(`${kind} name "${name}" is invalid: non-empty, no surrounding spaces, no " or \\, at most ${MAX_NAME_LENGTH} characters`);
  }
}
