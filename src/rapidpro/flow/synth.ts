/**
 * Turns the builder's node specs into a goflow flow definition: derives every UUID from the flow
 * key and the node key, writes translations into `localization`, resolves routes to
 * `destination_uuid`s and lays the nodes out for the editor.
 */
import { ActionSpec } from './actions';
import type { FlowBuilderOptions } from './builder';
import { layoutNodes } from './layout';
import { EnterFlowSpec, NEXT, NodeSpec, RouterSpec, WebhookCallSpec } from './node-spec';
import { FlowLanguages, resolveText, Text } from './text';
import {
  Action,
  Case,
  Category,
  Exit,
  FlowDefinition,
  FlowNode,
  ItemTranslation,
  Localization,
  SwitchRouter,
} from './types';
import { derivedUuid } from '../uuid';

/** The flow spec version generated flows declare (see rapidpro/README.md for why 13.1.0). */
export const FLOW_SPEC_VERSION = '13.1.0';

/** Default expiry: a week, so a contact can still answer a daily question late. */
const DEFAULT_EXPIRE_AFTER_MINUTES = 10080;

/** Collects the translations of one flow as items are synthesized. */
class LocalizationCollector {
  readonly localization: Localization = {};

  constructor(readonly languages: FlowLanguages) {
    for (const language of languages.translations) this.localization[language] = {};
  }

  /** Resolves a text for `property` of item `uuid`, recording its translations; returns the base text. */
  text(uuid: string, property: string, text: Text, where: string): string {
    return this.texts(uuid, property, [text], where)[0];
  }

  /** Resolves an array property (quick replies, case arguments): translated if any element is. */
  texts(uuid: string, property: string, texts: readonly Text[], where: string): string[] {
    const resolved = texts.map((text, i) => resolveText(text, this.languages, texts.length > 1 ? `${where} #${i + 1}` : where));
    if (resolved.some((r) => r.translated)) {
      for (const language of this.languages.translations) {
        const item: ItemTranslation = (this.localization[language][uuid] ??= {});
        item[property] = resolved.map((r) => r.translated?.[language] ?? r.base);
      }
    }
    return resolved.map((r) => r.base);
  }
}

/** Synthesizes the flow declared by `options` and `nodes` (in declaration order; the first is the entry). */
export function synthesizeFlow(options: Readonly<FlowBuilderOptions>, nodes: readonly NodeSpec[]): FlowDefinition {
  const flowName = options.name;
  if (nodes.length === 0) throw new Error(`flow "${flowName}" has no nodes`);
  const uuidOf = (nodeKey: string, ...path: string[]) => derivedUuid(options.key, 'node', nodeKey, ...path);
  const nodeUuids = new Map(nodes.map((node) => [node.key, uuidOf(node.key)]));
  const collector = new LocalizationCollector({ base: options.language, translations: options.localizations ?? [] });

  const synthesized: FlowNode[] = nodes.map((node) => {
    const where = `flow "${flowName}" node "${node.key}"`;
    const actions = node.actions.map((spec, i) => synthesizeAction(spec, uuidOf(node.key, 'action', String(i)), collector, `${where} action #${i + 1}`));
    const exits: Exit[] = [];
    const exitFor = (route: string): string => {
      const exitUuid = uuidOf(node.key, 'exit', route);
      const target = node.routes[route];
      const exit: Exit = { uuid: exitUuid };
      if (target !== undefined) {
        const destination = nodeUuids.get(target);
        if (!destination) {
          throw new Error(`${where}: "${route}" goes to node "${target}", which this flow does not have (it has ${[...nodeUuids.keys()].join(', ')})`);
        }
        exit.destination_uuid = destination;
      }
      exits.push(exit);
      return exitUuid;
    };
    const result: FlowNode = { uuid: uuidOf(node.key), actions, exits };
    if (node.router) {
      result.router = synthesizeRouter(node.router, (category) => uuidOf(node.key, 'category', category), exitFor, (i) => uuidOf(node.key, 'case', String(i)), collector, where);
    } else {
      exitFor(NEXT);
    }
    return result;
  });

  checkReachable(flowName, synthesized, nodes);

  const definition: FlowDefinition = {
    uuid: derivedUuid('flow', options.key),
    name: flowName,
    spec_version: FLOW_SPEC_VERSION,
    language: options.language,
    type: options.type ?? 'messaging',
    revision: 1,
    // background flows never wait, so never expire: RapidPro stores 0 for them (the 14.0 migration caps them at 0)
    expire_after_minutes: options.type === 'messaging_background' ? 0 : options.expireAfterMinutes ?? DEFAULT_EXPIRE_AFTER_MINUTES,
    localization: collector.localization,
    nodes: synthesized,
    _ui: layoutNodes(synthesized, nodes.map((node) => node.ui)),
  };
  return definition;
}

function synthesizeRouter(
  spec: RouterSpec,
  categoryUuid: (name: string) => string,
  exitFor: (route: string) => string,
  caseUuid: (index: number) => string,
  collector: LocalizationCollector,
  where: string,
): SwitchRouter {
  const categories: Category[] = spec.categories.map((name) => ({ uuid: categoryUuid(name), name, exit_uuid: exitFor(name) }));
  const cases: Case[] = spec.cases.map((c, i) => {
    const uuid = caseUuid(i);
    return {
      uuid,
      type: c.test.type,
      arguments: collector.texts(uuid, 'arguments', c.test.arguments, `${where} case "${c.category}"`),
      category_uuid: categoryUuid(c.category),
    };
  });
  const router: SwitchRouter = { type: 'switch', operand: spec.operand, cases, categories };
  if (spec.defaultCategory !== undefined) router.default_category_uuid = categoryUuid(spec.defaultCategory);
  if (spec.resultName !== undefined) router.result_name = spec.resultName;
  if (spec.wait) {
    router.wait = { type: 'msg' };
    if (spec.wait.timeout) router.wait.timeout = { seconds: spec.wait.timeout.seconds, category_uuid: categoryUuid(spec.wait.timeout.category) };
  }
  return router;
}

function synthesizeAction(spec: ActionSpec | WebhookCallSpec | EnterFlowSpec, uuid: string, collector: LocalizationCollector, where: string): Action {
  switch (spec.type) {
    case 'send_msg': {
      const action: Action = { type: 'send_msg', uuid, text: collector.text(uuid, 'text', spec.text, `${where} text`) };
      if (spec.quickReplies.length > 0) action.quick_replies = collector.texts(uuid, 'quick_replies', spec.quickReplies, `${where} quick reply`);
      return action;
    }
    case 'send_broadcast': {
      const action: Action = { type: 'send_broadcast', uuid, text: collector.text(uuid, 'text', spec.text, `${where} text`) };
      const expressions = spec.to.filter((recipient) => recipient.includes('@'));
      const urns = spec.to.filter((recipient) => !recipient.includes('@'));
      if (urns.length > 0) action.urns = urns;
      if (expressions.length > 0) action.legacy_vars = expressions;
      return action;
    }
    case 'set_contact_field':
      return { type: 'set_contact_field', uuid, field: { key: spec.field.key, name: spec.field.name }, value: spec.value };
    case 'set_contact_language':
      return { type: 'set_contact_language', uuid, language: spec.language };
    case 'set_contact_name':
      return { type: 'set_contact_name', uuid, name: spec.name };
    case 'add_contact_groups':
      return { type: 'add_contact_groups', uuid, groups: spec.groups.map((g) => ({ uuid: g.uuid, name: g.name })) };
    case 'remove_contact_groups':
      return spec.groups === 'all'
        ? { type: 'remove_contact_groups', uuid, groups: [], all_groups: true }
        : { type: 'remove_contact_groups', uuid, groups: spec.groups.map((g) => ({ uuid: g.uuid, name: g.name })) };
    case 'set_run_result': {
      const action: Action = { type: 'set_run_result', uuid, name: spec.name, value: spec.value };
      if (spec.category !== undefined) action.category = spec.category;
      return action;
    }
    case 'call_webhook':
      return { type: 'call_webhook', uuid, method: spec.method, url: spec.url, headers: { ...spec.headers }, body: spec.body, result_name: spec.resultName };
    case 'enter_flow': {
      const action: Action = { type: 'enter_flow', uuid, flow: { uuid: spec.flow.uuid, name: spec.flow.name } };
      if (spec.terminal) action.terminal = true;
      return action;
    }
  }
}

/** A node no route leads to is almost always a mistyped route: refuse it rather than ship dead flow. */
function checkReachable(flowName: string, nodes: readonly FlowNode[], specs: readonly NodeSpec[]): void {
  const reached = new Set<string>([nodes[0].uuid]);
  const queue = [nodes[0]];
  const byUuid = new Map(nodes.map((node) => [node.uuid, node]));
  for (let node = queue.shift(); node; node = queue.shift()) {
    for (const exit of node.exits) {
      const next = exit.destination_uuid && byUuid.get(exit.destination_uuid);
      if (next && !reached.has(next.uuid)) {
        reached.add(next.uuid);
        queue.push(next);
      }
    }
  }
  const unreached = specs.filter((_, i) => !reached.has(nodes[i].uuid)).map((spec) => spec.key);
  if (unreached.length > 0) {
    throw new Error(`flow "${flowName}": no route leads to node(s) ${unreached.join(', ')} (the first node, "${specs[0].key}", is where the flow starts)`);
  }
}
