/**
 * Validates any RapidPro export (ours or anyone's; export versions 11 to 13 holding flows of spec
 * 11 to 14.4) the way RapidPro's import (`Org.import_app`) treats it: what the import refuses is an
 * error; what it imports but repairs, renames, creates, drops or ignores on the way in is a
 * warning. Read from temba `orgs/models.py`, `flows/models.py`, `contacts/models.py`,
 * `campaigns/models.py`, `triggers/models.py`, and the goflow migrations and reader mailroom runs.
 */
import { Dependencies } from './action-rules';
import { checkCampaigns, checkDependencies, checkFields, checkGroups, checkTriggers, flowUuidsOf } from './export-rules';
import { checkFlow } from './flow-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord } from './json';
import { checkLegacyFlow, isLegacyFlow, legacyIdentity } from './legacy-rules';
import { Problem, Reporter, Severity } from './problem';
import { compareVersions, parseVersion } from './version';
import { isUuid } from '../uuid';

export type { Problem, Severity } from './problem';
export { errorsOf, formatProblem } from './problem';

/** RapidPro imports export versions 3 to 13 (`Org.EARLIEST_IMPORT_VERSION`, `CURRENT_EXPORT_VERSION`). */
const EARLIEST_IMPORT_VERSION = [3];
/** The oldest export version this validator checks flows of (11 is where flows got their UUIDs and names in metadata). */
const OLDEST_CHECKED_VERSION = [11];
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
    return [{ severity: 'error', file: options.file, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }];
  }
  return validateExport(json, options);
}

/** Every problem of an export, errors and warnings; no errors means RapidPro imports it. Never throws. */
export function validateExport(json: unknown, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const at = (flow?: string, node?: string) => {
    const add = (severity: Severity) => (message: string, atNode?: string) => {
      const problem: Problem = { severity, message };
      if (options.file !== undefined) problem.file = options.file;
      if (flow !== undefined) problem.flow = flow;
      const where = atNode ?? node;
      if (where !== undefined) problem.node = where;
      problems.push(problem);
    };
    const reporter: Reporter = { error: add('error'), warning: add('warning') };
    return reporter;
  };
  const report = at();

  if (!isRecord(json)) {
    report.error(`a RapidPro export is a JSON object with "version" and "flows", not ${Array.isArray(json) ? 'a list' : describe(json)}`);
    return problems;
  }
  if (!Array.isArray(json.flows)) {
    report.error(`"flows" must be a list of flows, not ${describe(json.flows)}`);
    return problems;
  }
  const flows: unknown[] = json.flows;
  if (!checkExportVersion(json, report)) return problems;

  const dependencies: Dependencies = { flows: [], groups: [], fields: [] };
  const seenUuids = new Map<string, string>();
  const seenNames = new Map<string, string>();
  flows.forEach((flow, index) => {
    if (!isRecord(flow)) {
      report.error(`flow #${index + 1} is ${describe(flow)}, not an object`);
      return;
    }
    const identity = isLegacyFlow(flow) ? legacyIdentity(flow) : { uuid: isUuid(flow.uuid) ? flow.uuid : undefined, name: flow.name };
    const label = isNonEmptyString(identity.name) ? identity.name : identity.uuid ?? `#${index + 1}`;
    const flowReport = at(label);
    if (identity.uuid !== undefined) {
      if (seenUuids.has(identity.uuid)) flowReport.error(`flow UUID ${identity.uuid} is also the UUID of flow "${seenUuids.get(identity.uuid)}"`);
      else seenUuids.set(identity.uuid, label);
    }
    if (isNonEmptyString(identity.name)) {
      // the import finds flows by name (and type): a second flow of the same name overwrites the first
      const key = `${identity.name.trim().toLowerCase()}/${String(flow.type)}`;
      if (seenNames.has(key)) flowReport.warning(`has the same name as another flow of this export: RapidPro imports both into one flow, the last one wins`);
      else seenNames.set(key, label);
    }
    if (isLegacyFlow(flow)) checkLegacyFlow(flow, label, flowReport, dependencies);
    else if (flow.spec_version !== undefined) checkFlow(flow, label, flowReport, dependencies);
    else flowReport.error('is not a flow definition: it has neither a spec_version nor action_sets/rule_sets');
  });

  const groups = checkGroups(json.groups, report);
  const fields = checkFields(json.fields, report);
  const declared = { flows: flowUuidsOf(flows.filter(isRecord)), groupUuids: groups.uuids, groupNames: groups.names, fields };
  checkDependencies(dependencies, declared, (flow, node) => at(flow, node));
  checkCampaigns(json.campaigns, declared, report);
  checkTriggers(json.triggers, declared.flows, report);
  return problems;
}

/** Checks `version`; false when the flows can't be checked (the one problem is reported). */
function checkExportVersion(json: JsonRecord, report: Reporter): boolean {
  const raw = json.version;
  if (raw === undefined) {
    report.error('has no "version" (RapidPro refuses an export without one; its exports say "13")');
    return false;
  }
  const version = typeof raw === 'string' || typeof raw === 'number' ? parseVersion(raw) : undefined;
  if (!version) {
    report.error(`"version" ${describe(raw)} is not an export version like "13"`);
    return false;
  }
  if (compareVersions(version, EARLIEST_IMPORT_VERSION) < 0 || compareVersions(version, NEWEST_EXPORT_VERSION) > 0) {
    report.error(`export version ${String(raw)} is not one RapidPro imports (3 to 13)`);
    return false;
  }
  if (compareVersions(version, OLDEST_CHECKED_VERSION) < 0) {
    report.warning(
      `export version ${String(raw)} predates 11: RapidPro imports it through its legacy migrations, which this validator does not reproduce, so its flows are not checked; import it into a test workspace and export it again to check it`,
    );
    return false;
  }
  return true;
}
