/**
 * Validates any RapidPro export (ours or anyone's; export versions 11 to 13 holding flows of spec
 * 11 to 14.4) against the rules RapidPro's import and the goflow flow engine enforce, plus the
 * cross-references an export must satisfy to import whole: every flow entered or started, every
 * campaign flow and campaign group is in the export.
 */
import { FlowRefUse } from './action-rules';
import { checkCampaigns, checkFields, checkGroups, checkTriggers } from './export-rules';
import { checkFlow } from './flow-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord } from './json';
import { checkLegacyFlow, isLegacyFlow, legacyIdentity } from './legacy-rules';
import { Problem } from './problem';
import { compareVersions, parseVersion } from './version';
import { isUuid } from '../uuid';

export type { Problem } from './problem';
export { formatProblem } from './problem';

/** The export versions this validator checks (RapidPro imports 3 to 13; 11 is where flows became nodes). */
const OLDEST_EXPORT_VERSION = [11];
const NEWEST_EXPORT_VERSION = [13];

export interface ValidateOptions {
  /** Put on every problem, for messages like `rapidpro/contact-tracing.json: flow "…": …`. */
  file?: string;
}

/** Parses `text` as JSON and validates it; text that is not JSON gives exactly one problem. */
export function validateExportText(text: string, options: ValidateOptions = {}): Problem[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [{ file: options.file, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }];
  }
  return validateExport(json, options);
}

/** Every problem of an export; an empty list means it is valid. Never throws, whatever `json` is. */
export function validateExport(json: unknown, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const file = options.file;
  const report = (message: string, flow?: string, node?: string) => {
    const problem: Problem = { message };
    if (file !== undefined) problem.file = file;
    if (flow !== undefined) problem.flow = flow;
    if (node !== undefined) problem.node = node;
    problems.push(problem);
  };

  if (!isRecord(json)) {
    report(`a RapidPro export is a JSON object with "version" and "flows", not ${Array.isArray(json) ? 'a list' : describe(json)}`);
    return problems;
  }
  if (!Array.isArray(json.flows)) {
    report(`"flows" must be a list of flows, not ${describe(json.flows)}`);
    return problems;
  }
  if (!checkExportVersion(json, report)) return problems;

  const flowUuids = new Map<string, string>();
  const refs: Array<{ flow: string; use: FlowRefUse }> = [];
  json.flows.forEach((flow, index) => {
    if (!isRecord(flow)) {
      report(`flow #${index + 1} is ${describe(flow)}, not an object`);
      return;
    }
    const identity = isLegacyFlow(flow) ? legacyIdentity(flow) : { uuid: isUuid(flow.uuid) ? flow.uuid : undefined, name: flow.name };
    const label = isNonEmptyString(identity.name) ? identity.name : identity.uuid ?? `#${index + 1}`;
    const flowReport = (message: string, node?: string) => report(message, label, node);
    if (identity.uuid !== undefined) {
      if (flowUuids.has(identity.uuid)) flowReport(`flow UUID ${identity.uuid} is also the UUID of flow "${flowUuids.get(identity.uuid)}"`);
      else flowUuids.set(identity.uuid, label);
    }
    let uses: FlowRefUse[];
    if (isLegacyFlow(flow)) uses = checkLegacyFlow(flow, flowReport);
    else if (flow.spec_version !== undefined) uses = checkFlow(flow, flowReport);
    else {
      flowReport('is not a flow definition: it has neither a spec_version nor action_sets/rule_sets');
      return;
    }
    refs.push(...uses.map((use) => ({ flow: label, use })));
  });

  for (const { flow, use } of refs) {
    if (!flowUuids.has(use.uuid)) report(`${use.via} refers to flow "${use.name}" (${use.uuid}), which is not in this export`, flow);
  }
  const groups = checkGroups(json.groups, report);
  checkFields(json.fields, report);
  checkCampaigns(json.campaigns, { flowUuids, groups, fields: declaredFieldTypes(json.fields) }, report);
  checkTriggers(json.triggers, flowUuids, report);
  return problems;
}

/** Checks `version`; false when it is outside what this validator can check (one problem reported). */
function checkExportVersion(json: JsonRecord, report: (message: string) => void): boolean {
  const raw = json.version;
  const version = typeof raw === 'string' || typeof raw === 'number' ? parseVersion(raw) : undefined;
  if (raw === undefined) {
    report('has no "version" (RapidPro refuses an export without one; its exports say "13")');
    return false;
  }
  if (!version) {
    report(`"version" ${describe(raw)} is not an export version like "13"`);
    return false;
  }
  if (compareVersions(version, OLDEST_EXPORT_VERSION) < 0) {
    report(`export version ${String(raw)} predates version 11, the oldest this validator checks: import it into RapidPro and export it again`);
    return false;
  }
  if (compareVersions(version, NEWEST_EXPORT_VERSION) > 0) {
    report(`export version ${String(raw)} is newer than 13, the newest RapidPro imports`);
    return false;
  }
  return true;
}

function declaredFieldTypes(fields: unknown): Map<string, string> | undefined {
  if (!Array.isArray(fields)) return undefined;
  return new Map(fields.filter(isRecord).filter((f) => typeof f.key === 'string').map((f) => [String(f.key), String(f.type)]));
}
