/** Inputs and outputs of `simulateFlow`. */

/** The contact the flow runs for. */
export interface SimulatedContact {
  /** Default: derived from the URN. */
  uuid?: string;
  name?: string;
  /** The contact's preferred URN, e.g. `tel:+254700000001`. */
  urn: string;
  /** ISO 639-3; picks the translation of texts, quick replies and case arguments. */
  language?: string;
  /** Contact field values by key (text, numbers as text or numbers, datetimes as ISO 8601). */
  fields?: Readonly<Record<string, string | number | null>>;
  /** Names of the groups the contact is in. */
  groups?: readonly string[];
}

/**
 * A scripted step of the conversation while the flow waits: a reply; the wait timing out (on a
 * wait without timeout the contact never answers, so the run expires); the run expiring; or the
 * run being interrupted (e.g. CHT starting the contact in the flow again).
 */
export type ScriptedReply = string | { timeout: true } | { expire: true } | { interrupt: true };

export interface WebhookRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The answer a scripted webhook gives; status 0 stands for a connection failure. */
export interface WebhookResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface SimulateOptions {
  contact: SimulatedContact;
  /** Flow start params (`@trigger.params`), as given to RapidPro's flow_starts API. */
  params?: Readonly<Record<string, unknown>>;
  /** Workspace globals (`@globals.x`). */
  globals?: Readonly<Record<string, string>>;
  /** The UUID of the run (`@run.uuid`). Default: derived from the flow and contact. */
  runUuid?: string;
  /** What happens at each wait, in order. When they run out at a wait, the simulation stops with status `waiting`. */
  replies?: readonly ScriptedReply[];
  /** Answers webhook calls; a flow that calls one without this handler is refused. */
  webhook?: (request: WebhookRequest) => WebhookResponse;
  /** The simulated current time (`now()`, `today()`). Default 2026-01-01T00:00:00Z, so runs are reproducible. */
  now?: Date | string;
  /** Workspace time zone (IANA). Default UTC. */
  timezone?: string;
  /** Workspace date format. Default `YYYY-MM-DD` (goflow's default). */
  dateFormat?: 'YYYY-MM-DD' | 'DD-MM-YYYY' | 'MM-DD-YYYY';
  /** Workspace default language, tried after the contact's. */
  defaultLanguage?: string;
  /** Workspace languages; a contact language outside them is ignored, as RapidPro does. Default: any. */
  allowedLanguages?: readonly string[];
  /** `@trigger.type`. Default `manual` (what flow_starts creates), `msg` with `message`. */
  triggerType?: string;
  /**
   * The incoming message that starts the flow, as a catch-all or keyword trigger does (goflow's msg
   * trigger): `@input` is that message from the contact's URN from the first node on.
   */
  message?: string;
}

export interface SimulatedMessage {
  to: string;
  text: string;
  quickReplies: string[];
  /** The language whose translation was used. */
  language: string;
}

export interface SimulatedBroadcast {
  /** Resolved recipients, e.g. `tel:+254700000002`. */
  to: string[];
  /** The text in the flow's base language. */
  text: string;
  /** The text in each language the flow has (recipients get their own language). */
  translations: Record<string, string>;
}

export interface SimulatedResult {
  name: string;
  value: string;
  category: string;
  categoryLocalized: string;
  /** The UUID of the node that saved it. */
  node: string;
  /** What was tested, e.g. the reply text. */
  input: string;
}

export interface SimulatedWebhookCall extends WebhookRequest {
  status: number;
}

/** One node visited, in order. */
export interface PathStep {
  flow: string;
  node: string;
  /** The category the node's router took, if it has one. */
  category?: string;
}

export type RunStatus = 'completed' | 'waiting' | 'interrupted' | 'expired' | 'failed';

export interface SimulatedRun {
  uuid: string;
  flow: string;
  status: RunStatus;
  results: Record<string, SimulatedResult>;
}

/**
 * What happened, in order, named after goflow's events (flows/events): what a flowrunner prints.
 * `error` events are expression and routing errors RapidPro would log.
 */
export type SimulationEvent =
  | { type: 'run_started'; flow: string; parent?: string }
  | { type: 'msg_received'; text: string }
  | { type: 'wait_timed_out' }
  | { type: 'run_expired' }
  | { type: 'run_interrupted' }
  | { type: 'msg_created'; to: string; text: string; quick_replies: string[]; language: string }
  | { type: 'broadcast_created'; to: string[]; text: string; translations: Record<string, string> }
  | { type: 'webhook_called'; method: string; url: string; headers: Record<string, string>; body: string; status: number }
  | { type: 'run_result_changed'; flow: string; name: string; value: string; category: string }
  | { type: 'contact_field_changed'; field: string; value: string | null }
  | { type: 'contact_name_changed'; name: string }
  | { type: 'contact_language_changed'; language: string }
  | { type: 'contact_groups_changed'; added: string[]; removed: string[] }
  | { type: 'msg_wait'; flow: string; node: string; timeout_seconds?: number }
  | { type: 'run_ended'; flow: string; status: RunStatus }
  | { type: 'error'; text: string };

export interface SimulationResult {
  /** Everything that happened, in order. */
  events: SimulationEvent[];
  status: RunStatus;
  messages: SimulatedMessage[];
  broadcasts: SimulatedBroadcast[];
  /** Results of the run started in the flow, by key (`@results.<key>`). */
  results: Record<string, SimulatedResult>;
  webhooks: SimulatedWebhookCall[];
  path: PathStep[];
  contactFields: Record<string, string | null>;
  contactLanguage: string;
  contactName: string;
  groups: string[];
  /** Every run, the first being the one started; subflows follow. */
  runs: SimulatedRun[];
  /** Expression errors RapidPro would log (the run carries on, the part renders empty). */
  errors: string[];
  /** Replies left unused because the flow ended first. */
  unusedReplies: number;
}
