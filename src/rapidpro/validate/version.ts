/** Dotted version numbers as RapidPro compares them: "11.12" is newer than "11.4", "13" equals "13.0.0". */

/** `"13.1.0"` → `[13, 1, 0]`; undefined for anything that is not dot-separated whole numbers. */
export function parseVersion(version: string | number): number[] | undefined {
  const text = String(version);
  if (!/^\d+(\.\d+)*$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
