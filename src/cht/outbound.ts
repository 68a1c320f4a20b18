/**
 * CHT outbound push configuration (`app_settings.outbound.<name>`), typed after cht-core's
 * `shared-libs/outbound`. A push is evaluated by Sentinel and by the API on every revision of every
 * doc: `relevant_to` runs in a sandbox with only `doc`, and the mapping builds the JSON payload.
 */

/** Credentials live in CHT's credential store (`PUT /api/v1/credentials/<key>`), never in app settings. */
export type OutboundAuth =
  | { type: 'basic'; username: string; password_key: string }
  /** CHT sends the stored credential verbatim: for RapidPro store `Token <api token>`. */
  | { type: 'header'; name: 'Authorization'; value_key: string };

export interface OutboundDestination {
  base_url: string;
  path: string;
  auth?: OutboundAuth;
}

/**
 * A source for one payload key: a dotted path on `{ doc }` (required unless `optional`), or a
 * JavaScript expression evaluated with only `doc` in scope.
 */
export type OutboundSource =
  | string
  | { path: string; expr?: never; optional?: boolean }
  | { expr: string; path?: never; optional?: boolean };

/** Payload key (dotted path into the payload object) → source. */
export type OutboundMapping = Record<string, OutboundSource>;

export interface OutboundPush {
  /** A JavaScript expression over `doc`; guard on `doc.type` because it also sees contacts. */
  relevant_to: string;
  destination: OutboundDestination;
  mapping: OutboundMapping;
  /** A cron expression: queue and send only around that time. */
  cron?: string;
}
