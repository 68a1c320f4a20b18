/**
 * Reads and adjusts the generated outbound pushes (`settings.inherit.json` → `replace` →
 * `outbound.<name>`) in the deploy copy of the project, without depending on how they are built.
 */

export const SETTINGS_INHERIT = 'settings.inherit.json';

/** What deploy needs to know about one push that starts a RapidPro flow. */
export interface RapidProPush {
  name: string;
  /** The flow uuid the mapping sends, or undefined when `flow` is not a quoted literal. */
  flowUuid: string | undefined;
  /** The CHT credential key holding `Token <api token>`, when the push uses header auth. */
  valueKey: string | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `outbound.<name>` push under `replace`, as [name, push config]. */
function pushEntries(settings: Json): [string, Json][] {
  const replace = isObject(settings.replace) ? settings.replace : {};
  const entries: [string, Json][] = [];
  for (const [key, value] of Object.entries(replace)) {
    if (key.startsWith('outbound.') && isObject(value)) entries.push([key.slice('outbound.'.length), value]);
    if (key === 'outbound' && isObject(value)) {
      for (const [name, push] of Object.entries(value)) if (isObject(push)) entries.push([name, push]);
    }
  }
  return entries;
}

/** A push whose destination is RapidPro's flow start endpoint. */
function startsFlow(push: Json): boolean {
  const destination = isObject(push.destination) ? push.destination : {};
  return typeof destination.path === 'string' && /flow_starts\.json$/.test(destination.path);
}

/** The pushes of a generated `settings.inherit.json` that start RapidPro flows. */
export function rapidProPushes(settingsText: string): RapidProPush[] {
  const settings = JSON.parse(settingsText) as unknown;
  if (!isObject(settings)) return [];
  return pushEntries(settings)
    .filter(([, push]) => startsFlow(push))
    .map(([name, push]) => {
      const mapping = isObject(push.mapping) ? push.mapping : {};
      const flow = mapping.flow;
      const expr = isObject(flow) && typeof flow.expr === 'string' ? flow.expr : undefined;
      const literal = expr ? /^\s*(['"])([0-9a-fA-F-]{36})\1\s*$/.exec(expr) : null;
      const destination = push.destination as Json;
      const auth = isObject(destination.auth) ? destination.auth : {};
      const valueKey = auth.type === 'header' && typeof auth.value_key === 'string' ? auth.value_key : undefined;
      return { name, flowUuid: literal ? literal[2].toLowerCase() : undefined, valueKey };
    });
}

/**
 * The flow-start pushes that do not send to this RapidPro host. The flow UUIDs were resolved there
 * and the credential stored for the pushes is that workspace's token, so any other base_url fails.
 */
export function pushesNotSendingTo(settingsText: string, host: string): { name: string; baseUrl: unknown }[] {
  const settings = JSON.parse(settingsText) as unknown;
  if (!isObject(settings)) return [];
  const base = withoutTrailingSlash(host);
  return pushEntries(settings)
    .filter(([, push]) => startsFlow(push))
    .map(([name, push]) => ({ name, baseUrl: (push.destination as Json).base_url }))
    .filter(({ baseUrl }) => typeof baseUrl !== 'string' || withoutTrailingSlash(baseUrl) !== base);
}

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
