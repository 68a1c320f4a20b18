/**
 * Structural rules for flows in RapidPro's legacy format (export versions 11.x: `action_sets`
 * and `rule_sets`), which RapidPro migrates on import: its own legacy migrations up to 11.12
 * (temba `flows/legacy/migrations.py`; 11.8 gives duplicate rule UUIDs new ones), then goflow's
 * migration to spec 13 (`flows/definition/legacy`, which drops destinations that are not nodes).
 * Only what the migration needs is checked: valid unique UUIDs, an existing entry.
 */
import { Dependencies } from './action-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord } from './json';
import { Reporter } from './problem';
import { compareVersions, parseVersion } from './version';
import { isUuid } from '../uuid';

type FlowReport = (message: string, node?: string) => void;

/** True when `flow` is in the legacy format rather than goflow's. */
export function isLegacyFlow(flow: JsonRecord): boolean {
  return flow.spec_version === undefined && (Array.isArray(flow.action_sets) || Array.isArray(flow.rule_sets));
}

/** The identity of a legacy flow, which lives in its `metadata`. */
export function legacyIdentity(flow: JsonRecord): { uuid?: string; name?: string } {
  const metadata = isRecord(flow.metadata) ? flow.metadata : {};
  return {
    uuid: isUuid(metadata.uuid) ? metadata.uuid : undefined,
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
  };
}

export function checkLegacyFlow(flow: JsonRecord, flowLabel: string, reporter: Reporter, dependencies: Dependencies): void {
  const report: FlowReport = (message, node) => reporter.error(message, node);
  const version = typeof flow.version === 'string' || typeof flow.version === 'number' ? parseVersion(flow.version) : undefined;
  // RapidPro's 11.8 migration gives repeated or missing rule UUIDs new ones
  const fixesRuleUuids = version !== undefined && compareVersions(version, [11, 8]) < 0;
  const metadata = isRecord(flow.metadata) ? flow.metadata : undefined;
  if (!metadata || !isUuid(metadata.uuid)) report(`metadata.uuid ${describe(metadata?.uuid)} is not a valid UUID`);
  if (!metadata || !isNonEmptyString(metadata.name)) report('metadata has no name');

  const actionSets = listOf(flow.action_sets, 'action_sets', report);
  const ruleSets = listOf(flow.rule_sets, 'rule_sets', report);
  const nodeUuids = new Set([...actionSets, ...ruleSets].map((node) => node.uuid).filter(isUuid));
  const seen = new Set<string>();
  const checkUuid = (uuid: unknown, what: string, node: string) => {
    if (what === 'rule' && fixesRuleUuids && !(isUuid(uuid) && !seen.has(uuid))) {
      reporter.warning(`rule uuid ${describe(uuid)} is ${isUuid(uuid) ? 'used twice' : 'not a valid UUID'}: the import gives the rule a new one`, node);
    } else if (!isUuid(uuid)) report(`${what} uuid ${describe(uuid)} is not a valid UUID`, node);
    else if (seen.has(uuid)) report(`${what} UUID ${uuid} is used twice`, node);
    else seen.add(uuid);
  };
  const checkDestination = (destination: unknown, node: string) => {
    if (destination === undefined || destination === null || destination === '') return;
    if (!isUuid(destination) || !nodeUuids.has(destination)) {
      reporter.warning(`destination ${describe(destination)} is not a node of this flow: the import drops it, so that exit ends the flow`, node);
    }
  };
  const refer = (ref: JsonRecord, via: string, node: string) => {
    if (isUuid(ref.uuid)) dependencies.flows.push({ uuid: ref.uuid, name: String(ref.name ?? ''), via, flow: flowLabel, node });
  };

  for (const [index, set] of actionSets.entries()) {
    const node = isNonEmptyString(set.uuid) ? set.uuid : `action_sets #${index + 1}`;
    checkUuid(set.uuid, 'action set', node);
    if (!isUuid(set.exit_uuid)) report(`exit_uuid ${describe(set.exit_uuid)} is not a valid UUID`, node);
    checkDestination(set.destination, node);
    for (const action of Array.isArray(set.actions) ? set.actions : []) {
      if (!isRecord(action) || !isNonEmptyString(action.type)) report(`action ${describe(action)} has no type`, node);
      else if (isRecord(action.flow)) refer(action.flow, action.type, node);
    }
  }
  for (const [index, set] of ruleSets.entries()) {
    const node = isNonEmptyString(set.uuid) ? set.uuid : `rule_sets #${index + 1}`;
    checkUuid(set.uuid, 'rule set', node);
    for (const rule of Array.isArray(set.rules) ? set.rules : []) {
      if (!isRecord(rule)) {
        report(`rule ${describe(rule)} is not an object`, node);
        continue;
      }
      checkUuid(rule.uuid, 'rule', node);
      checkDestination(rule.destination, node);
    }
    const config = isRecord(set.config) ? set.config : {};
    if (isRecord(config.flow)) refer(config.flow, 'subflow', node);
  }
  if (nodeUuids.size > 0 && !(isUuid(flow.entry) && nodeUuids.has(flow.entry))) report(`entry ${describe(flow.entry)} is not a node of this flow`);
}

function listOf(value: unknown, property: string, report: FlowReport): JsonRecord[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report(`${property} must be a list`);
    return [];
  }
  value.filter((item) => !isRecord(item)).forEach((item) => report(`${property} item ${describe(item)} is not an object`));
  return value.filter(isRecord);
}
