/**
 * The importable RapidPro export of a workflow: flows, campaigns, fields and groups in RapidPro's
 * "version 13" wrapper, checked by the validator and put in a canonical key order so that any
 * `JSON.stringify` of it is identical on every build.
 */
import { CampaignBuilder } from './flow/campaign';
import { FlowBuilder } from './flow/builder';
import { CampaignDefinition, FieldDefinition, FlowDefinition, GroupDefinition, RapidProExport } from './flow/types';
import { formatProblem } from './validate/problem';
import { validateExport } from './validate';

/** The export format version RapidPro writes and reads (`Org.CURRENT_EXPORT_VERSION`). */
export const EXPORT_VERSION = '13';

/** The `site` of generated exports. RapidPro only uses it to recognise a re-import into the server that exported it; a .invalid host never matches one, so imports always match flows and groups by name. */
export const EXPORT_SITE = 'https://cht-rapidpro.invalid';

/**
 * Builds the export of `flows` with their `campaigns`, `fields` and `groups`, validated: throws
 * with one line per problem when the result would not import, and when a flow sets a contact
 * field or a campaign reads one that is not in `fields` (RapidPro would create it as text).
 */
export function exportOf(
  flows: ReadonlyArray<FlowBuilder | FlowDefinition>,
  campaigns: ReadonlyArray<CampaignBuilder | CampaignDefinition> = [],
  fields: readonly FieldDefinition[] = [],
  groups: readonly GroupDefinition[] = [],
  triggers: readonly object[] = [],
): RapidProExport {
  const exported: RapidProExport = {
    version: EXPORT_VERSION,
    site: EXPORT_SITE,
    flows: flows.map((flow) => (flow instanceof FlowBuilder ? flow.toDefinition() : flow)),
    campaigns: campaigns.map((campaign) => (campaign instanceof CampaignBuilder ? campaign.toDefinition() : campaign)),
    triggers: [...triggers],
    fields: [...fields].sort((a, b) => compareStrings(a.key, b.key)),
    groups: [...groups].sort((a, b) => compareStrings(a.name, b.name)),
  };
  const problems = [...validateExport(exported).map((problem) => formatProblem(problem)), ...undeclaredFields(exported)];
  if (problems.length > 0) throw new Error(`invalid RapidPro export:\n${problems.join('\n')}`);
  return canonical(exported);
}

/** The export as committed: keys sorted, 2-space indent, trailing newline. */
export function serializeExport(exported: RapidProExport): string {
  return JSON.stringify(canonical(exported), null, 2) + '\n';
}

/** A deep copy of `value` with every object's keys in sorted order (arrays keep their order). */
export function canonical<T>(value: T): T {
  return sortKeysDeep(value) as T;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareStrings)) sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** Plain code-unit order: unlike `localeCompare`, identical on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function undeclaredFields(exported: RapidProExport): string[] {
  const declared = new Set(exported.fields.map((field) => field.key));
  const problems: string[] = [];
  for (const flow of exported.flows) {
    for (const node of flow.nodes) {
      for (const action of node.actions) {
        if (action.type === 'set_contact_field' && !declared.has(action.field.key)) {
          problems.push(`flow "${flow.name}" node ${node.uuid}: sets contact field "${action.field.key}", which is not in the export's fields`);
        }
      }
    }
  }
  for (const campaign of exported.campaigns) {
    for (const event of campaign.events) {
      if (!declared.has(event.relative_to.key)) {
        problems.push(`campaign "${campaign.name}": event relative to contact field "${event.relative_to.key}", which is not in the export's fields`);
      }
    }
  }
  return problems;
}
