/**
 * Where a record field's value comes from on the RapidPro side. One source renders both ways: as a
 * RapidPro expression inside the webhook body, and as a reading of a run from `runs.json`, so the
 * webhook and the `sync` backstop produce the same record.
 */

/** A run as `GET /api/v2/runs.json` returns it (only what records need). */
export interface RunLike {
  uuid: string;
  contact: { uuid: string; urn?: string | null; name?: string | null };
  values: Record<string, { value: string | number | null; category: string | null; time?: string; name?: string } | undefined>;
  modified_on?: string;
}

export type Source =
  | { kind: 'text'; result: string }
  | { kind: 'number'; result: string }
  | { kind: 'category'; result: string }
  | { kind: 'flag'; result: string; yes: readonly string[]; no: readonly string[] }
  | { kind: 'answered'; result: string; unanswered: readonly string[] }
  | { kind: 'constant'; value: string | number | boolean }
  | { kind: 'contactPhone' };

/** The result's value as text (`@results.<key>.value`). */
export const resultText = (result: string): Source => ({ kind: 'text', result });
/** The result's value as a JSON number, null when not numeric. */
export const resultNumber = (result: string): Source => ({ kind: 'number', result });
/** The result's category name. */
export const resultCategory = (result: string): Source => ({ kind: 'category', result });
/** true when the category is one of `yes`, false when one of `no`, otherwise null (no answer). */
export const resultFlag = (result: string, yes: readonly string[], no: readonly string[]): Source => ({ kind: 'flag', result, yes, no });
/** false when the result's category is one of `unanswered` (e.g. the wait's timeout), true otherwise. */
export const resultAnswered = (result: string, unanswered: readonly string[]): Source => ({ kind: 'answered', result, unanswered });
export const constant = (value: string | number | boolean): Source => ({ kind: 'constant', value });
/** The contact's phone number (path of its `tel:` URN). */
export const contactPhone = (): Source => ({ kind: 'contactPhone' });

/** Result keys are RapidPro's snake_case result names; the webhook references them as `results.<key>`. */
export function resultKeyOf(source: Source): string | undefined {
  return 'result' in source ? source.result : undefined;
}

/** The source as a RapidPro expression (inside `@( … )`). */
export function toExpression(source: Source): string {
  switch (source.kind) {
    case 'text':
      return `default(results.${source.result}.value, null)`;
    case 'number':
      return `default(number(results.${source.result}.value), null)`;
    case 'category':
      return `default(results.${source.result}.category, null)`;
    case 'flag':
      return `if(${anyCategory(source.result, source.yes)}, true, if(${anyCategory(source.result, source.no)}, false, null))`;
    case 'answered':
      return `if(${anyCategory(source.result, source.unanswered)}, false, true)`;
    case 'constant':
      return typeof source.value === 'string' ? quote(source.value) : String(source.value);
    case 'contactPhone':
      return 'urn_parts(contact.urn).path';
  }
}

/** The same value read from a run; `undefined` when the run lacks the result. */
export function fromRun(source: Source, run: RunLike): unknown {
  if (source.kind === 'constant') return source.value;
  if (source.kind === 'contactPhone') return run.contact.urn ? run.contact.urn.replace(/^tel:/, '') : undefined;
  const result = run.values[source.result];
  if (!result) return undefined;
  switch (source.kind) {
    case 'text':
      return result.value === null ? null : String(result.value);
    case 'number': {
      const number = Number(result.value);
      return result.value === null || result.value === '' || !Number.isFinite(number) ? null : number;
    }
    case 'category':
      return result.category;
    case 'flag':
      if (result.category !== null && source.yes.includes(result.category)) return true;
      if (result.category !== null && source.no.includes(result.category)) return false;
      return null;
    case 'answered':
      return !(result.category !== null && source.unanswered.includes(result.category));
  }
}

function anyCategory(result: string, categories: readonly string[]): string {
  const tests = categories.map((category) => `default(results.${result}.category, "") = ${quote(category)}`);
  return tests.length === 1 ? tests[0] : `or(${tests.join(', ')})`;
}

/** A RapidPro string literal. */
export function quote(text: string): string {
  if (/["\\\n]/.test(text)) throw new Error(`cannot embed ${JSON.stringify(text)} in a RapidPro expression: remove quotes, backslashes and newlines`);
  return `"${text}"`;
}
