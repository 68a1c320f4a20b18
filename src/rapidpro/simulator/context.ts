/**
 * The expression context of a run (goflow `run.RootContext`), built from the simulation state:
 * `@contact`, `@fields`, `@results`, `@run`, `@child`, `@parent`, `@input`, `@trigger`,
 * `@globals` and, for flows of spec 13.3 or later, `@webhook`. Parts goflow has but the simulator
 * does not model are listed as unsupported so that a flow using them is refused, not guessed.
 */
import { compareVersions, parseVersion } from '../validate/version';
import { tokenize } from './excellent/case-tests';
import { UnsupportedExpressionError } from './excellent/errors';
import { EvaluationEnvironment, toDateTime } from './excellent/functions';
import { Decimal } from './excellent/decimal';
import { fromJson, num, text, XArray, XDateTime, XObject, XValue } from './excellent/values';
import { ContactState, InputState, ResultState, RunState, WebhookState } from './state';

export interface SessionView {
  contact: ContactState;
  input: InputState | null;
  triggerType: string;
  params: XValue;
  globals: Readonly<Record<string, string>>;
  env: EvaluationEnvironment;
}

const refuse = (what: string) => (): XValue => {
  throw new UnsupportedExpressionError(`${what} is not supported by the simulator`);
};

/** A contact field's value as goflow types it: a number or datetime field holds null when its text does not parse. */
function fieldValue(raw: string | null, type: string, env: EvaluationEnvironment): XValue {
  if (raw === null || raw === '') return null;
  if (type === 'number') {
    const parsed = Decimal.parse(raw);
    return parsed ? num(parsed) : null;
  }
  if (type === 'datetime') {
    const parsed = toDateTime(text(raw), env);
    return parsed instanceof XDateTime ? parsed : null;
  }
  return text(raw);
}

function fieldsContext(contact: ContactState, env: EvaluationEnvironment, path: string): XObject {
  const properties: Record<string, XValue> = {};
  for (const [key, type] of contact.fieldTypes) properties[key] = fieldValue(contact.fields.get(key) ?? null, type, env);
  return XObject.of(properties, { default: refuse(`@${path} as text`), path });
}

function contactContext(contact: ContactState, env: EvaluationEnvironment, path: string): XObject {
  const names = tokenize(contact.name);
  const defaultValue = contact.name !== '' ? text(contact.name) : refuse(`@${path} as text for a contact without a name (RapidPro formats the phone number)`);
  return XObject.of(
    {
      uuid: text(contact.uuid),
      name: text(contact.name),
      first_name: names.length > 0 ? text(names[0]) : null,
      language: text(contact.language),
      status: text('active'),
      urn: text(contact.urn),
      fields: fieldsContext(contact, env, `${path}.fields`),
    },
    { default: defaultValue, path, unsupported: ['ref', 'id', 'timezone', 'created_on', 'last_seen_on', 'urns', 'groups', 'channel', 'tickets'] },
  );
}

function resultContext(result: ResultState, path: string): XObject {
  return XObject.of(
    {
      name: text(result.name),
      value: text(result.value),
      category: text(result.category),
      category_localized: text(result.categoryLocalized || result.category),
      input: text(result.input),
      node_uuid: text(result.node),
      extra: result.extra === undefined ? null : fromJson(result.extra),
    },
    { default: text(result.value), path, unsupported: ['created_on'] },
  );
}

function resultsContext(run: RunState, path: string): XObject {
  const properties: Record<string, XValue> = {};
  for (const [key, result] of run.results) properties[key] = resultContext(result, `${path}.${key}`);
  const summary = [...run.results.values()].map((r) => `${r.name}: ${r.value}`).sort().join('\n');
  return XObject.of(properties, { default: text(summary), path });
}

function flowContext(run: RunState, path: string): XObject {
  return XObject.of(
    { uuid: text(run.flow.uuid), name: text(run.flow.name), revision: num(Decimal.fromInt(run.flow.revision ?? 0)) },
    { default: text(run.flow.name), path },
  );
}

function runContext(run: RunState, view: SessionView): XObject {
  return XObject.of(
    {
      uuid: text(run.uuid),
      status: text(run.status),
      flow: flowContext(run, 'run.flow'),
      contact: contactContext(view.contact, view.env, 'run.contact'),
      results: resultsContext(run, 'run.results'),
    },
    { default: refuse('@run as text'), path: 'run', unsupported: ['path', 'created_on', 'exited_on', 'locals'] },
  );
}

/** `@child` and `@parent` (goflow's relatedRunContext), including the deprecated `run.status` the 13.x editor routes subflows on. */
function relatedRunContext(run: RunState | undefined, view: SessionView, path: string): XValue {
  if (!run) return null;
  return XObject.of(
    {
      uuid: text(run.uuid),
      status: text(run.status),
      run: XObject.of({ status: text(run.status) }, { path: `${path}.run` }),
      flow: flowContext(run, `${path}.flow`),
      contact: contactContext(view.contact, view.env, `${path}.contact`),
      fields: fieldsContext(view.contact, view.env, `${path}.fields`),
      results: resultsContext(run, `${path}.results`),
    },
    { default: refuse(`@${path} as text`), path, unsupported: ['urns'] },
  );
}

function inputContext(input: InputState | null, contact: ContactState): XValue {
  if (!input) return null;
  return XObject.of(
    { type: text('msg'), uuid: text(input.uuid), text: text(input.text), attachments: new XArray([]), external_id: text(''), urn: text(contact.urn) },
    { default: text(input.text), path: 'input', unsupported: ['created_on', 'channel', 'payload'] },
  );
}

function webhookContext(webhook: WebhookState | null): XValue {
  if (!webhook) return null;
  const headers = XObject.of(Object.fromEntries(Object.entries(webhook.headers).map(([name, value]) => [name, text(value)])), { path: 'webhook.headers' });
  return XObject.of(
    { status: num(Decimal.fromInt(webhook.status)), headers, json: webhook.hasJson ? fromJson(webhook.json) : null },
    { default: text(`${webhook.method} ${webhook.url}`), path: 'webhook' },
  );
}

/**
 * Before spec 13.3 `@webhook` meant the response body: the 13.3 migration RapidPro applies on
 * import rewrites every `@webhook` to `@webhook.json`, which is the same as `@webhook` being the body.
 */
function webhookMeansBody(run: RunState): boolean {
  const spec = parseVersion(run.flow.spec_version);
  return spec !== undefined && compareVersions(spec, [13, 3, 0]) < 0;
}

function webhookBodyContext(webhook: WebhookState | null): XValue {
  return webhook && webhook.hasJson ? fromJson(webhook.json) : null;
}

/** The root context for evaluating templates in `run`. */
export function rootContext(run: RunState, view: SessionView): XObject {
  const unsupported = ['urns', 'ticket', 'node', 'locals', 'resume', 'legacy_extra'];
  const properties: Record<string, XValue> = {
    contact: contactContext(view.contact, view.env, 'contact'),
    fields: fieldsContext(view.contact, view.env, 'fields'),
    results: resultsContext(run, 'results'),
    run: runContext(run, view),
    child: relatedRunContext(run.child, view, 'child'),
    parent: relatedRunContext(run.parent, view, 'parent'),
    input: inputContext(view.input, view.contact),
    trigger: XObject.of(
      { type: text(view.triggerType), params: view.params, keyword: text('') },
      { path: 'trigger', unsupported: ['user', 'origin', 'campaign', 'ticket', 'optin'] },
    ),
    globals: XObject.of(Object.fromEntries(Object.entries(view.globals).map(([key, value]) => [key, text(value)])), { path: 'globals' }),
  };
  properties.webhook = webhookMeansBody(run) ? webhookBodyContext(run.webhook) : webhookContext(run.webhook);
  return XObject.of(properties, { path: '', unsupported });
}
