import type { ChtRecordBody } from '../cht/api/client';
import type { RapidProRun } from '../rapidpro/client/types';

export type { RapidProRun } from '../rapidpro/client/types';

/** `_meta` of a `/api/v2/records` body. CHT upper-cases `form` and looks it up in `app_settings.forms`. */
export interface RecordMeta {
  form: string;
  /** The sender's phone number (E.164); CHT links the record to the contact with that phone. */
  from?: string;
  /** Milliseconds since the epoch (or a date string CHT parses); defaults to the time CHT receives it. */
  reported_date?: number | string;
  locale?: string;
}

/**
 * The `/api/v2/records` JSON body a flow's webhook posts, and that sync posts for a lost webhook.
 * Field values must already have the JSON form's types (an `integer` field needs a JSON number).
 */
export interface RecordRequest extends ChtRecordBody {
  _meta: RecordMeta;
  /**
   * De-duplication key: the RapidPro run uuid, suffixed `/<step>` when the flow posts several
   * records per run (e.g. `…/q3`). The JSON form must declare this field, or CHT drops it.
   */
  rp_event_id: string;
  [field: string]: unknown;
}

/** One RapidPro flow whose runs become CHT records. Implemented by the toolkit's response forms. */
export interface SyncSource {
  /** Resolved to a uuid through flows.json. */
  flowName: string;
  /** JSON form code, e.g. `RP_SYMPTOMS`. */
  formCode: string;
  /**
   * The records the flow's webhooks would have created for this run, exactly (same body as the
   * webhook); `[]` when the run has nothing to post yet. Throws SyncRecordError for malformed run data.
   */
  recordsFromRun(run: RapidProRun): RecordRequest[];
  /**
   * Optional: the run result keys a record of `recordsFromRun` is made of. Sync posts a record
   * of a run that has not exited only when none of them may still change (see `sync/settle.ts`);
   * without this, every record of such a run waits while the node it waits at may save any result.
   */
  resultsRead?(record: RecordRequest): readonly string[] | undefined;
}

/**
 * A run whose data cannot become a record (a missing result, a phone that is not E.164, …).
 * Sync reports it and goes on with the next run. Say what is wrong, not the value itself when it
 * is personal (sync redacts phone numbers in messages anyway).
 */
export class SyncRecordError extends Error {
  override name = 'SyncRecordError';
}
