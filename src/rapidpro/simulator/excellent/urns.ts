/** URN parsing as gocommon's `urns.parseURN`: `scheme:path?query#display`, with %23, %25 and %3F unescaped. */

export interface ParsedUrn {
  scheme: string;
  path: string;
  query: string;
  fragment: string;
}

const ESCAPES: ReadonlyArray<[string, string]> = [
  ['%23', '#'],
  ['%25', '%'],
  ['%3F', '?'],
];

function unescape(value: string): string {
  return ESCAPES.reduce((result, [escaped, plain]) => result.split(escaped).join(plain), value);
}

export function parseUrn(urn: string): ParsedUrn | { error: string } {
  const parts = { scheme: '', path: '', query: '', fragment: '' };
  let state: keyof typeof parts = 'scheme';
  for (const c of urn) {
    if (c === ':' && state === 'scheme') {
      state = 'path';
      continue;
    }
    if (c === '?') {
      if (state !== 'path') return { error: 'query component can only come after path component' };
      state = 'query';
      continue;
    }
    if (c === '#') {
      if (state !== 'path' && state !== 'query') return { error: 'fragment component can only come after path or query components' };
      state = 'fragment';
      continue;
    }
    parts[state] += c;
  }
  if (parts.scheme === '') return { error: 'scheme cannot be empty' };
  if (parts.path === '') return { error: 'path cannot be empty' };
  return { scheme: unescape(parts.scheme), path: unescape(parts.path), query: unescape(parts.query), fragment: unescape(parts.fragment) };
}
