/**
 * The types the flow engine registers, as read from nyaruka/goflow (flows/actions, flows/routers,
 * flows/routers/waits, flows/routers/cases) at spec 14.4.
 */

export const FLOW_TYPES = ['messaging', 'messaging_background', 'messaging_offline', 'voice'] as const;
export type KnownFlowType = (typeof FLOW_TYPES)[number];

const ALL: readonly KnownFlowType[] = FLOW_TYPES;
const INTERACTIVE: readonly KnownFlowType[] = ['messaging', 'messaging_offline', 'voice'];
const ONLINE: readonly KnownFlowType[] = ['messaging', 'messaging_background', 'voice'];
const VOICE: readonly KnownFlowType[] = ['voice'];

/** Every action type and the flow types it may appear in (goflow's universal/interactive/online/voice mixins). */
export const ACTION_FLOW_TYPES: Readonly<Record<string, readonly KnownFlowType[]>> = {
  add_contact_groups: ALL,
  add_contact_urn: ALL,
  add_input_labels: INTERACTIVE,
  call_classifier: ONLINE,
  call_llm: ONLINE,
  call_resthook: ONLINE,
  call_webhook: ONLINE,
  enter_flow: ALL,
  open_ticket: ONLINE,
  play_audio: VOICE,
  remove_contact_groups: ALL,
  request_optin: ONLINE,
  say_msg: VOICE,
  send_broadcast: ONLINE,
  send_email: ONLINE,
  send_msg: ALL,
  set_contact_channel: ONLINE,
  set_contact_field: ALL,
  set_contact_language: ALL,
  set_contact_name: ALL,
  set_contact_status: ALL,
  set_contact_timezone: ALL,
  set_run_local: ALL,
  set_run_result: ALL,
  start_session: ONLINE,
  transfer_airtime: ONLINE,
};

export const ROUTER_TYPES = ['switch', 'random'] as const;

/** Wait types and the flow types they may appear in. */
export const WAIT_FLOW_TYPES: Readonly<Record<string, readonly KnownFlowType[]>> = {
  msg: INTERACTIVE,
  dial: VOICE,
};

/** Every case test a switch may use (`cases.XTESTS`, including the deprecated ones). */
export const CASE_TESTS: ReadonlySet<string> = new Set([
  'has_error',
  'has_only_text',
  'has_phrase',
  'has_only_phrase',
  'has_any_word',
  'has_all_words',
  'has_beginning',
  'has_text',
  'has_pattern',
  'has_number',
  'has_number_between',
  'has_number_lt',
  'has_number_lte',
  'has_number_eq',
  'has_number_gte',
  'has_number_gt',
  'has_date',
  'has_date_lt',
  'has_date_eq',
  'has_date_gt',
  'has_time',
  'has_phone',
  'has_email',
  'has_group',
  'has_category',
  'has_intent',
  'has_top_intent',
  'has_state',
  'has_district',
  'has_ward',
  'has_value',
]);

export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

export const CONTACT_STATUSES: ReadonlySet<string> = new Set(['active', 'blocked', 'stopped', 'archived']);

/** Field value types RapidPro imports (`ContactField.ENGINE_TYPES`); any other makes the import fail. */
export const FIELD_TYPES: ReadonlySet<string> = new Set(['text', 'number', 'datetime', 'state', 'district', 'ward']);

/** Engine limits (goflow `flows/interfaces.go`). */
export const LIMITS = {
  nodesPerFlow: 1000,
  actionsPerNode: 100,
  exitsPerNode: 100,
  categoriesPerRouter: 100,
  casesPerRouter: 100,
  argumentsPerCase: 10,
  uiBytes: 262144,
  propertiesPerTranslation: 10,
  valuesPerTranslatedProperty: 10,
  translationValueChars: 10000,
} as const;
