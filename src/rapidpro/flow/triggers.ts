/**
 * Triggers that travel in an export. This project writes one kind: a catch-all trigger limited to
 * a workflow's group, which starts a flow for a message that arrives when no flow is waiting for
 * the contact's reply (mailroom's `FindMatchingMsgTrigger`: a waiting session always gets the
 * message first; a catch-all only sees the rest).
 *
 * When several catch-all triggers match a contact, mailroom takes the most specific: +2 when the
 * contact is in one of its groups, +1 when it has exclusions the contact is not in. Excluding the
 * groups of higher-priority triggers therefore makes exactly one trigger match any contact.
 */
import type { FlowBuilder } from './builder';
import { FlowReference, GroupDefinition, GroupReference } from './types';

/** A catch-all trigger as RapidPro exports it (`TriggerType.export_def` of a `C` trigger). */
export interface TriggerDefinition {
  trigger_type: 'C';
  flow: FlowReference;
  groups: GroupReference[];
  exclude_groups: GroupReference[];
  channel: null;
}

export interface CatchAllSpec {
  /** The flow a stray message starts (a messaging flow: catch-all triggers cannot start background flows). */
  flow: FlowBuilder;
  /** Only contacts in one of these groups. */
  groups: ReadonlyArray<GroupDefinition | GroupReference>;
  /** Not for contacts in any of these groups (the groups of triggers that take precedence). */
  excludeGroups?: ReadonlyArray<GroupDefinition | GroupReference>;
}

export function catchAllTrigger(spec: CatchAllSpec): TriggerDefinition {
  if (spec.flow.options.type === 'messaging_background') {
    throw new Error(`catch-all trigger: flow "${spec.flow.options.name}" is a background flow; RapidPro's catch-all triggers start messaging flows only`);
  }
  if (spec.groups.length === 0) throw new Error(`catch-all trigger of "${spec.flow.options.name}": give it groups, or it answers every stray message in the workspace`);
  const ref = (group: GroupDefinition | GroupReference): GroupReference => ({ uuid: group.uuid, name: group.name });
  const byName = (a: GroupReference, b: GroupReference) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    trigger_type: 'C',
    flow: spec.flow.ref,
    // RapidPro exports groups ordered by name
    groups: spec.groups.map(ref).sort(byName),
    exclude_groups: (spec.excludeGroups ?? []).map(ref).sort(byName),
    channel: null,
  };
}
