/**
 * The app settings deploy uploads: the committed, compiled `app_settings.json` — its task, target,
 * contact-summary and purge code byte for byte as committed, never recompiled (webpack's output
 * depends on where the checkout lives) — with the workspace's outbound pushes and the RapidPro SMS
 * gateway URL put in.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DeployError } from './errors';
import { OutboundPush } from '../cht/outbound';
import { JsonRecord, isRecord } from './cht-admin';

/** The keys cht-conf's compile-app-settings computes from code rather than copying from base_settings.json. */
export const COMPILED_KEYS = ['contact_summary', 'tasks', 'purge'] as const;

export interface DeploySettings {
  /** What CHT receives. */
  settings: JsonRecord;
  /** Whether CHT's own SMS go through RapidPro (`sms.outgoing_service` is `rapidpro`). */
  gateway: boolean;
}

/**
 * The committed `app_settings.json`, checked to be built from the committed sources, with the
 * synthesized pushes (this workspace's flow UUIDs and URL) in `outbound`, and `sms.rapidpro.url`
 * set to the workspace when CHT's gateway is RapidPro.
 */
export function deploySettings(projectDir: string, pushes: readonly { name: string; config: OutboundPush }[], rapidproUrl: string): DeploySettings {
  const committed = readJson(projectDir, 'app_settings.json', 'run npm run build and commit it');
  assertFresh(projectDir, committed);
  const settings = structuredClone(committed);
  const outbound: JsonRecord = isRecord(settings.outbound) ? settings.outbound : {};
  for (const push of pushes) outbound[push.name] = structuredClone(push.config) as unknown as JsonRecord;
  settings.outbound = outbound;
  const sms = isRecord(settings.sms) ? settings.sms : undefined;
  const gateway = sms?.outgoing_service === 'rapidpro';
  if (sms && gateway) {
    // CHT posts to `${url}/api/v2/broadcasts.json` (api/src/services/rapidpro.js): no trailing slash.
    sms.rapidpro = { ...(isRecord(sms.rapidpro) ? sms.rapidpro : {}), url: rapidproUrl.replace(/\/+$/, '') };
  }
  return { settings, gateway };
}

/**
 * Refuses a committed `app_settings.json` that is not what `build` makes of the committed
 * `app_settings/` files and `settings.inherit.json` (someone edited base_settings.json and did not
 * build). The compiled code keys are checked by the staleness test, which compiles in place.
 */
export function assertFresh(projectDir: string, committed: JsonRecord): void {
  const expected = readJson(projectDir, 'app_settings/base_settings.json', 'restore it: cht-conf compiles app_settings.json from it');
  for (const [key, file] of [['forms', 'forms.json'], ['schedules', 'schedules.json'], ['assetlinks', 'assetlinks.json']] as const) {
    if (fs.existsSync(path.join(projectDir, 'app_settings', file))) expected[key] = readJson(projectDir, `app_settings/${file}`, 'fix it');
  }
  // compile-app-settings moves max_task_notifications into tasks (a compiled key).
  delete expected.max_task_notifications;
  if (fs.existsSync(path.join(projectDir, 'settings.inherit.json'))) {
    applyInherit(expected, readJson(projectDir, 'settings.inherit.json', 'run npm run build'), 'settings.inherit.json');
  }
  const compiled = new Set<string>(COMPILED_KEYS);
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(committed)])].filter((key) => !compiled.has(key)).sort();
  const stale = keys.filter((key) => canonical(expected[key]) !== canonical(committed[key]));
  if (stale.length) {
    throw new DeployError(
      `app_settings.json is stale: ${stale.join(', ')} differ${stale.length === 1 ? 's' : ''} from app_settings/ and settings.inherit.json — ` +
        'run npm run build and commit app_settings.json; nothing was changed on CHT',
    );
  }
}

/**
 * cht-conf's inherit transforms (fn/compile-app-settings.js): `delete` (dot paths) then `replace`
 * (dot path → value). `merge` and `filter` are refused: applied to the already-compiled settings
 * they would apply twice (merge concatenates arrays).
 */
export function applyInherit(target: JsonRecord, inherit: JsonRecord, source: string): void {
  for (const key of ['merge', 'filter'] as const) {
    if (inherit[key] !== undefined && !(isRecord(inherit[key]) && Object.keys(inherit[key]).length === 0)) {
      throw new DeployError(`${source} has a non-empty "${key}": deploy applies only "delete" and "replace" to the compiled app_settings.json`);
    }
  }
  const deletions = inherit.delete ?? [];
  if (!Array.isArray(deletions) || deletions.some((item) => typeof item !== 'string')) throw new DeployError(`${source}: "delete" must be a list of setting paths`);
  const replacements = inherit.replace ?? {};
  if (!isRecord(replacements)) throw new DeployError(`${source}: "replace" must be an object of setting path → value`);
  for (const dotted of deletions as string[]) {
    const { parent, last } = walk(target, dotted);
    Reflect.deleteProperty(parent, last);
  }
  for (const [dotted, value] of Object.entries(replacements)) {
    const { parent, last } = walk(target, dotted);
    parent[last] = structuredClone(value);
  }
}

function walk(target: JsonRecord, dotted: string): { parent: JsonRecord; last: string } {
  const parts = dotted.split('.');
  let parent = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(parent[part])) parent[part] = {};
    parent = parent[part] as JsonRecord;
  }
  return { parent, last: parts[parts.length - 1] };
}

/** JSON text with object keys sorted, for comparing values whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function readJson(projectDir: string, relative: string, fix: string): JsonRecord {
  const file = path.join(projectDir, relative);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DeployError(`${relative} is missing: ${fix}; nothing was changed on CHT`);
  }
  return parse(text, relative);
}

function parse(text: string, what: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DeployError(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing was changed on CHT`);
  }
  if (!isRecord(value)) throw new DeployError(`${what} must hold a JSON object; nothing was changed on CHT`);
  return value;
}
