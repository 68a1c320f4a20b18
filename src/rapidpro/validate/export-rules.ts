/**
 * Rules for the parts of an export around the flows, from RapidPro's importers
 * (`ContactField.import_fields`, `ContactGroup.import_groups`, `Flow.import_definition`,
 * `Campaign.import_campaigns`, `Trigger.import_triggers`), and for what flows refer to outside
 * themselves. The import is one transaction: anything that raises refuses the whole export.
 * The validator assumes a workspace that has none of the export's groups, fields or flows yet.
 */
import { Dependencies } from './action-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord } from './json';
import { FIELD_TYPES } from './known-types';
import { isCampaignLanguage } from './languages';
import { cleanName, fieldKeyProblem, isValidFieldName, nameProblem, SYSTEM_DATE_FIELDS, unsnakify } from './names';
import { Reporter, scoped } from './problem';
import { isUuid } from '../uuid';

/** What the export declares, for resolving references. */
export interface Declared {
  /** Flow UUID → name. */
  flows: ReadonlyMap<string, string>;
  /** Group UUIDs of the export's `groups`. */
  groupUuids: ReadonlySet<string>;
  /** Group names as the import leaves them (after `clean_name`). */
  groupNames: ReadonlySet<string>;
  /** Field key → declared type. */
  fields: ReadonlyMap<string, string>;
}

/** Checks `groups`; returns what the import makes of them. */
export function checkGroups(groups: unknown, report: Reporter): { uuids: Set<string>; names: Set<string> } {
  const declared = { uuids: new Set<string>(), names: new Set<string>() };
  if (groups === undefined || groups === null) return declared;
  if (!Array.isArray(groups)) {
    report.error(`"groups" must be a list, not ${describe(groups)}`);
    return declared;
  }
  for (const group of groups) {
    if (!isRecord(group)) {
      report.error(`group ${describe(group)} is not an object`);
      continue;
    }
    const say = scoped(report, `group ${typeof group.name === 'string' ? JSON.stringify(group.name) : describe(group.name)}`);
    if (typeof group.name !== 'string') say.error('has no name');
    else {
      const cleaned = cleanName(group.name);
      if (cleaned === '') say.error('has an empty name');
      else {
        if (cleaned !== group.name) say.warning(`RapidPro renames it to ${JSON.stringify(cleaned)} (${nameProblem(group.name) ?? 'cleaned'})`);
        declared.names.add(cleaned.toLowerCase());
      }
    }
    if (group.uuid === undefined || group.uuid === null) say.warning('has no uuid: flows cannot refer to it by UUID');
    else if (!isUuid(group.uuid)) say.error(`uuid ${describe(group.uuid)} is not a valid UUID`);
    else declared.uuids.add(group.uuid);
    if (group.query !== undefined && group.query !== null && typeof group.query !== 'string') say.error('query must be text or null');
  }
  return declared;
}

/** Checks `fields`; returns the declared types by key. */
export function checkFields(fields: unknown, report: Reporter): Map<string, string> {
  const declared = new Map<string, string>();
  if (fields === undefined || fields === null) return declared;
  if (!Array.isArray(fields)) {
    report.error(`"fields" must be a list, not ${describe(fields)}`);
    return declared;
  }
  for (const field of fields) {
    if (!isRecord(field)) {
      report.error(`field ${describe(field)} is not an object`);
      continue;
    }
    const say = scoped(report, `field ${describe(field.key)}`);
    const keyProblem = typeof field.key === 'string' ? fieldKeyProblem(field.key) : 'is missing';
    if (keyProblem) say.error(`key ${keyProblem}: RapidPro refuses the import`);
    if (typeof field.type !== 'string' || !FIELD_TYPES.has(field.type)) say.error(`type ${describe(field.type)} is not one of ${[...FIELD_TYPES].join(', ')}`);
    if (typeof field.key === 'string' && !keyProblem && !(typeof field.name === 'string' && isValidFieldName(field.name))) {
      say.warning(`name ${describe(field.name)} is not a valid field name (letters, digits, spaces and -, at most 36): RapidPro names it "${unsnakify(field.key)}"`);
    }
    if (typeof field.key === 'string' && typeof field.type === 'string') declared.set(field.key, field.type);
  }
  return declared;
}

/**
 * What the flows refer to: a flow outside the export is a missing dependency (the import keeps
 * the reference and marks the flow as having issues); a group or field outside the export is
 * created, which fails for a name or key RapidPro does not allow.
 */
export function checkDependencies(dependencies: Dependencies, declared: Declared, report: (flow: string, node: string | undefined) => Reporter): void {
  const flowsWarned = new Set<string>();
  for (const ref of dependencies.flows) {
    if (declared.flows.has(ref.uuid) || flowsWarned.has(`${ref.flow}/${ref.uuid}`)) continue;
    flowsWarned.add(`${ref.flow}/${ref.uuid}`);
    report(ref.flow, ref.node).warning(
      `${ref.via} refers to flow "${ref.name}" (${ref.uuid}), which is not in this export: RapidPro imports it as a missing dependency, and the flow has issues until the workspace has a flow named "${ref.name}"`,
    );
  }
  const groupsSeen = new Set<string>();
  for (const ref of dependencies.groups) {
    if (declared.groupUuids.has(ref.uuid) || groupsSeen.has(ref.uuid)) continue;
    groupsSeen.add(ref.uuid);
    const say = report(ref.flow, ref.node);
    const problem = ref.name === '' ? 'has no name' : nameProblem(ref.name);
    if (problem) say.error(`${ref.via} refers to group ${JSON.stringify(ref.name)} (${ref.uuid}), which is not in the export's groups and whose name ${problem}: RapidPro can't create it and refuses the import; add the group to "groups" or fix its name`);
    else if (!declared.groupNames.has(ref.name.toLowerCase())) say.warning(`${ref.via} refers to group "${ref.name}" (${ref.uuid}), which is not in the export's groups: RapidPro uses the workspace's group of that name or creates an empty one`);
  }
  const fieldsSeen = new Set<string>();
  for (const ref of dependencies.fields) {
    if (declared.fields.has(ref.key) || fieldsSeen.has(ref.key)) continue;
    fieldsSeen.add(ref.key);
    const say = report(ref.flow, ref.node);
    const problem = fieldKeyProblem(ref.key);
    if (problem) say.error(`${ref.via} uses contact field key "${ref.key}", which ${problem}: RapidPro can't create the field and refuses the import; use a key like ${suggestKey(ref.key)}`);
    else say.warning(`${ref.via} uses contact field "${ref.key}", which is not in the export's fields: RapidPro creates it as a text field`);
  }
}

function suggestKey(key: string): string {
  const cleaned = key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+/, '').slice(0, 36);
  return `"${cleaned && !fieldKeyProblem(cleaned) ? cleaned : `my_${cleaned}`.slice(0, 36)}"`;
}

export function checkCampaigns(campaigns: unknown, declared: Declared, report: Reporter): void {
  if (campaigns === undefined || campaigns === null) return;
  if (!Array.isArray(campaigns)) {
    report.error(`"campaigns" must be a list, not ${describe(campaigns)}`);
    return;
  }
  const created = new Map<string, string>();
  for (const campaign of campaigns) {
    if (!isRecord(campaign)) {
      report.error(`campaign ${describe(campaign)} is not an object`);
      continue;
    }
    const say = scoped(report, `campaign ${describe(campaign.name)}`);
    if (!isNonEmptyString(campaign.name) || cleanName(campaign.name) === '') say.error('has no name');
    else if (cleanName(campaign.name) !== campaign.name) say.warning(`RapidPro renames it to ${JSON.stringify(cleanName(campaign.name))}`);
    // not from the same site, the import finds or creates the group by its name, uncleaned
    const group = campaign.group;
    if (!isRecord(group) || !isNonEmptyString(group.name)) say.error(`group ${describe(group)} needs a name`);
    else if (!declared.groupNames.has(group.name.toLowerCase())) {
      const problem = nameProblem(group.name);
      if (problem) say.error(`group name ${JSON.stringify(group.name)} ${problem}: RapidPro can't create the group and refuses the import`);
      else say.warning(`group "${group.name}" is not in the export's groups: RapidPro uses the workspace's group of that name or creates an empty one`);
    }
    if (!Array.isArray(campaign.events)) {
      say.error('events must be a list');
      continue;
    }
    campaign.events.forEach((event, index) => checkEvent(event, index, declared, created, say));
  }
}

function checkEvent(event: unknown, index: number, declared: Declared, created: Map<string, string>, campaign: Reporter): void {
  if (!isRecord(event)) {
    campaign.error(`event #${index + 1} is ${describe(event)}, not an object`);
    return;
  }
  const say = scoped(campaign, `event ${isNonEmptyString(event.uuid) ? event.uuid : `#${index + 1}`}`);
  for (const property of ['offset', 'unit', 'delivery_hour']) {
    if (!(property in event)) say.error(`has no ${property}: RapidPro refuses the import`);
  }
  if ('offset' in event && (typeof event.offset !== 'number' || !Number.isInteger(event.offset))) say.error(`offset ${describe(event.offset)} is not a whole number`);
  if ('delivery_hour' in event && (typeof event.delivery_hour !== 'number' || !Number.isInteger(event.delivery_hour))) say.error(`delivery_hour ${describe(event.delivery_hour)} is not a whole number`);
  else if (typeof event.delivery_hour === 'number' && (event.delivery_hour < -1 || event.delivery_hour > 23)) {
    say.warning(`delivery_hour ${event.delivery_hour} is not -1 or an hour 0 to 23: RapidPro stores it, but the event can't be scheduled`);
  }
  if ('unit' in event && !['M', 'H', 'D', 'W'].includes(String(event.unit))) say.warning(`unit ${describe(event.unit)} is not M, H, D or W: RapidPro stores it, but the event can't be scheduled`);
  if (event.start_mode !== undefined && !['I', 'S', 'P'].includes(String(event.start_mode))) say.warning(`start_mode ${describe(event.start_mode)} is not I, S or P`);
  checkRelativeTo(event.relative_to, declared, created, say);

  if (event.event_type === 'M') {
    checkMessage(event, say);
    return;
  }
  // anything but a message event is read as a flow event
  const flow = event.flow;
  if (!isRecord(flow) || !isNonEmptyString(flow.uuid)) say.error(`flow ${describe(flow)} needs a uuid`);
  else if (!declared.flows.has(flow.uuid)) {
    say.warning(`starts flow "${String(flow.name)}" (${flow.uuid}), which is not in this export: RapidPro skips the event unless the workspace already has that flow (same UUID)`);
  }
}

/** The event's date field: RapidPro creates it as datetime, or converts a declared one to datetime. */
function checkRelativeTo(relativeTo: unknown, declared: Declared, created: Map<string, string>, say: Reporter): void {
  if (!isRecord(relativeTo) || typeof relativeTo.key !== 'string') {
    say.error(`relative_to ${describe(relativeTo)} needs a field key`);
    return;
  }
  const key = relativeTo.key;
  if (SYSTEM_DATE_FIELDS.has(key) || created.has(key)) return;
  const problem = fieldKeyProblem(key);
  if (problem) {
    say.error(`relative_to field key "${key}" ${problem}: RapidPro can't create the field and refuses the import`);
    return;
  }
  created.set(key, 'datetime');
  const type = declared.fields.get(key);
  if (type === undefined) say.warning(`relative to field "${key}", which is not in the export's fields: RapidPro creates it as a datetime field`);
  else if (type !== 'datetime') say.warning(`relative to field "${key}", which the export declares as ${type}: RapidPro converts it to datetime, and values that are not dates are lost for the campaign`);
}

/** A message event: text, or translations by language with a base language RapidPro lists. */
function checkMessage(event: JsonRecord, say: Reporter): void {
  let message = event.message;
  let base = event.base_language;
  if (typeof message === 'string') {
    try {
      message = JSON.parse(message);
    } catch {
      return; // plain text: RapidPro uses it as the "und" translation
    }
  }
  if (!isRecord(message) || Object.keys(message).length === 0) {
    if (typeof message !== 'string' && typeof message !== 'number') say.error('a message event needs a message');
    return;
  }
  if ('base' in message) base = 'und';
  const languages = Object.keys(message).map((language) => (language === 'base' ? 'und' : language));
  if (typeof base !== 'string' || !languages.includes(base)) base = languages[0];
  if (typeof base !== 'string' || !isCampaignLanguage(base)) {
    say.error(`message base language ${describe(base)} is not one RapidPro lists (a language with an ISO 639-1 code, as its ISO 639-3 code, e.g. eng, fra, swa; or und): RapidPro refuses the import`);
  }
}

/** Trigger types RapidPro imports, and the ones its import silently drops. */
const TRIGGER_TYPES: ReadonlySet<string> = new Set(['K', 'V', 'M', 'N', 'R', 'T', 'C']);
const DROPPED_TRIGGER_TYPES: Readonly<Record<string, string>> = { S: 'scheduled', I: 'inbound call (old)', O: 'removed' };

export function checkTriggers(triggers: unknown, flows: ReadonlyMap<string, string>, report: Reporter): void {
  if (triggers === undefined || triggers === null) return;
  if (!Array.isArray(triggers)) {
    report.error(`"triggers" must be a list, not ${describe(triggers)}`);
    return;
  }
  for (const trigger of triggers) {
    if (!isRecord(trigger)) {
      report.error(`trigger ${describe(trigger)} is not an object`);
      continue;
    }
    const type = String(trigger.trigger_type ?? '');
    const say = scoped(report, `trigger ${describe(trigger.trigger_type)}`);
    if (DROPPED_TRIGGER_TYPES[type]) {
      say.warning(`is a ${DROPPED_TRIGGER_TYPES[type]} trigger: RapidPro skips it on import (recreate it in the workspace)`);
      continue;
    }
    if (!TRIGGER_TYPES.has(type)) {
      say.error(`trigger_type ${describe(trigger.trigger_type)} is not a trigger type RapidPro knows`);
      continue;
    }
    if (type === 'K' && !(Array.isArray(trigger.keywords) ? trigger.keywords.length > 0 : isNonEmptyString(trigger.keyword))) say.error('a keyword trigger needs keywords');
    if (!Array.isArray(trigger.groups)) say.error('needs a groups list (may be empty)');
    const flow = trigger.flow;
    if (!isRecord(flow) || !isNonEmptyString(flow.uuid)) say.error(`flow ${describe(flow)} needs a uuid`);
    else if (!flows.has(flow.uuid)) {
      say.error(`starts flow "${String(flow.name)}" (${flow.uuid}), which is not in this export: RapidPro refuses the import unless the workspace has that flow (same UUID); add the flow to the export`);
    }
  }
}

/** The flows of the export by UUID (new format: `uuid`; legacy format: `metadata.uuid`). */
export function flowUuidsOf(flows: readonly JsonRecord[]): Map<string, string> {
  return new Map(
    flows.flatMap((flow) => {
      const metadata = isRecord(flow.metadata) ? flow.metadata : {};
      const uuid = isUuid(flow.uuid) ? flow.uuid : isUuid(metadata.uuid) ? metadata.uuid : undefined;
      const name = typeof flow.name === 'string' ? flow.name : typeof metadata.name === 'string' ? metadata.name : '';
      return uuid ? [[uuid, name] as [string, string]] : [];
    }),
  );
}
