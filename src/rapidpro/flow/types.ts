/**
 * RapidPro's export format ("version 13" exports, goflow flow spec 13.x), as TypeScript types.
 *
 * These describe what the builders in this folder generate. They are deliberately closed (only
 * the actions, waits and tests this project writes); the validator in `../validate` reads any
 * export as `unknown` and knows the full set of types the flow engine accepts.
 *
 * Shapes are read from nyaruka/goflow (`flows/definition`, `flows/actions`, `flows/routers`) and
 * nyaruka/rapidpro (`Org.export_definitions`, `Campaign.as_export_def`).
 */

/** A lowercase 8-4-4-4-12 hex UUID. */
export type Uuid = string;

/** An ISO 639-3 language code, e.g. `eng`, `fra`, `swa`. */
export type LanguageCode = string;

/** A template in RapidPro's expression language, e.g. `Hi @contact.name`. */
export type Template = string;

/** The flow types goflow knows; this project only writes `messaging` and `messaging_background`. */
export type FlowType = 'messaging' | 'messaging_background' | 'messaging_offline' | 'voice';

/** The export wrapper RapidPro's "Import" page reads. */
export interface RapidProExport {
  /** Export format version; RapidPro accepts up to "13". */
  version: string;
  site: string;
  flows: FlowDefinition[];
  campaigns: CampaignDefinition[];
  /** Keyword and other triggers; this project generates none (flows are started through the API). */
  triggers: unknown[];
  fields: FieldDefinition[];
  groups: GroupDefinition[];
}

/** A flow definition as goflow reads it. */
export interface FlowDefinition {
  uuid: Uuid;
  name: string;
  spec_version: string;
  language: LanguageCode;
  type: FlowType;
  revision: number;
  expire_after_minutes: number;
  localization: Localization;
  nodes: FlowNode[];
  _ui?: FlowUi;
}

/** Translations: language → item UUID (action, case or category) → property → values. */
export type Localization = Record<LanguageCode, Record<Uuid, ItemTranslation>>;

/** The translated properties of one item: `text`, `quick_replies`, `arguments`, `name`... */
export type ItemTranslation = Record<string, string[]>;

export interface FlowNode {
  uuid: Uuid;
  actions: Action[];
  router?: SwitchRouter;
  exits: Exit[];
}

export interface Exit {
  uuid: Uuid;
  /** The next node; absent when the flow ends through this exit. */
  destination_uuid?: Uuid;
}

export interface GroupReference {
  uuid: Uuid;
  name: string;
}

export interface FieldReference {
  key: string;
  name: string;
}

export interface FlowReference {
  uuid: Uuid;
  name: string;
}

export interface SendMsgAction {
  type: 'send_msg';
  uuid: Uuid;
  text: Template;
  quick_replies?: Template[];
}

export interface SendBroadcastAction {
  type: 'send_broadcast';
  uuid: Uuid;
  text: Template;
  /** Literal URNs, e.g. `tel:+254700000000`. */
  urns?: string[];
  /** Recipients as expressions (the editor's name for them), e.g. `@trigger.params.chw_phone`. */
  legacy_vars?: Template[];
  groups?: GroupReference[];
}

export interface SetContactFieldAction {
  type: 'set_contact_field';
  uuid: Uuid;
  field: FieldReference;
  value: Template;
}

export interface SetContactLanguageAction {
  type: 'set_contact_language';
  uuid: Uuid;
  language: Template;
}

export interface SetContactNameAction {
  type: 'set_contact_name';
  uuid: Uuid;
  name: Template;
}

export interface AddContactGroupsAction {
  type: 'add_contact_groups';
  uuid: Uuid;
  groups: GroupReference[];
}

export interface RemoveContactGroupsAction {
  type: 'remove_contact_groups';
  uuid: Uuid;
  groups: GroupReference[];
  all_groups?: boolean;
}

export interface SetRunResultAction {
  type: 'set_run_result';
  uuid: Uuid;
  name: string;
  value: Template;
  category?: string;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallWebhookAction {
  type: 'call_webhook';
  uuid: Uuid;
  method: HttpMethod;
  url: Template;
  headers: Record<string, Template>;
  body: Template;
  result_name: string;
}

export interface EnterFlowAction {
  type: 'enter_flow';
  uuid: Uuid;
  flow: FlowReference;
  terminal?: boolean;
}

export type Action =
  | SendMsgAction
  | SendBroadcastAction
  | SetContactFieldAction
  | SetContactLanguageAction
  | SetContactNameAction
  | AddContactGroupsAction
  | RemoveContactGroupsAction
  | SetRunResultAction
  | CallWebhookAction
  | EnterFlowAction;

export type ActionType = Action['type'];

/** The case tests the builders offer (a subset of goflow's `cases.XTESTS`). */
export type CaseTestType =
  | 'has_any_word'
  | 'has_all_words'
  | 'has_phrase'
  | 'has_only_phrase'
  | 'has_only_text'
  | 'has_beginning'
  | 'has_text'
  | 'has_number'
  | 'has_number_eq'
  | 'has_number_lt'
  | 'has_number_lte'
  | 'has_number_gt'
  | 'has_number_gte'
  | 'has_number_between';

export interface Case {
  uuid: Uuid;
  type: CaseTestType;
  arguments: Template[];
  category_uuid: Uuid;
}

export interface Category {
  uuid: Uuid;
  name: string;
  exit_uuid: Uuid;
}

export interface MsgWait {
  type: 'msg';
  timeout?: { seconds: number; category_uuid: Uuid };
}

export interface SwitchRouter {
  type: 'switch';
  operand: Template;
  cases: Case[];
  categories: Category[];
  default_category_uuid?: Uuid;
  result_name?: string;
  wait?: MsgWait;
}

/** Editor-only layout: where each node sits on the canvas and which editor widget shows it. */
export interface FlowUi {
  nodes: Record<Uuid, { position: { left: number; top: number }; type: UiNodeType }>;
  stickies: Record<string, never>;
}

export type UiNodeType =
  | 'execute_actions'
  | 'wait_for_response'
  | 'split_by_expression'
  | 'split_by_webhook'
  | 'split_by_subflow';

/** Offset units of a campaign event: minutes, hours, days, weeks. */
export type CampaignEventUnit = 'M' | 'H' | 'D' | 'W';

/** What a campaign event does to a contact already in a flow: interrupt it, skip the event, or run passively. */
export type CampaignStartMode = 'I' | 'S' | 'P';

export interface CampaignEventDefinition {
  uuid: Uuid;
  offset: number;
  unit: CampaignEventUnit;
  /** `F`: start a flow. (RapidPro also has `M` message events; this project does not write them.) */
  event_type: 'F';
  /** Hour of day (0–23) to fire at, or -1 for the exact offset time. Only meaningful for `D` and `W` units. */
  delivery_hour: number;
  /** The contact date field the offset is relative to (`label` is the field's name). */
  relative_to: { key: string; label: string };
  flow: FlowReference;
  start_mode: CampaignStartMode;
}

export interface CampaignDefinition {
  uuid: Uuid;
  name: string;
  group: GroupReference;
  events: CampaignEventDefinition[];
}

/** Contact field value types RapidPro knows. */
export type FieldType = 'text' | 'number' | 'datetime' | 'state' | 'district' | 'ward';

export interface FieldDefinition {
  key: string;
  name: string;
  type: FieldType;
}

export interface GroupDefinition {
  uuid: Uuid;
  name: string;
  /** A smart group's contact query; null for a plain group. */
  query: string | null;
}
