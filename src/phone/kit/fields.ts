import { ReportDoc } from './docs';

/** Paths split once: the rules read the same few paths for every report of every contact. */
const SPLIT = new Map<string, readonly string[]>();

/** Reads a dotted path (`quarantine.start_date`) from a report's `fields`. */
export function readField(report: ReportDoc | undefined, path: string): unknown {
  let value: unknown = report ? report.fields : undefined;
  let keys = SPLIT.get(path);
  if (!keys) SPLIT.set(path, keys = path.split('.'));
  for (let i = 0; i < keys.length; i++) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[keys[i]];
  }
  return value;
}

/** A field as a trimmed string ('' when absent): XForms store every answer as text. */
export function textField(report: ReportDoc | undefined, path: string): string {
  const value = readField(report, path);
  return value === undefined || value === null ? '' : String(value).trim();
}

/** A field as a number, or undefined when absent or not numeric. */
export function numberField(report: ReportDoc | undefined, path: string): number | undefined {
  const value = readField(report, path);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A date field (`YYYY-MM-DD` from an XForm, or epoch ms from a JSON form) as epoch ms at local midnight. */
export function dateField(report: ReportDoc | undefined, path: string): number | undefined {
  const value = readField(report, path);
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}
