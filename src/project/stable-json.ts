/** JSON as committed files hold it: 2-space indent, trailing newline, so rebuilds are byte-identical. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
