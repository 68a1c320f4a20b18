/**
 * Evaluates an outbound push against a doc the way cht-core's `shared-libs/outbound` does:
 * `relevant_to` and `expr` sources run in a fresh VM context holding only `doc`; `path` sources
 * are dotted lookups on `{ doc }`; a missing required value is a mapping error; payload keys are
 * dotted paths into the payload object. Used by tests and `simulate` to show the exact payload.
 */
import * as vm from 'vm';
import { OutboundPush, OutboundSource } from './outbound';

export class OutboundMappingError extends Error {
  override name = 'OutboundMappingError';
}

export function isRelevant(push: OutboundPush, doc: object): boolean {
  return Boolean(vm.runInNewContext(push.relevant_to, { doc }));
}

export function mapDocumentToPayload(doc: { _id?: string; [key: string]: unknown }, push: OutboundPush, pushName: string): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [dest, source] of Object.entries(push.mapping)) {
    const { path, expr, required } = normalise(source);
    let value: unknown;
    try {
      value = expr !== undefined ? vm.runInNewContext(expr, { doc }) : getPath({ doc }, path as string);
    } catch (error) {
      throw new OutboundMappingError(`Mapping error for '${pushName}/${dest}' JS error on source document: '${doc._id}': ${String(error)}`);
    }
    if (required && value === undefined) {
      const problem = expr !== undefined ? 'expr evaluated to undefined' : `cannot find '${path}' on source document`;
      throw new OutboundMappingError(`Mapping error for '${pushName}/${dest}' on source document '${doc._id}': ${problem}`);
    }
    if (value !== undefined) setPath(payload, dest, value);
  }
  return payload;
}

function normalise(source: OutboundSource): { path?: string; expr?: string; required: boolean } {
  if (typeof source === 'string') return { path: source, required: true };
  return { path: source.path, expr: source.expr, required: !source.optional };
}

function getPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined || node[key] === null) node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}
