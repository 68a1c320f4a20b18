/**
 * `FlowBuilder` declares a RapidPro flow top to bottom, node by node, each node naming where its
 * exits go by node key; `toDefinition()` synthesizes the goflow JSON (spec 13.1.0) with derived
 * UUIDs, localization and an editor layout.
 *
 * ```ts
 * const checkin = new FlowBuilder({ name: 'Quarantine Check-in', key: 'quarantine-checkin',
 *   language: 'eng', localizations: ['fra', 'swa'], expireAfterMinutes: 1440 })
 *   .send('ask', { eng: 'Fever today? YES or NO', fra: 'Fièvre ? OUI ou NON', swa: 'Homa leo? NDIYO au HAPANA' }, { next: 'reply' })
 *   .waitForReply('reply', {
 *     resultName: 'fever',
 *     cases: [
 *       { test: hasAnyWord({ eng: 'yes y', fra: 'oui o', swa: 'ndiyo ndio' }), category: 'Yes' },
 *       { test: hasAnyWord({ eng: 'no n', fra: 'non n', swa: 'hapana la' }), category: 'No' },
 *     ],
 *     timeout: { seconds: 6 * 3600, category: 'No Response' },
 *     routes: { Yes: 'alert', No: 'report', Other: 'ask', 'No Response': 'report' },
 *   })
 *   ...
 * ```
 */
import { ActionSpec, sendMsg } from './actions';
import { CaseSpec, hasOnlyText } from './cases';
import { checkRapidProName, MAX_CATEGORY_NAME_LENGTH, MAX_RESULT_NAME_LENGTH, resultKey } from './naming';
import { NEXT, NodeKey, NodeSpec, RouterCase, Routes, WebhookSource } from './node-spec';
import { synthesizeFlow } from './synth';
import { Text } from './text';
import { FlowDefinition, FlowReference, HttpMethod, LanguageCode } from './types';
import { derivedUuid } from '../uuid';

/** The expiry choices RapidPro offers for messaging flows; any other value is reset to 3 days on import. */
export type ExpireAfterMinutes = 5 | 10 | 15 | 30 | 60 | 180 | 360 | 720 | 1080 | 1440 | 2880 | 4320 | 10080 | 20160;

export interface FlowBuilderOptions {
  /** The flow's name in RapidPro; deployment finds the flow by it. */
  name: string;
  /** A stable identifier the flow's UUIDs are derived from; never change it once deployed. */
  key: string;
  /** Base language (ISO 639-3): the text every other language falls back to. */
  language: LanguageCode;
  /** Languages every translated text must also be given in. */
  localizations?: readonly LanguageCode[];
  /** How long a contact may stay waiting for a reply before the run expires. Default one week. Not for background flows. */
  expireAfterMinutes?: ExpireAfterMinutes;
  /**
   * `messaging_background` flows never wait for replies and never interrupt the contact's waiting
   * flow when started (mailroom starts them in the background). Default `messaging`.
   */
  type?: 'messaging' | 'messaging_background';
}

/** A reply wait: categories from `cases`, plus `other` (no case matched) and an optional timeout. */
export interface WaitForReplySpec<C extends string, O extends string, T extends string> {
  cases: ReadonlyArray<CaseSpec<C>>;
  /** The category when no case matches. Default `Other`. */
  other?: O;
  /** Stop waiting after `seconds` and take `category` (the editor calls it "No Response"). */
  timeout?: { seconds: number; category: T };
  /** Saves the reply as `@results.<key of resultName>` with its category. */
  resultName?: string;
  routes?: Routes<NoInfer<C | O | T>>;
}

/** A switch without waiting, e.g. on `@trigger.params.language` or `@results.fever.category`. */
export interface SplitSpec<C extends string, O extends string> {
  operand: string;
  cases: ReadonlyArray<CaseSpec<C>>;
  other?: O;
  resultName?: string;
  routes?: Routes<NoInfer<C | O>>;
}

export interface CallWebhookSpec {
  method: HttpMethod;
  /** A template, e.g. `@globals.cht_url/api/v2/records`. */
  url: string;
  /** Templates; an `Authorization` value must come from an expression (e.g. `@globals.cht_auth`), never a literal. */
  headers?: Readonly<Record<string, string>>;
  /** A template sent as is, e.g. `@(json(object("fever", results.fever.value)))`. */
  body?: string;
  /** The result the call's outcome is saved as (value: HTTP status, category: Success or Failure). */
  resultName: string;
  routes?: Routes<'Success' | 'Failure'>;
}

/** A webhook call whose request comes from a source the flow keeps (e.g. a record post to CHT). */
export interface SourcedWebhookSpec {
  source: WebhookSource;
  /** The result the call's outcome is saved as (value: HTTP status, category: Success or Failure). */
  resultName: string;
  routes?: Routes<'Success' | 'Failure'>;
}

export interface EnterFlowNodeSpec {
  flow: FlowReference | FlowBuilder;
  /** A terminal subflow ends this flow: there is nothing to route. */
  terminal?: boolean;
  routes?: Routes<'Complete' | 'Expired'>;
}

/** Declares a flow; see the module documentation for an example. */
export class FlowBuilder {
  readonly options: Readonly<FlowBuilderOptions>;
  private readonly nodes: NodeSpec[] = [];

  constructor(options: FlowBuilderOptions) {
    checkRapidProName('flow', options.name);
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(options.key)) {
      throw new Error(`flow "${options.name}": key "${options.key}" must be lowercase letters, digits, _, . or -`);
    }
    if (options.type === 'messaging_background' && options.expireAfterMinutes !== undefined) {
      throw new Error(`flow "${options.name}": a background flow never waits, so it has no expiry (RapidPro stores 0)`);
    }
    for (const language of [options.language, ...(options.localizations ?? [])]) {
      if (!/^[a-z]{3}$/.test(language)) throw new Error(`flow "${options.name}": language "${language}" is not an ISO 639-3 code like eng`);
    }
    this.options = options;
  }

  /** The flow's UUID (derived from its key). */
  get uuid(): string {
    return derivedUuid('flow', this.options.key);
  }

  /** A reference to this flow, for `enterFlow` and campaign events. */
  get ref(): FlowReference {
    return { uuid: this.uuid, name: this.options.name };
  }

  /** The UUID node `key` gets in the definition (e.g. to find it in a simulated path). */
  nodeUuid(key: NodeKey): string {
    return derivedUuid(this.options.key, 'node', key);
  }

  /** A node that runs `actions` in order, then goes to `next` (or ends the flow). */
  actions(key: NodeKey, actions: readonly ActionSpec[], options: { next?: NodeKey } = {}): this {
    if (actions.length === 0) throw new Error(this.where(key) + 'an action node needs at least one action');
    return this.add({ key, ui: 'execute_actions', actions, routes: { [NEXT]: options.next } });
  }

  /** A node that sends one message, then goes to `next`. Shorthand for `actions(key, [sendMsg(text, …)])`. */
  send(key: NodeKey, text: Text, options: { quickReplies?: readonly Text[]; next?: NodeKey } = {}): this {
    return this.actions(key, [sendMsg(text, { quickReplies: options.quickReplies })], { next: options.next });
  }

  /** A node that waits for the contact's reply and routes on it (operand `@input.text`). */
  waitForReply<const C extends string, const O extends string = 'Other', const T extends string = never>(
    key: NodeKey,
    spec: WaitForReplySpec<C, O, T>,
  ): this {
    if (this.options.type === 'messaging_background') {
      throw new Error(this.where(key) + 'a messaging_background flow cannot wait for replies');
    }
    const other: string = spec.other ?? 'Other';
    const timeout = spec.timeout;
    if (timeout && (!Number.isInteger(timeout.seconds) || timeout.seconds < 1)) {
      throw new Error(this.where(key) + `timeout seconds must be a positive whole number (got ${timeout.seconds})`);
    }
    const categories = this.categoriesOf(key, spec.cases, other, timeout?.category);
    return this.add({
      key,
      ui: 'wait_for_response',
      actions: [],
      router: {
        operand: '@input.text',
        cases: spec.cases,
        categories,
        defaultCategory: other,
        resultName: this.checkResultName(key, spec.resultName),
        wait: { timeout },
      },
      routes: this.checkRoutes(key, categories, spec.routes ?? {}),
    });
  }

  /** A node that routes on an expression without waiting. */
  split<const C extends string, const O extends string = 'Other'>(key: NodeKey, spec: SplitSpec<C, O>): this {
    if (!spec.operand.includes('@')) throw new Error(this.where(key) + `operand "${spec.operand}" is not an expression (it must start with @)`);
    const other: string = spec.other ?? 'Other';
    const categories = this.categoriesOf(key, spec.cases, other);
    return this.add({
      key,
      ui: 'split_by_expression',
      actions: [],
      router: { operand: spec.operand, cases: spec.cases, categories, defaultCategory: other, resultName: this.checkResultName(key, spec.resultName) },
      routes: this.checkRoutes(key, categories, spec.routes ?? {}),
    });
  }

  /**
   * A node that calls a webhook and routes on Success (any 2xx) or Failure, the 13.x way: a
   * switch on `@results.<result key>.category` that RapidPro's 14.1 migration rewrites to
   * `@webhook.status` on import into a newer workspace.
   */
  callWebhook(key: NodeKey, spec: CallWebhookSpec | SourcedWebhookSpec): this {
    const source = 'source' in spec ? spec.source : undefined;
    const request = source ? source.webhook() : (spec as CallWebhookSpec);
    const headers = request.headers ?? {};
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === 'authorization' && !value.includes('@')) {
        throw new Error(this.where(key) + 'the Authorization header is a literal: take it from a global, e.g. "@globals.cht_auth", so no secret is in the flow');
      }
    }
    const resultName = this.checkResultName(key, spec.resultName);
    if (!resultName) throw new Error(this.where(key) + 'a webhook call needs a resultName (13.x routes on its category)');
    const categories = ['Success', 'Failure'];
    return this.add({
      key,
      ui: 'split_by_webhook',
      source,
      actions: [{ type: 'call_webhook', method: request.method, url: request.url, headers, body: request.body ?? '', resultName }],
      router: {
        operand: `@results.${resultKey(resultName)}.category`,
        cases: [{ test: hasOnlyText('Success'), category: 'Success' }],
        categories,
        defaultCategory: 'Failure',
      },
      routes: this.checkRoutes(key, categories, spec.routes ?? {}),
    });
  }

  /**
   * A node that runs another flow for the contact and, unless terminal, routes on how it ended
   * (`@child.run.status`, which every 13.x and 14.x engine understands).
   */
  enterFlow(key: NodeKey, spec: EnterFlowNodeSpec): this {
    const flow = spec.flow instanceof FlowBuilder ? spec.flow.ref : { uuid: spec.flow.uuid, name: spec.flow.name };
    const action = { type: 'enter_flow' as const, flow, terminal: spec.terminal ?? false };
    if (action.terminal) {
      if (spec.routes && Object.keys(spec.routes).length > 0) throw new Error(this.where(key) + 'a terminal subflow has no routes');
      return this.add({ key, ui: 'split_by_subflow', actions: [action], routes: { [NEXT]: undefined } });
    }
    const categories = ['Complete', 'Expired'];
    return this.add({
      key,
      ui: 'split_by_subflow',
      actions: [action],
      router: {
        operand: '@child.run.status',
        cases: [
          { test: hasOnlyText('completed'), category: 'Complete' },
          { test: hasOnlyText('expired'), category: 'Expired' },
        ],
        categories,
      },
      routes: this.checkRoutes(key, categories, spec.routes ?? {}),
    });
  }

  /** Every webhook call of this flow, in node order: its node key, URL template and source. */
  webhookCalls(): { key: NodeKey; url: string; source?: WebhookSource }[] {
    return this.nodes.flatMap((node) => node.actions
      .filter((action) => action.type === 'call_webhook')
      .map((action) => ({ key: node.key, url: (action as { url: string }).url, source: node.source })));
  }

  /** The sources of this flow's webhook calls, in node order. */
  webhookSources(): WebhookSource[] {
    return this.nodes.flatMap((node) => (node.source ? [node.source] : []));
  }

  /** The goflow flow definition (spec 13.1.0): plain JSON, identical on every build. */
  toDefinition(): FlowDefinition {
    return synthesizeFlow(this.options, this.nodes);
  }

  private add(node: NodeSpec): this {
    if (node.key === '') throw new Error(`flow "${this.options.name}": a node key cannot be empty`);
    if (this.nodes.some((existing) => existing.key === node.key)) throw new Error(this.where(node.key) + 'this node key is used twice');
    this.nodes.push(node);
    return this;
  }

  private categoriesOf(key: NodeKey, cases: readonly RouterCase[], ...extra: Array<string | undefined>): string[] {
    const categories: string[] = [];
    for (const name of [...cases.map((c) => c.category), ...extra]) {
      if (name === undefined || categories.includes(name)) continue;
      if (name.trim() === '' || name.length > MAX_CATEGORY_NAME_LENGTH) {
        throw new Error(this.where(key) + `category "${name}" must be 1 to ${MAX_CATEGORY_NAME_LENGTH} characters`);
      }
      categories.push(name);
    }
    for (const name of extra) {
      if (name !== undefined && cases.some((c) => c.category === name)) {
        throw new Error(this.where(key) + `category "${name}" is both a case category and the default or timeout category`);
      }
    }
    return categories;
  }

  private checkRoutes(key: NodeKey, categories: readonly string[], routes: Readonly<Record<string, NodeKey | undefined>>): Record<string, NodeKey | undefined> {
    for (const category of Object.keys(routes)) {
      if (!categories.includes(category)) {
        throw new Error(this.where(key) + `routes name category "${category}", which this node does not have (it has ${categories.join(', ')})`);
      }
    }
    return Object.fromEntries(categories.map((category) => [category, routes[category]]));
  }

  private checkResultName(key: NodeKey, name: string | undefined): string | undefined {
    if (name === undefined) return undefined;
    if (name.trim() === '' || name.length > MAX_RESULT_NAME_LENGTH) {
      throw new Error(this.where(key) + `result name "${name}" must be 1 to ${MAX_RESULT_NAME_LENGTH} characters`);
    }
    return name;
  }

  private where(key: NodeKey): string {
    return `flow "${this.options.name}" node "${key}": `;
  }
}
