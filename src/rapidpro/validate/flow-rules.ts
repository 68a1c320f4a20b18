/**
 * Rules for one flow in goflow's format (spec 11–14), as RapidPro's import applies them: the
 * definition is migrated to the current spec (goflow `flows/definition/migrations`), then read
 * and validated (`flows/definition`: flow.go, node.go, localization.go). What a migration repairs
 * in an older spec (long result and category names, a `base` language, too many quick replies,
 * expiry limits) is a warning; what the read refuses is an error.
 */
import { checkAction, Dependencies } from './action-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord, runeLength } from './json';
import { FLOW_TYPES, LIMITS } from './known-types';
import { isLanguageCode } from './languages';
import { cleanName } from './names';
import { Reporter, scoped } from './problem';
import { checkRouter } from './router-rules';
import { compareVersions, parseVersion } from './version';
import { isUuid } from '../uuid';
import { utf8Length } from '../flow/utf8';

/** The spec versions goflow reads (`CurrentSupportedSpecs`: >= 11.0.0, < 14.5.0). */
const OLDEST_SPEC = [11, 0, 0];
const NEWEST_SPEC_EXCLUSIVE = [14, 5, 0];

/** `uuids.Is`: localization keys must be RFC 4122 UUIDs of version 1 to 7. */
const STRICT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-7][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What the checks of one flow need to know about it. */
export interface FlowContext {
  /** The flow's spec version, before migration. */
  spec: readonly number[];
  /** The flow's type (`messaging`, …), as written. */
  flowType: string;
  /** The flow's name (or UUID or position), for dependencies. */
  flowLabel: string;
  /** The node being checked, when it is. */
  node?: string;
  report: Reporter;
  dependencies: Dependencies;
}

/** True when a flow of `spec` goes through the migration to `version` on import (so its repairs apply). */
export function migratesTo(spec: readonly number[], version: readonly number[]): boolean {
  return compareVersions(spec, version) < 0;
}

/** Checks one flow; the flows, groups and fields it refers to are added to `dependencies`. */
export function checkFlow(flow: JsonRecord, flowLabel: string, report: Reporter, dependencies: Dependencies): void {
  if (!isUuid(flow.uuid)) report.error(`uuid ${describe(flow.uuid)} is not a valid UUID`);
  checkFlowName(flow.name, report);

  const spec = typeof flow.spec_version === 'string' ? parseVersion(flow.spec_version) : undefined;
  if (!spec) {
    report.error(`spec_version ${describe(flow.spec_version)} is not a version like 13.1.0`);
    return;
  }
  if (compareVersions(spec, OLDEST_SPEC) < 0) {
    report.error(`spec_version ${String(flow.spec_version)} is older than 11, which no flow engine reads`);
    return;
  }
  if (compareVersions(spec, NEWEST_SPEC_EXCLUSIVE) >= 0) {
    report.error(`spec_version ${String(flow.spec_version)} is newer than any RapidPro reads (at most 14.4.x)`);
    return;
  }

  const flowType = String(flow.type);
  if (!(FLOW_TYPES as readonly string[]).includes(flowType)) report.error(`type ${describe(flow.type)} is not one of ${FLOW_TYPES.join(', ')}`);
  checkLanguage(flow.language, spec, report);
  if (flow.revision !== undefined && flow.revision !== null && !Number.isInteger(flow.revision)) report.error(`revision must be a whole number, not ${describe(flow.revision)}`);
  checkExpiry(flow.expire_after_minutes, flowType, spec, report);
  if (flow._ui !== undefined && utf8Length(JSON.stringify(flow._ui) ?? '') > LIMITS.uiBytes) report.error(`_ui is larger than ${LIMITS.uiBytes} bytes`);

  if (flow.nodes === undefined || flow.nodes === null) return;
  if (!Array.isArray(flow.nodes)) {
    report.error('nodes must be a list');
    return;
  }
  if (flow.nodes.length > LIMITS.nodesPerFlow) report.error(`has ${flow.nodes.length} nodes, at most ${LIMITS.nodesPerFlow} are allowed`);

  const context: FlowContext = { spec, flowType, flowLabel, report, dependencies };
  const nodeUuids = new Set(flow.nodes.filter(isRecord).map((node) => node.uuid).filter(isUuid));
  // goflow keeps one set of node, action and exit UUIDs per flow; categories and cases may repeat
  const seen = new Map<string, string>();
  const seenLocalizable = new Map<string, string>();
  const localizable = new Set<string>();
  flow.nodes.forEach((node, index) => {
    const where = isRecord(node) && isNonEmptyString(node.uuid) ? node.uuid : `#${index + 1}`;
    const nodeReport = scoped(report, '', where);
    if (!isRecord(node)) {
      nodeReport.error(`node is ${describe(node)}, not an object`);
      return;
    }
    const unique = (uuid: string, what: string) => {
      const previous = seen.get(uuid);
      if (previous) nodeReport.error(`${what} UUID ${uuid} is already used by ${previous}`);
      else seen.set(uuid, `${what} in node ${where}`);
    };
    const localizableUuid = (uuid: string, what: string) => {
      localizable.add(uuid);
      const previous = seenLocalizable.get(uuid);
      if (what === 'action') return; // a repeated action UUID is an error, reported above
      if (previous === undefined) seenLocalizable.set(uuid, `${what} in node ${where}`);
      else if (!previous.endsWith(`node ${where}`)) {
        nodeReport.warning(`${what} UUID ${uuid} is also the UUID of a ${previous}: RapidPro imports it, but a translation keyed by it applies to both`);
      }
    };
    if (!isUuid(node.uuid)) nodeReport.error(`uuid ${describe(node.uuid)} is not a valid UUID`);
    else unique(node.uuid, 'node');
    checkNode(node, { ...context, report: nodeReport, node: where }, nodeUuids, unique, localizableUuid);
  });

  checkLocalization(flow.localization, spec, localizable, report);
}

/** goflow's header: a name of 1 to 64 characters; RapidPro's `clean_name` then tidies it. */
function checkFlowName(name: unknown, report: Reporter): void {
  if (!isNonEmptyString(name)) {
    report.error('has no name');
    return;
  }
  if (runeLength(name) > 64) {
    report.error('name is longer than 64 characters: shorten it');
    return;
  }
  const cleaned = cleanName(name);
  if (cleaned !== name) report.warning(`RapidPro renames the flow to ${JSON.stringify(cleaned)} (no leading or trailing spaces, no " or \\)`);
}

function checkLanguage(language: unknown, spec: readonly number[], report: Reporter): void {
  // the 13.2 migration replaces any language that is not 3 characters with "und"
  if (migratesTo(spec, [13, 2, 0]) && (typeof language !== 'string' || runeLength(language) !== 3)) {
    report.warning(`language ${describe(language)} becomes "und" (undetermined) on import: set an ISO 639-3 code like eng`);
    return;
  }
  if (typeof language !== 'string' || !isLanguageCode(language)) report.error(`language ${describe(language)} is not an ISO 639-3 code like eng, fra or swa`);
}

/** The expiries RapidPro offers per flow type (`Flow.EXPIRES_CHOICES`); any other is reset to the default. */
const EXPIRY_CHOICES: Readonly<Record<string, readonly number[]>> = {
  messaging: [5, 10, 15, 30, 60, 180, 360, 720, 1080, 1440, 2880, 4320, 10080, 20160],
  voice: [1, 2, 3, 4, 5, 10, 15],
};
/** `Flow.EXPIRES_DEFAULTS` by flow type; 0 means the engine's own default for the type. */
const EXPIRY_DEFAULTS: Readonly<Record<string, number>> = { messaging: 4320, voice: 5, messaging_background: 0, messaging_offline: 0 };
/** The 14.0 migration's caps (`Migrate14_0_0`): other types are capped at 0. */
const EXPIRY_CAPS: Readonly<Record<string, number>> = { messaging: 20160, voice: 15 };

/**
 * `expire_after_minutes` as the import leaves it: the 14.0 migration caps it, then
 * `Flow.import_flows` resets a value that is not one of the type's choices to the type's default.
 */
function checkExpiry(value: unknown, flowType: string, spec: readonly number[], report: Reporter): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    report.error(`expire_after_minutes must be a whole number, not ${describe(value)}`);
    return;
  }
  let result = value;
  if (migratesTo(spec, [14, 0, 0])) result = Math.min(result, EXPIRY_CAPS[flowType] ?? 0);
  const choices = EXPIRY_CHOICES[flowType];
  if (choices && !choices.includes(result)) result = EXPIRY_DEFAULTS[flowType] ?? 0;
  // 0 already means the type's default to the engine, so becoming that default changes nothing
  if (result === value || (value === 0 && result === EXPIRY_DEFAULTS[flowType])) return;
  const allowed = choices ? `; a ${flowType} flow can expire after ${choices.join(', ')} minutes` : '';
  report.warning(`expire_after_minutes ${value} becomes ${result} on import${allowed}`);
}

function checkNode(
  node: JsonRecord,
  context: FlowContext,
  nodeUuids: ReadonlySet<string>,
  unique: (uuid: string, what: string) => void,
  localizable: (uuid: string, what: string) => void,
): void {
  const report = context.report;
  if (node.actions !== undefined && node.actions !== null) {
    if (!Array.isArray(node.actions)) report.error('actions must be a list');
    else {
      if (node.actions.length > LIMITS.actionsPerNode) report.error(`has ${node.actions.length} actions, at most ${LIMITS.actionsPerNode} are allowed`);
      for (const action of node.actions) {
        checkAction(action, context);
        if (isRecord(action) && isUuid(action.uuid)) {
          unique(action.uuid, 'action');
          localizable(action.uuid, 'action');
        }
      }
    }
  }

  const exitUuids = new Set<string>();
  if (!Array.isArray(node.exits) || node.exits.length === 0) report.error('needs at least one exit');
  else {
    if (node.exits.length > LIMITS.exitsPerNode) report.error(`has ${node.exits.length} exits, at most ${LIMITS.exitsPerNode} are allowed`);
    for (const exit of node.exits) {
      if (!isRecord(exit)) {
        report.error(`exit ${describe(exit)} is not an object`);
        continue;
      }
      if (!isUuid(exit.uuid)) report.error(`exit uuid ${describe(exit.uuid)} is not a valid UUID`);
      else {
        unique(exit.uuid, 'exit');
        exitUuids.add(exit.uuid);
      }
      const destination = exit.destination_uuid;
      if (destination === undefined || destination === null || destination === '') continue;
      if (!isUuid(destination)) report.error(`exit ${String(exit.uuid)}: destination_uuid ${describe(destination)} is not a valid UUID`);
      else if (!nodeUuids.has(destination)) report.error(`exit ${String(exit.uuid)}: destination ${destination} is not a node of this flow`);
    }
  }

  if (node.router !== undefined && node.router !== null) {
    const declared = checkRouter(node.router, exitUuids, context);
    for (const uuid of declared.categories) localizable(uuid, 'category');
    for (const uuid of declared.cases) localizable(uuid, 'case');
  }
}

function checkLocalization(localization: unknown, spec: readonly number[], localizable: ReadonlySet<string>, report: Reporter): void {
  if (localization === undefined || localization === null) return;
  if (!isRecord(localization)) {
    report.error(`localization is ${describe(localization)}, not an object`);
    return;
  }
  // the 14.2 migration drops languages whose code is not 3 characters
  const dropsBadLanguages = migratesTo(spec, [14, 2, 0]);
  const orphans = new Map<string, string[]>();
  for (const [language, translations] of Object.entries(localization)) {
    if (dropsBadLanguages && runeLength(language) !== 3) {
      report.warning(`localization language "${language}" is not a 3-letter code: the import drops its translations`);
      continue;
    }
    if (!isLanguageCode(language)) {
      report.error(`localization language "${language}" is not an ISO 639-3 code like fra: rename it or remove it`);
      continue;
    }
    if (!isRecord(translations)) {
      report.error(`localization for ${language} is ${describe(translations)}, not an object`);
      continue;
    }
    for (const [uuid, item] of Object.entries(translations)) {
      if (!STRICT_UUID.test(uuid)) report.error(`localization ${language}: key "${uuid}" is not a valid UUID`);
      else if (!localizable.has(uuid)) orphans.set(language, [...(orphans.get(language) ?? []), uuid]);
      if (!isRecord(item)) {
        report.error(`localization ${language} ${uuid}: translation is ${describe(item)}, not an object`);
        continue;
      }
      checkItemTranslation(item, `localization ${language} ${uuid}`, report);
    }
  }
  for (const [language, uuids] of orphans) {
    const list = uuids.length > 3 ? `${uuids.slice(0, 3).join(', ')} and ${uuids.length - 3} more` : uuids.join(', ');
    report.warning(`localization ${language}: ${uuids.length} ${uuids.length === 1 ? 'entry is' : 'entries are'} for no action, case or category of this flow (${list}); the engine ignores them`);
  }
}

function checkItemTranslation(item: JsonRecord, label: string, report: Reporter): void {
  const properties = Object.keys(item);
  if (properties.length > LIMITS.propertiesPerTranslation) report.error(`${label}: has ${properties.length} properties, at most ${LIMITS.propertiesPerTranslation} are allowed`);
  for (const property of properties) {
    if (property.length === 0 || utf8Length(property) > 64) report.error(`${label}: invalid property name ${describe(property)}`);
    const value = item[property];
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length > LIMITS.valuesPerTranslatedProperty) {
      report.error(`${label}: ${property} has ${value.length} values, at most ${LIMITS.valuesPerTranslatedProperty} are allowed`);
    }
    for (const v of values) {
      const size = typeof v === 'string' ? runeLength(v) : utf8Length(JSON.stringify(v) ?? '');
      if (size > LIMITS.translationValueChars) report.error(`${label}: a ${property} value is longer than ${LIMITS.translationValueChars} characters`);
    }
  }
}
