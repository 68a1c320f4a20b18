/**
 * The builder's own description of a node, before UUIDs, localization and layout: what
 * `FlowBuilder` records as a workflow is declared and `synthesizeFlow` turns into goflow JSON.
 */
import { ActionSpec } from './actions';
import { CaseTest } from './cases';
import { FlowReference, HttpMethod, UiNodeType } from './types';

/** The key of a node within its flow, e.g. `ask_fever`. */
export type NodeKey = string;

/** The category → next node map of a routing node; a category left out ends the flow. */
export type Routes<C extends string> = Partial<Record<C, NodeKey>>;

/** A webhook call (the only action of its node). */
export interface WebhookCallSpec {
  readonly type: 'call_webhook';
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly resultName: string;
}

/** Entering another flow (the only action of its node). */
export interface EnterFlowSpec {
  readonly type: 'enter_flow';
  readonly flow: FlowReference;
  readonly terminal: boolean;
}

/** A case of a router, once categories are known. */
export interface RouterCase {
  readonly test: CaseTest;
  readonly category: string;
}

/** How a node routes: a switch on `operand`, with or without waiting for a reply first. */
export interface RouterSpec {
  readonly operand: string;
  readonly cases: readonly RouterCase[];
  /** Every category in exit order (case categories first, then the default, then the timeout). */
  readonly categories: readonly string[];
  readonly defaultCategory?: string;
  readonly resultName?: string;
  /** Present for a reply wait. */
  readonly wait?: { readonly timeout?: { readonly seconds: number; readonly category: string } };
}

/**
 * Something that supplies a webhook call's request and is kept on the node that calls it, so the
 * flow can be asked later which sources it calls (e.g. which records a flow posts to CHT).
 */
export interface WebhookSource {
  webhook(): { method: HttpMethod; url: string; headers: Readonly<Record<string, string>>; body: string };
}

export interface NodeSpec {
  readonly key: NodeKey;
  /** The source of the node's webhook call, when it was given one. */
  readonly source?: WebhookSource;
  readonly ui: UiNodeType;
  readonly actions: ReadonlyArray<ActionSpec | WebhookCallSpec | EnterFlowSpec>;
  readonly router?: RouterSpec;
  /** Category → next node for a router; for a node without router, the `next` entry. */
  readonly routes: Readonly<Record<string, NodeKey | undefined>>;
}

/** The route name of the single exit of a node without router. */
export const NEXT = 'next';
