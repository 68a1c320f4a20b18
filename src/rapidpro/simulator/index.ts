/**
 * Walks a RapidPro flow offline with a scripted conversation: what the contact is sent, what is
 * broadcast, which webhooks are called with which bodies, which results and contact fields are
 * saved. It follows goflow's engine and expression semantics for the subset of the flow
 * language this project uses (see rapidpro/README.md) and refuses anything else by name.
 *
 * ```ts
 * const run = simulateFlow(exported, 'Quarantine Check-in', {
 *   contact: { urn: 'tel:+254700000001', language: 'fra' },
 *   params: { chw_phone: '+254700000002' },
 *   replies: ['oui'],
 *   webhook: () => ({ status: 201, body: '{"success":true}' }),
 * });
 * run.messages[0].text; // the French question
 * ```
 */
import { FieldType, FlowDefinition, RapidProExport } from '../flow/types';
import { derivedUuid } from '../uuid';
import { errorsOf, formatProblem, validateExport } from '../validate';
import { legacyIdentity } from '../validate/legacy-rules';
import { checkZone } from './excellent/dates';
import { fromJson } from './excellent/values';
import { Session, SimulationError } from './session';
import { ContactState } from './state';
import { SimulateOptions, SimulationResult } from './types';

export { SimulationError } from './session';
export { UnsupportedExpressionError } from './excellent/errors';
export * from './types';

/** The default simulated "now": a fixed instant, so a simulation gives the same output every time. */
export const DEFAULT_NOW = '2026-01-01T00:00:00Z';

/**
 * Simulates flow `flowName` (or UUID) of `exported` (an export, or a list of flow definitions)
 * for `options.contact`, answering each wait with the next of `options.replies`.
 * Throws `SimulationError` for an invalid export, an unknown flow, or anything the simulator
 * does not support (naming the flow, node and expression).
 */
export function simulateFlow(exported: RapidProExport | readonly FlowDefinition[], flowName: string, options: SimulateOptions): SimulationResult {
  const wrapper: RapidProExport = isFlowList(exported)
    ? { version: '13', site: '', flows: [...exported], campaigns: [], triggers: [], fields: [], groups: [] }
    : exported;
  // what RapidPro imports (with warnings) can be simulated; what it refuses can't
  const problems = errorsOf(validateExport(wrapper));
  if (problems.length > 0) throw new SimulationError(`the export is not valid:\n${problems.map((p) => formatProblem(p)).join('\n')}`);
  const flows = new Map(wrapper.flows.map((flow) => [flow.uuid, flow]));
  // legacy (11.x) flows keep their name in metadata
  const nameOf = (f: FlowDefinition) => f.name ?? legacyIdentity(f as unknown as Record<string, unknown>).name ?? f.uuid;
  const flow = wrapper.flows.find((f) => nameOf(f) === flowName || f.uuid === flowName);
  if (!flow) throw new SimulationError(`no flow named "${flowName}" (the export has ${wrapper.flows.map((f) => `"${nameOf(f)}"`).join(', ')})`);
  if (!flow.nodes) throw new SimulationError(`flow "${nameOf(flow)}" is in the legacy format; open it in RapidPro and export it again to simulate it`);

  const timezone = options.timezone ?? 'UTC';
  checkZone(timezone);
  const now = new Date(options.now ?? DEFAULT_NOW).getTime();
  if (Number.isNaN(now)) throw new SimulationError(`now ${String(options.now)} is not a date`);
  if (!/^(tel|whatsapp|telegram|facebook|viber|mailto|ext|line|instagram):.+/.test(options.contact.urn)) {
    throw new SimulationError(`contact URN "${options.contact.urn}" is not a URN like tel:+254700000001`);
  }

  const contact = contactState(wrapper, options);
  const smartGroups = new Set((wrapper.groups ?? []).filter((g) => g.query).map((g) => g.name));
  const session = new Session(
    flows,
    contact,
    {
      triggerType: options.triggerType ?? (options.message !== undefined ? 'msg' : 'manual'),
      params: fromJson(options.params ?? {}),
      globals: options.globals ?? {},
      env: { now, timezone, dateFormat: options.dateFormat ?? 'YYYY-MM-DD' },
    },
    options,
    smartGroups,
  );

  if (options.message !== undefined) {
    // a msg trigger (catch-all, keyword) gives the session its input before the first node (goflow session start)
    session.emit({ type: 'msg_received', text: options.message });
    session.input = { uuid: derivedUuid('input', flow.uuid, contact.uuid, options.runUuid ?? 'run', String(now), options.message || 'empty'), text: options.message };
  }
  session.start(flow);
  const replies = [...(options.replies ?? [])];
  while (replies.length > 0 && session.waitingRun()) session.resume(replies.shift() as (typeof replies)[number]);

  const top = session.runs[0];
  session.flushErrors();
  return {
    events: session.events,
    status: top.status === 'active' ? 'completed' : top.status,
    messages: session.messages,
    broadcasts: session.broadcasts,
    results: Object.fromEntries(top.results),
    webhooks: session.webhooks,
    path: session.path,
    contactFields: Object.fromEntries(contact.fields),
    contactLanguage: contact.language,
    contactName: contact.name,
    groups: [...contact.groups].sort(),
    runs: session.runs.map((run) => ({ uuid: run.uuid, flow: run.flow.name, status: run.status === 'active' ? 'completed' : run.status, results: Object.fromEntries(run.results) })),
    errors: session.errors,
    unusedReplies: replies.length,
  };
}

function isFlowList(value: RapidProExport | readonly FlowDefinition[]): value is readonly FlowDefinition[] {
  return Array.isArray(value);
}

/** The workspace's fields: declared in the export, set by a flow (RapidPro creates those on import), or given for the contact. */
function contactState(exported: RapidProExport, options: SimulateOptions): ContactState {
  const fieldTypes = new Map<string, FieldType>();
  for (const field of exported.fields ?? []) fieldTypes.set(field.key, field.type);
  for (const flow of exported.flows) {
    for (const node of flow.nodes ?? []) {
      for (const action of node.actions ?? []) if (action.type === 'set_contact_field' && !fieldTypes.has(action.field.key)) fieldTypes.set(action.field.key, 'text');
    }
  }
  const fields = new Map<string, string | null>([...fieldTypes.keys()].map((key) => [key, null]));
  for (const [key, value] of Object.entries(options.contact.fields ?? {})) {
    if (!fieldTypes.has(key)) fieldTypes.set(key, typeof value === 'number' ? 'number' : 'text');
    fields.set(key, value === null ? null : String(value));
  }
  return {
    uuid: options.contact.uuid ?? derivedUuid('contact', options.contact.urn),
    name: options.contact.name ?? '',
    urn: options.contact.urn,
    language: options.contact.language ?? '',
    fields,
    fieldTypes,
    groups: new Set(options.contact.groups ?? []),
  };
}
