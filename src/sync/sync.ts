import type { ChtClient } from '../cht/api/client';
import type { RapidProClient } from '../rapidpro/client/client';
import type { FlowDirectory } from '../rapidpro/client/flow-names';
import type { RapidProRun } from '../rapidpro/client/types';
import { redactText } from '../util/redact';
import { SyncState, emptyState, readState, stateKey, writeState } from './state';
import { RecordRequest, SyncRecordError, SyncSource } from './types';

/** The RapidPro calls sync makes (a RapidProClient, or a stand-in). */
export type SyncRapidPro = Pick<RapidProClient, 'flowDirectory' | 'runPages'>;
/** The CHT calls sync makes (a ChtClient, or a stand-in). */
export type SyncCht = Pick<ChtClient, 'existingEventIds' | 'createRecord'>;

export interface SyncOptions {
  rapidpro: SyncRapidPro;
  cht: SyncCht;
  sources: readonly SyncSource[];
  /** Fetch runs modified at or after this ISO time, instead of where the state file left off. */
  since?: string;
  /** Where progress is kept between runs; without it every sync starts from `since` (or the beginning). */
  statePath?: string;
  /**
   * How far before the saved watermark a resumed sync looks again. RapidPro stamps `modified_on`
   * before its transaction commits, so a run can become visible with a time already passed.
   * Looking again costs only lookups: records CHT has are skipped. Default 300 s.
   */
  overlapSeconds?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** One line per run skipped as malformed and per flow that cannot be synced. */
  log?: (line: string) => void;
}

/** Totals so far, for progress display. */
export interface SyncProgress {
  flowName: string;
  fetchedRuns: number;
  created: number;
  skippedExisting: number;
  failed: number;
}

export interface SyncFailure {
  flowName: string;
  runUuid?: string;
  modifiedOn?: string;
  reason: string;
}

export interface SyncSummary {
  fetchedRuns: number;
  created: number;
  skippedExisting: number;
  /** Malformed runs, flows that cannot be resolved, and the call that stopped the sync. */
  failed: number;
  /** The first failures (at most 1000), for the report. */
  failures: SyncFailure[];
  /** Why the sync stopped early (CHT or RapidPro unavailable, …); progress up to there is saved. */
  aborted?: string;
}

const MAX_FAILURES_KEPT = 1000;

/**
 * Posts to CHT the records RapidPro runs should have produced but CHT does not have: the backstop
 * for lost webhooks. Idempotent: CHT itself is asked which `rp_event_id`s it holds, so a rerun,
 * on this machine or another, creates nothing twice; progress is saved only past runs whose
 * records are all in CHT, so a crash or an outage loses nothing.
 */
export async function sync(options: SyncOptions): Promise<SyncSummary> {
  const summary: SyncSummary = { fetchedRuns: 0, created: 0, skippedExisting: 0, failed: 0, failures: [] };
  const state = options.statePath ? readState(options.statePath) : emptyState();
  const log = options.log ?? (() => undefined);
  const fail = (failure: SyncFailure): void => {
    summary.failed++;
    const reason = redactText(failure.reason);
    if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push({ ...failure, reason });
    const where = failure.runUuid ? `run ${failure.runUuid} of "${failure.flowName}" (modified ${failure.modifiedOn})` : `flow "${failure.flowName}"`;
    log(`skipped ${where}: ${reason}`);
  };

  let directory: FlowDirectory;
  try {
    directory = await options.rapidpro.flowDirectory();
  } catch (error) {
    summary.failed++;
    summary.aborted = `cannot list RapidPro flows: ${message(error)}`;
    return summary;
  }

  for (const source of options.sources) {
    const match = directory.match(source.flowName);
    if (match.status === 'missing') {
      const hint = match.closeNames.length ? ` (close names: ${match.closeNames.map((n) => `"${n}"`).join(', ')})` : '';
      fail({ flowName: source.flowName, reason: `no flow with this name in the RapidPro workspace; import its export first${hint}` });
      continue;
    }
    if (match.status === 'ambiguous') {
      fail({ flowName: source.flowName, reason: `${match.uuids.length} active flows have this name (${match.uuids.join(', ')}); archive the extra ones` });
      continue;
    }
    const stopped = await syncFlow(options, source, match.flow.uuid, state, summary, fail);
    if (stopped) {
      summary.failed++;
      summary.aborted = stopped;
      break;
    }
  }
  return summary;
}

/** Syncs one flow; returns why it had to stop everything, or undefined. */
async function syncFlow(
  options: SyncOptions,
  source: SyncSource,
  flowUuid: string,
  state: SyncState,
  summary: SyncSummary,
  fail: (failure: SyncFailure) => void,
): Promise<string | undefined> {
  const key = stateKey(flowUuid, source.formCode);
  const saved = state.flows[key]?.watermark;
  const after = options.since ?? (saved ? minusSeconds(saved, options.overlapSeconds ?? 300) : undefined);
  let watermark = saved;
  let persisted = saved;
  const persist = (): void => {
    if (!options.statePath || !watermark || watermark === persisted) return;
    state.flows[key] = { flowName: source.flowName, formCode: source.formCode.toUpperCase(), watermark, updatedAt: new Date().toISOString() };
    writeState(options.statePath, state);
    persisted = watermark;
  };
  const progress = (): void =>
    options.onProgress?.({ flowName: source.flowName, fetchedRuns: summary.fetchedRuns, created: summary.created, skippedExisting: summary.skippedExisting, failed: summary.failed });

  progress();
  try {
    // Oldest first, so "every run up to the watermark is done" holds after each run.
    for await (const page of options.rapidpro.runPages({ flow: flowUuid, after, reverse: true })) {
      summary.fetchedRuns += page.length;
      const prepared = page.map((run) => prepare(source, run));
      const ids = prepared.flatMap((item) => ('records' in item ? item.records.map((r) => r.rp_event_id) : []));
      const existing = ids.length ? await options.cht.existingEventIds(source.formCode, ids) : new Set<string>();
      for (const item of prepared) {
        if ('error' in item) {
          fail({ flowName: source.flowName, runUuid: item.run.uuid, modifiedOn: item.run.modified_on, reason: item.error });
        } else {
          for (const record of item.records) {
            if (existing.has(record.rp_event_id)) {
              summary.skippedExisting++;
              continue;
            }
            await options.cht.createRecord(record);
            existing.add(record.rp_event_id);
            summary.created++;
          }
        }
        watermark = later(watermark, item.run.modified_on);
        progress();
      }
      persist();
    }
    return undefined;
  } catch (error) {
    return `while syncing "${source.flowName}": ${message(error)}`;
  } finally {
    persist();
  }
}

const BUILT_IN_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

type Prepared = { run: RapidProRun; records: RecordRequest[] } | { run: RapidProRun; error: string };

/** The run's records, checked against the contract sync relies on for de-duplication. */
function prepare(source: SyncSource, run: RapidProRun): Prepared {
  let records: unknown;
  try {
    records = source.recordsFromRun(run);
  } catch (error) {
    // SyncRecordError and the toolkit's own mapping errors describe the data; a JavaScript
    // TypeError or the like means a bug in the source, which the report should say.
    const bug = !(error instanceof SyncRecordError) && (!(error instanceof Error) || BUILT_IN_ERRORS.has(error.name));
    return { run, error: bug ? `the sync source failed on this run (a bug?): ${error instanceof Error ? error.name + ': ' : ''}${message(error)}` : message(error) };
  }
  if (!Array.isArray(records)) return { run, error: 'the sync source returned no list of records' };
  const seen = new Set<string>();
  for (const record of records as RecordRequest[]) {
    const id: unknown = record?.rp_event_id;
    if (typeof id !== 'string' || (id !== run.uuid && !id.startsWith(`${run.uuid}/`))) {
      return { run, error: `a record's rp_event_id must be the run uuid, or the run uuid and "/<step>" (got ${JSON.stringify(id)})` };
    }
    if (seen.has(id)) return { run, error: `two records share rp_event_id ${id}` };
    seen.add(id);
    const form = record._meta?.form;
    if (typeof form !== 'string' || form.toUpperCase() !== source.formCode.toUpperCase()) {
      return { run, error: `a record is for form ${JSON.stringify(form)}, not ${source.formCode}` };
    }
  }
  return { run, records: records as RecordRequest[] };
}

/** The later of two RapidPro timestamps, keeping RapidPro's own text (microseconds included). */
function later(current: string | undefined, candidate: string): string {
  if (!current) return candidate;
  const a = Date.parse(current);
  const b = Date.parse(candidate);
  if (Number.isNaN(b)) return current;
  return b > a || (b === a && candidate > current) ? candidate : current;
}

function minusSeconds(iso: string, seconds: number): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time - seconds * 1000).toISOString();
}

function message(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error));
}

/** `fetched N runs, created X records, skipped Y already in CHT, Z failed`. */
export function summaryLine(summary: SyncSummary): string {
  return `fetched ${summary.fetchedRuns} runs, created ${summary.created} records, skipped ${summary.skippedExisting} already in CHT, ${summary.failed} failed`;
}
