/**
 * Rules for the parts of an export around the flows, from RapidPro's importers
 * (`ContactField.import_fields`, `ContactGroup.import_groups`, `Campaign.import_campaigns`,
 * `Trigger.import_triggers`).
 */
import { describe, isNonEmptyString, isRecord } from './json';
import { FIELD_TYPES } from './known-types';
import { isUuid } from '../uuid';

type Report = (message: string) => void;

/** Contact fields every workspace has; campaigns may be relative to them without declaring them. */
const SYSTEM_DATE_FIELDS = new Set(['created_on', 'last_seen_on']);

/** Checks `groups`; returns their UUIDs, or undefined when the export has no groups list (older exports). */
export function checkGroups(groups: unknown, report: Report): Set<string> | undefined {
  if (groups === undefined) return undefined;
  if (!Array.isArray(groups)) {
    report(`"groups" must be a list, not ${describe(groups)}`);
    return undefined;
  }
  const uuids = new Set<string>();
  for (const group of groups) {
    if (!isRecord(group)) {
      report(`group ${describe(group)} is not an object`);
      continue;
    }
    const label = `group ${describe(group.name)}`;
    if (!isNonEmptyString(group.name)) report(`${label}: has no name`);
    if (!isUuid(group.uuid)) report(`${label}: uuid ${describe(group.uuid)} is not a valid UUID`);
    else uuids.add(group.uuid);
    if (group.query !== undefined && group.query !== null && typeof group.query !== 'string') report(`${label}: query must be text or null`);
  }
  return uuids;
}

export function checkFields(fields: unknown, report: Report): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) {
    report(`"fields" must be a list, not ${describe(fields)}`);
    return;
  }
  for (const field of fields) {
    if (!isRecord(field)) {
      report(`field ${describe(field)} is not an object`);
      continue;
    }
    const label = `field ${describe(field.key)}`;
    if (typeof field.key !== 'string' || !/^[a-z][a-z0-9_]*$/.test(field.key) || field.key.length > 36) {
      report(`${label}: key must be lowercase letters, digits and _, starting with a letter, at most 36 characters`);
    }
    if (!isNonEmptyString(field.name)) report(`${label}: has no name`);
    if (typeof field.type !== 'string' || !FIELD_TYPES.has(field.type)) report(`${label}: type ${describe(field.type)} is not one of ${[...FIELD_TYPES].join(', ')}`);
  }
}

export interface CampaignContext {
  flowUuids: ReadonlyMap<string, string>;
  /** Undefined when the export has no groups list. */
  groups: ReadonlySet<string> | undefined;
  /** Declared field types by key; undefined when the export has no fields list. */
  fields: ReadonlyMap<string, string> | undefined;
}

export function checkCampaigns(campaigns: unknown, context: CampaignContext, report: Report): void {
  if (campaigns === undefined) return;
  if (!Array.isArray(campaigns)) {
    report(`"campaigns" must be a list, not ${describe(campaigns)}`);
    return;
  }
  for (const campaign of campaigns) {
    if (!isRecord(campaign)) {
      report(`campaign ${describe(campaign)} is not an object`);
      continue;
    }
    const label = `campaign ${describe(campaign.name)}`;
    const say = (message: string) => report(`${label}: ${message}`);
    if (!isNonEmptyString(campaign.name)) say('has no name');
    if (!isUuid(campaign.uuid)) say(`uuid ${describe(campaign.uuid)} is not a valid UUID`);
    const group = campaign.group;
    if (!isRecord(group) || !isNonEmptyString(group.name)) say(`group ${describe(group)} needs a name`);
    else if (context.groups && !(isUuid(group.uuid) && context.groups.has(group.uuid))) {
      say(`group "${group.name}" (${String(group.uuid)}) is not in the export's groups`);
    }
    if (!Array.isArray(campaign.events)) {
      say('events must be a list');
      continue;
    }
    campaign.events.forEach((event, index) => checkEvent(event, index, context, say));
  }
}

function checkEvent(event: unknown, index: number, context: CampaignContext, say: Report): void {
  if (!isRecord(event)) {
    say(`event #${index + 1} is ${describe(event)}, not an object`);
    return;
  }
  const label = `event ${isNonEmptyString(event.uuid) ? event.uuid : `#${index + 1}`}`;
  const problem = (message: string) => say(`${label}: ${message}`);
  if (!isUuid(event.uuid)) problem(`uuid ${describe(event.uuid)} is not a valid UUID`);
  if (typeof event.offset !== 'number' || !Number.isInteger(event.offset)) problem(`offset ${describe(event.offset)} is not a whole number`);
  if (!['M', 'H', 'D', 'W'].includes(String(event.unit))) problem(`unit ${describe(event.unit)} is not M, H, D or W`);
  if (typeof event.delivery_hour !== 'number' || !Number.isInteger(event.delivery_hour) || event.delivery_hour < -1 || event.delivery_hour > 23) {
    problem(`delivery_hour ${describe(event.delivery_hour)} must be -1 or an hour 0 to 23`);
  }
  if (event.start_mode !== undefined && !['I', 'S', 'P'].includes(String(event.start_mode))) problem(`start_mode ${describe(event.start_mode)} is not I, S or P`);
  const relativeTo = event.relative_to;
  if (!isRecord(relativeTo) || !isNonEmptyString(relativeTo.key)) problem(`relative_to ${describe(relativeTo)} needs a field key`);
  else {
    const declaredType = context.fields?.get(relativeTo.key);
    // RapidPro creates an undeclared field as datetime, but reuses a declared one as it is, and a non-datetime one breaks the import
    if (declaredType !== undefined && declaredType !== 'datetime' && !SYSTEM_DATE_FIELDS.has(relativeTo.key)) {
      problem(`relative to field "${relativeTo.key}", which the export declares as ${declaredType}; campaign events need a datetime field`);
    }
  }
  if (event.event_type === 'F') {
    const flow = event.flow;
    if (!isRecord(flow) || !isUuid(flow.uuid)) problem(`flow ${describe(flow)} needs a valid uuid`);
    else if (!context.flowUuids.has(flow.uuid)) problem(`starts flow "${String(flow.name)}" (${flow.uuid}), which is not in this export`);
  } else if (event.event_type === 'M') {
    const message = event.message;
    if (!(isNonEmptyString(message) || (isRecord(message) && Object.keys(message).length > 0))) problem('a message event needs a message');
  } else {
    problem(`event_type ${describe(event.event_type)} is not F (flow) or M (message)`);
  }
}

export function checkTriggers(triggers: unknown, flowUuids: ReadonlyMap<string, string>, report: Report): void {
  if (triggers === undefined) return;
  if (!Array.isArray(triggers)) {
    report(`"triggers" must be a list, not ${describe(triggers)}`);
    return;
  }
  for (const trigger of triggers) {
    if (!isRecord(trigger)) {
      report(`trigger ${describe(trigger)} is not an object`);
      continue;
    }
    const flow = trigger.flow;
    if (isRecord(flow) && isUuid(flow.uuid) && !flowUuids.has(flow.uuid)) {
      report(`trigger ${describe(trigger.trigger_type)} starts flow "${String(flow.name)}" (${flow.uuid}), which is not in this export`);
    }
  }
}
