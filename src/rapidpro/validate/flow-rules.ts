/**
 * Rules for one flow in goflow's format (spec 11–14): the header, every node (goflow
 * `flows/definition/node.go`), UUID uniqueness, exits and destinations, limits, localization.
 */
import { checkAction, FlowRefUse } from './action-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord, runeLength } from './json';
import { FLOW_TYPES, LIMITS } from './known-types';
import { checkRouter } from './router-rules';
import { compareVersions, parseVersion } from './version';
import { isUuid } from '../uuid';
import { utf8Length } from '../flow/utf8';

/** Where a problem is in a flow: the node's UUID (or position), or the flow itself. */
export type FlowReport = (message: string, node?: string) => void;

/** The spec versions goflow reads (`CurrentSupportedSpecs`: >= 11.0.0, < 14.5.0). */
const OLDEST_SPEC = [11, 0, 0];
const NEWEST_SPEC_EXCLUSIVE = [14, 5, 0];

/** `uuids.Is`: localization keys must be RFC 4122 UUIDs of version 1 to 7. */
const STRICT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-7][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function checkFlow(flow: JsonRecord, report: FlowReport): FlowRefUse[] {
  if (!isUuid(flow.uuid)) report(`uuid ${describe(flow.uuid)} is not a valid UUID`);
  if (!isNonEmptyString(flow.name)) report('has no name');
  else if (runeLength(flow.name) > 64) report('name is longer than 64 characters');

  const spec = typeof flow.spec_version === 'string' ? parseVersion(flow.spec_version) : undefined;
  if (!spec) report(`spec_version ${describe(flow.spec_version)} is not a version like 13.1.0`);
  else if (compareVersions(spec, OLDEST_SPEC) < 0) report(`spec_version ${String(flow.spec_version)} is older than 11, which no flow engine reads`);
  else if (compareVersions(spec, NEWEST_SPEC_EXCLUSIVE) >= 0) report(`spec_version ${String(flow.spec_version)} is newer than any RapidPro reads (at most 14.4.x)`);

  // spec < 13.2 allowed "base" as a language; the 13.2 migration turns it into "und"
  const oldLanguageRules = spec !== undefined && compareVersions(spec, [13, 2, 0]) < 0;
  if (typeof flow.language !== 'string' || !(/^[a-z]{3}$/.test(flow.language) || oldLanguageRules)) {
    report(`language ${describe(flow.language)} is not an ISO 639-3 code like eng`);
  }
  const flowType = String(flow.type);
  if (!(FLOW_TYPES as readonly string[]).includes(flowType)) report(`type ${describe(flow.type)} is not one of ${FLOW_TYPES.join(', ')}`);
  for (const property of ['revision', 'expire_after_minutes']) {
    const value = flow[property];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isInteger(value))) report(`${property} must be a whole number, not ${describe(value)}`);
  }
  if (flow._ui !== undefined && utf8Length(JSON.stringify(flow._ui) ?? '') > LIMITS.uiBytes) report(`_ui is larger than ${LIMITS.uiBytes} bytes`);

  if (!Array.isArray(flow.nodes)) {
    report('nodes must be a list');
    return [];
  }
  if (flow.nodes.length > LIMITS.nodesPerFlow) report(`has ${flow.nodes.length} nodes, at most ${LIMITS.nodesPerFlow} are allowed`);

  const nodeUuids = new Set(flow.nodes.filter(isRecord).map((node) => node.uuid).filter(isUuid));
  const seen = new Map<string, string>();
  const localizable = new Set<string>();
  const refs: FlowRefUse[] = [];
  flow.nodes.forEach((node, index) => {
    const where = isRecord(node) && isNonEmptyString(node.uuid) ? node.uuid : `#${index + 1}`;
    const nodeReport = (message: string) => report(message, where);
    if (!isRecord(node)) {
      nodeReport(`node is ${describe(node)}, not an object`);
      return;
    }
    const unique = (uuid: string, what: string) => {
      const previous = seen.get(uuid);
      if (previous) nodeReport(`${what} UUID ${uuid} is already used by ${previous}`);
      else seen.set(uuid, `${what} in node ${where}`);
    };
    if (!isUuid(node.uuid)) nodeReport(`uuid ${describe(node.uuid)} is not a valid UUID`);
    else unique(node.uuid, 'node');
    refs.push(...checkNode(node, flowType, nodeUuids, nodeReport, unique, localizable));
  });

  checkLocalization(flow.localization, spec, localizable, report);
  return refs;
}

function checkNode(
  node: JsonRecord,
  flowType: string,
  nodeUuids: ReadonlySet<string>,
  report: (message: string) => void,
  unique: (uuid: string, what: string) => void,
  localizable: Set<string>,
): FlowRefUse[] {
  const refs: FlowRefUse[] = [];
  if (node.actions !== undefined && node.actions !== null) {
    if (!Array.isArray(node.actions)) report('actions must be a list');
    else {
      if (node.actions.length > LIMITS.actionsPerNode) report(`has ${node.actions.length} actions, at most ${LIMITS.actionsPerNode} are allowed`);
      for (const action of node.actions) {
        refs.push(...checkAction(action, flowType, report));
        if (isRecord(action) && isUuid(action.uuid)) {
          unique(action.uuid, 'action');
          localizable.add(action.uuid);
        }
      }
    }
  }

  const exitUuids = new Set<string>();
  if (!Array.isArray(node.exits) || node.exits.length === 0) report('needs at least one exit');
  else {
    if (node.exits.length > LIMITS.exitsPerNode) report(`has ${node.exits.length} exits, at most ${LIMITS.exitsPerNode} are allowed`);
    for (const exit of node.exits) {
      if (!isRecord(exit)) {
        report(`exit ${describe(exit)} is not an object`);
        continue;
      }
      if (!isUuid(exit.uuid)) report(`exit uuid ${describe(exit.uuid)} is not a valid UUID`);
      else {
        unique(exit.uuid, 'exit');
        exitUuids.add(exit.uuid);
      }
      const destination = exit.destination_uuid;
      if (destination === undefined || destination === null || destination === '') continue;
      if (!isUuid(destination)) report(`exit ${String(exit.uuid)}: destination_uuid ${describe(destination)} is not a valid UUID`);
      else if (!nodeUuids.has(destination)) report(`exit ${String(exit.uuid)}: destination ${destination} is not a node of this flow`);
    }
  }

  if (node.router !== undefined && node.router !== null) {
    const declared = checkRouter(node.router, exitUuids, flowType, report);
    for (const uuid of declared.categories) {
      unique(uuid, 'category');
      localizable.add(uuid);
    }
    for (const uuid of declared.cases) {
      unique(uuid, 'case');
      localizable.add(uuid);
    }
  }
  return refs;
}

function checkLocalization(localization: unknown, spec: number[] | undefined, localizable: ReadonlySet<string>, report: FlowReport): void {
  if (localization === undefined || localization === null) return;
  if (!isRecord(localization)) {
    report(`localization is ${describe(localization)}, not an object`);
    return;
  }
  // the 14.2 migration silently drops languages whose code is not 3 letters; from 14.2 on they are invalid
  const strictLanguages = spec !== undefined && compareVersions(spec, [14, 2, 0]) >= 0;
  for (const [language, translations] of Object.entries(localization)) {
    if (!/^[a-z]{3}$/.test(language)) {
      if (strictLanguages) report(`localization language "${language}" is not an ISO 639-3 code`);
      continue;
    }
    if (!isRecord(translations)) {
      report(`localization for ${language} is ${describe(translations)}, not an object`);
      continue;
    }
    for (const [uuid, item] of Object.entries(translations)) {
      if (!STRICT_UUID.test(uuid)) report(`localization ${language}: key "${uuid}" is not a valid UUID`);
      else if (!localizable.has(uuid)) report(`localization ${language}: ${uuid} is not an action, case or category of this flow`);
      if (!isRecord(item)) {
        report(`localization ${language} ${uuid}: translation is ${describe(item)}, not an object`);
        continue;
      }
      checkItemTranslation(item, `localization ${language} ${uuid}`, report);
    }
  }
}

function checkItemTranslation(item: JsonRecord, label: string, report: FlowReport): void {
  const properties = Object.keys(item);
  if (properties.length > LIMITS.propertiesPerTranslation) report(`${label}: has ${properties.length} properties, at most ${LIMITS.propertiesPerTranslation} are allowed`);
  for (const property of properties) {
    if (property.length === 0 || property.length > 64) report(`${label}: invalid property name ${describe(property)}`);
    const value = item[property];
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length > LIMITS.valuesPerTranslatedProperty) {
      report(`${label}: ${property} has ${value.length} values, at most ${LIMITS.valuesPerTranslatedProperty} are allowed`);
    }
    for (const v of values) {
      const size = typeof v === 'string' ? runeLength(v) : (JSON.stringify(v) ?? '').length;
      if (size > LIMITS.translationValueChars) report(`${label}: a ${property} value is longer than ${LIMITS.translationValueChars} characters`);
    }
  }
}
