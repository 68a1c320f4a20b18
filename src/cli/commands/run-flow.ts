import * as fs from 'fs';
import * as path from 'path';
import { Command, UsageError } from '../command';
import { FlowDefinition, RapidProExport } from '../../rapidpro/flow/types';
import { ScriptedReply, simulateFlow, SimulatedContact, SimulationError, SimulationEvent, SimulationResult, UnsupportedExpressionError } from '../../rapidpro/simulator';
import { errorsOf, formatProblem, validateExport } from '../../rapidpro/validate';
import { isLanguageCode } from '../../rapidpro/validate/languages';
import { legacyIdentity } from '../../rapidpro/validate/legacy-rules';

const USAGE =
  'run-flow FILE [--flow NAME] [--lang CODE] [--contact JSON] [--params JSON] [--globals JSON] [--webhook-status CODE] [--webhook-body TEXT] [--now ISO] [--reply TEXT|--timeout|--expire]… [--json]';

/** The URN RapidPro's docs use for an example contact; the contact is what RapidPro creates from it alone. */
export const DEFAULT_URN = 'tel:+12065551212';

interface RunFlowOptions {
  file: string;
  flow?: string;
  lang?: string;
  contact?: string;
  params?: string;
  globals?: string;
  webhookStatus: number;
  webhookBody: string;
  now?: string;
  script: ScriptedReply[];
  json: boolean;
}

/** Reads the flags in order: replies, timeouts and expiries are a script, one step per wait. */
function parseRunFlowArgs(args: readonly string[]): RunFlowOptions {
  const values = new Map<string, string>();
  const script: ScriptedReply[] = [];
  const files: string[] = [];
  let json = false;
  const valueFlags = ['flow', 'lang', 'contact', 'params', 'globals', 'webhook-status', 'webhook-body', 'now', 'reply'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (name === 'timeout' || name === 'expire' || name === 'json') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      if (name === 'timeout') script.push({ timeout: true });
      else if (name === 'expire') script.push({ expire: true });
      else json = true;
      continue;
    }
    if (!valueFlags.includes(name)) throw new UsageError(`unknown option --${name} (usage: ${USAGE})`);
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === 'reply') script.push(value);
    else if (values.has(name)) throw new UsageError(`--${name} is given twice`);
    else values.set(name, value);
  }
  if (files.length === 0) throw new UsageError(`give the RapidPro export to run (usage: ${USAGE})`);
  if (files.length > 1) throw new UsageError(`unexpected argument "${files[1]}": run-flow takes one export file (usage: ${USAGE})`);
  const status = values.get('webhook-status') ?? '200';
  if (!/^[1-5][0-9][0-9]$/.test(status)) throw new UsageError(`--webhook-status ${JSON.stringify(status)} is not an HTTP status code like 200 or 500`);
  return {
    file: files[0],
    flow: values.get('flow'),
    lang: values.get('lang'),
    contact: values.get('contact'),
    params: values.get('params'),
    globals: values.get('globals'),
    webhookStatus: Number(status),
    webhookBody: values.get('webhook-body') ?? '{}',
    now: values.get('now'),
    script,
    json,
  };
}

function parseJsonFlag(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${flag} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const URN_PATTERN = /^(tel|whatsapp|telegram|facebook|viber|mailto|ext|line|instagram):.+/;

/** `--contact {"name","language","urns","fields","groups"}` over the contact RapidPro creates from a URN alone. */
function contactOf(options: RunFlowOptions): SimulatedContact {
  const contact: SimulatedContact = { urn: DEFAULT_URN };
  if (options.contact !== undefined) {
    const given = parseJsonFlag('contact', options.contact);
    if (!isObject(given)) throw new UsageError('--contact must be a JSON object like {"name":"Amina","language":"swa","urns":["tel:+254700000001"],"fields":{},"groups":[]}');
    const allowed = ['name', 'language', 'urns', 'fields', 'groups'];
    const unknown = Object.keys(given).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw new UsageError(`--contact: unknown key "${unknown[0]}" (keys: ${allowed.join(', ')})`);
    if (given.name !== undefined && given.name !== null) {
      if (typeof given.name !== 'string') throw new UsageError('--contact: name must be text');
      contact.name = given.name;
    }
    if (given.language !== undefined && given.language !== null) {
      if (typeof given.language !== 'string' || !isLanguageCode(given.language)) throw new UsageError(`--contact: language ${JSON.stringify(given.language)} is not an ISO 639-3 code like eng, fra or swa`);
      contact.language = given.language;
    }
    if (given.urns !== undefined) {
      if (!Array.isArray(given.urns) || given.urns.length === 0 || given.urns.some((urn) => typeof urn !== 'string' || !URN_PATTERN.test(urn))) {
        throw new UsageError('--contact: urns must be a non-empty list of URNs like "tel:+254700000001"');
      }
      contact.urn = given.urns[0] as string;
    }
    if (given.fields !== undefined) {
      if (!isObject(given.fields)) throw new UsageError('--contact: fields must be an object of field key to value');
      const fields: Record<string, string | number | null> = {};
      for (const [key, value] of Object.entries(given.fields)) {
        if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new UsageError(`--contact: field "${key}" must be text, a number or null`);
        fields[key] = value;
      }
      contact.fields = fields;
    }
    if (given.groups !== undefined) {
      if (!Array.isArray(given.groups) || given.groups.some((group) => typeof group !== 'string')) throw new UsageError('--contact: groups must be a list of group names');
      contact.groups = given.groups as string[];
    }
  }
  if (options.lang !== undefined) {
    if (!isLanguageCode(options.lang)) throw new UsageError(`--lang ${JSON.stringify(options.lang)} is not an ISO 639-3 code like eng, fra or swa`);
    contact.language = options.lang;
  }
  return contact;
}

function readExport(file: string): RapidProExport {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the file (${error instanceof Error ? error.message : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const refused = errorsOf(validateExport(json, { file }));
  if (refused.length > 0) {
    throw new UsageError(`${file}: RapidPro would refuse this export: ${formatProblem({ ...refused[0], file: undefined })}${refused.length > 1 ? ` (and ${refused.length - 1} more; run validate-flows ${file})` : ''}`);
  }
  return json as RapidProExport;
}

function flowName(flow: FlowDefinition): string {
  return flow.name ?? legacyIdentity(flow as unknown as Record<string, unknown>).name ?? flow.uuid;
}

/** The `--flow` NAME (or UUID), else the first flow of the export. */
function pickFlow(exported: RapidProExport, file: string, wanted: string | undefined): FlowDefinition {
  const flows = exported.flows;
  if (flows.length === 0) throw new UsageError(`${file}: the export has no flows`);
  if (wanted === undefined) return flows[0];
  const found = flows.find((flow) => flowName(flow) === wanted || flow.uuid === wanted) ?? flows.find((flow) => flowName(flow).toLowerCase() === wanted.toLowerCase());
  if (!found) throw new UsageError(`${file}: no flow named ${JSON.stringify(wanted)} (flows: ${flows.map((flow) => JSON.stringify(flowName(flow))).join(', ')})`);
  return found;
}

/** Globals the flows use (`@globals.x`): RapidPro creates missing ones blank on import. */
function globalsOf(exported: RapidProExport, given: string | undefined): Record<string, string> {
  const globals: Record<string, string> = {};
  for (const match of JSON.stringify(exported.flows).matchAll(/globals\.([a-z_][a-z0-9_]*)/gi)) globals[match[1].toLowerCase()] = '';
  if (given !== undefined) {
    const parsed = parseJsonFlag('globals', given);
    if (!isObject(parsed) || Object.values(parsed).some((value) => typeof value !== 'string')) throw new UsageError('--globals must be a JSON object of global key to text, like {"cht_url":"https://cht.example.org"}');
    Object.assign(globals, parsed);
  }
  return globals;
}

/** Authorization-like header values are masked: the admin sees that one is sent, not what. */
function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!/^(authorization|proxy-authorization|x-api-key|api-key|cookie)$/i.test(name)) return [name, value];
      const scheme = /^(\S+)\s+\S/.exec(value);
      return [name, value === '' ? '' : scheme ? `${scheme[1]} ••••••` : '••••••'];
    }),
  );
}

/** Events as printed: webhooks masked and marked as not performed. */
function printable(event: SimulationEvent, webhook: { status: number; body: string }): Record<string, unknown> {
  if (event.type !== 'webhook_called') return event;
  return { ...event, headers: maskHeaders(event.headers), performed: false, response: { status: webhook.status, body: webhook.body } };
}

function describeEvent(event: SimulationEvent, webhook: { status: number; body: string }): string[] {
  switch (event.type) {
    case 'run_started':
      return [`▶ flow "${event.flow}" started${event.parent ? ` (from "${event.parent}")` : ''}`];
    case 'msg_received':
      return [`← contact replies: ${event.text}`];
    case 'wait_timed_out':
      return ['⏱ the wait times out (no reply)'];
    case 'run_expired':
      return ['⏱ the run expires'];
    case 'run_interrupted':
      return ['✋ the run is interrupted'];
    case 'msg_created':
      return [`→ message to ${event.to}${event.language ? ` [${event.language}]` : ''}: ${event.text}`, ...(event.quick_replies.length > 0 ? [`  quick replies: ${event.quick_replies.join(' | ')}`] : [])];
    case 'broadcast_created':
      return [`→ broadcast to ${event.to.join(', ')}: ${event.text}`];
    case 'webhook_called': {
      const headers = maskHeaders(event.headers);
      return [
        `⇢ webhook ${event.method} ${event.url} (not performed; treated as answering ${webhook.status} ${webhook.body})`,
        ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
        ...(event.body !== '' ? [`  body: ${event.body}`] : []),
      ];
    }
    case 'run_result_changed':
      return [`✎ result "${event.name}" = ${JSON.stringify(event.value)} (category ${event.category || '(none)'})`];
    case 'contact_field_changed':
      return [`✎ contact field ${event.field} = ${event.value === null ? '(cleared)' : JSON.stringify(event.value)}`];
    case 'contact_name_changed':
      return [`✎ contact name = ${JSON.stringify(event.name)}`];
    case 'contact_language_changed':
      return [`✎ contact language = ${event.language || '(unset)'}`];
    case 'contact_groups_changed':
      return [[...event.added.map((group) => `+ group "${group}"`), ...event.removed.map((group) => `- group "${group}"`)].join(', ')];
    case 'msg_wait':
      return [`… waits for a reply${event.timeout_seconds !== undefined ? ` (times out after ${formatSeconds(event.timeout_seconds)})` : ''}`];
    case 'run_ended':
      return [`■ flow "${event.flow}" ${event.status}`];
    case 'error':
      return [`! ${event.text}`];
  }
}

function formatSeconds(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} seconds`;
}

function summary(result: SimulationResult, flow: string, unusedSteps: number): string {
  const unused = unusedSteps > 0 ? `; ${unusedSteps} scripted step${unusedSteps === 1 ? '' : 's'} left unused` : '';
  if (result.status === 'waiting') return `run of "${flow}" is waiting for a reply (give --reply TEXT, --timeout or --expire to go on)${unused}`;
  return `run of "${flow}" ${result.status}${unused}`;
}

/**
 * `run-flow FILE …`: runs one flow of any export offline with the simulator `simulate` uses, the
 * way goflow's flowrunner does: prints what is sent, saved and called, and how the run ends.
 * Webhooks are not performed; they answer `--webhook-status` (200) with `--webhook-body` ({}).
 */
export const runFlowCommand: Command = {
  name: 'run-flow',
  summary: "Run any export's flow offline with scripted replies (webhooks not performed), to try it before importing.",
  usage: USAGE,
  async run(args, io) {
    const options = parseRunFlowArgs(args);
    const contact = contactOf(options);
    const params = options.params === undefined ? {} : parseJsonFlag('params', options.params);
    if (!isObject(params)) throw new UsageError('--params must be a JSON object, like {"day":3} (the flow reads @trigger.params.day)');
    const exported = readExport(options.file);
    const flow = pickFlow(exported, options.file, options.flow);
    const name = flowName(flow);
    const webhook = { status: options.webhookStatus, body: options.webhookBody };
    const now = options.now === undefined ? new Date() : new Date(options.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${JSON.stringify(options.now)} is not a date and time like 2026-05-01T09:00:00Z`);

    let result: SimulationResult;
    try {
      result = simulateFlow(exported, flow.uuid ?? name, {
        contact,
        params,
        globals: globalsOf(exported, options.globals),
        replies: options.script,
        webhook: () => ({ status: webhook.status, body: webhook.body, headers: { 'Content-Type': 'application/json' } }),
        now,
      });
    } catch (error) {
      if (error instanceof SimulationError || error instanceof UnsupportedExpressionError) {
        io.err(`${options.file}: flow "${name}": ${error.message.split('\n').join('; ')}`);
        return 1;
      }
      throw error;
    }

    if (options.json) {
      for (const event of result.events) io.out(JSON.stringify(printable(event, webhook)));
      io.out(JSON.stringify({ type: 'session_ended', flow: name, status: result.status, unused_steps: result.unusedReplies, contact: { name: result.contactName, language: result.contactLanguage, urn: contact.urn, fields: result.contactFields, groups: result.groups } }));
      return 0;
    }
    io.out(`contact: ${contact.urn}, name ${contact.name ? JSON.stringify(contact.name) : '(none)'}, language ${contact.language || '(unset)'}`);
    for (const event of result.events) for (const line of describeEvent(event, webhook)) io.out(line);
    io.out(summary(result, name, result.unusedReplies));
    return 0;
  },
};
