import { ChtError } from '../cht/api/client';
import type { ChtClient } from '../cht/api/client';
import type { RapidProClient } from '../rapidpro/client/client';
import { FlowDirectory } from '../rapidpro/client/flow-names';
import type { RapidProFlow, RapidProRun } from '../rapidpro/client/types';
import { redactText } from '../util/redact';
import { SyncLock, acquireLock, lockPathFor } from './lock';
import { OpenResults, isSettled, openResults } from './settle';
import { FlowSyncState, StateBinding, SyncState, emptyState, ensureStateFolder, readState, removeLeftoverTemporaryFiles, stateKey, writeState } from './state';
import { RecordRequest, SyncRecordError, SyncSource } from './types';

/** The RapidPro calls sync makes (a RapidProClient, or a stand-in). */
export type SyncRapidPro = Pick<RapidProClient, 'listFlows' | 'runPages'>;
/** The CHT calls sync makes (a ChtClient, or a stand-in throwing ChtErrors). */
export type SyncCht = Pick<ChtClient, 'existingEventIds' | 'createRecord'>;

export interface SyncOptions {
  rapidpro: SyncRapidPro;
  cht: SyncCht;
  sources: readonly SyncSource[];
  /** Fetch runs modified at or after this ISO time, instead of where the state file left off. */
  since?: string;
  /**
   * Where progress is kept between runs; without it every sync starts from `since` (or the
   * beginning) and nothing is locked. With it, `binding` is required.
   */
  statePath?: string;
  /** The RapidPro workspace and CHT the state belongs to; a state file of another is refused. */
  binding?: StateBinding;
  /**
   * How far before the saved watermark a resumed sync looks again. RapidPro stamps `modified_on`
   * before its transaction commits, so a run can become visible with a time already passed.
   * Looking again costs only lookups: records CHT has are skipped. Default 300 s.
   */
  overlapSeconds?: number;
  /**
   * Runs modified in the last `settleSeconds` are left for a later sync, and a POST whose outcome
   * was unknown is not sent again before that long. RapidPro calls a flow's webhook when the run
   * reaches it, in the same moment the run is saved: a sync reading that run must not race the
   * webhook's POST, which CHT may still be processing. Default 600 s.
   */
  settleSeconds?: number;
  /** Outstanding records retried per flow per sync, oldest first (each costs a runs.json call). Default 100. */
  maxRetriesPerFlow?: number;
  now?: () => number;
  onProgress?: (progress: SyncProgress) => void;
  /** One line per run skipped as malformed, record CHT refused, and flow that cannot be synced. */
  log?: (line: string) => void;
}

/** Totals so far, for progress display. */
export interface SyncProgress {
  flowName: string;
  fetchedRuns: number;
  created: number;
  skippedExisting: number;
  failed: number;
  outstanding: number;
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
  /** Records of runs still waiting at a node that may change them: posted by a later sync. */
  unsettled: number;
  /** Malformed runs, flows that cannot be synced, and the call that stopped the sync. */
  failed: number;
  /** Records the state holds to retry (CHT refused them, or CHT's answer was lost), after this sync. */
  outstanding: number;
  /** The first failures (at most 1000), for the report. */
  failures: SyncFailure[];
  /** Why the sync stopped early (CHT or RapidPro unavailable, …); progress up to there is saved. */
  aborted?: string;
}

const MAX_FAILURES_KEPT = 1000;
/** POSTs in a row without an answer before CHT is taken to be unavailable. */
const MAX_UNKNOWN_IN_A_ROW = 3;

/** Stops the whole sync (CHT unavailable, wrong credentials, lock lost). */
class Stop extends Error {}
/** Stops one flow (its JSON form is missing in CHT); the others go on. */
class FlowStop extends Error {}

interface Context {
  options: SyncOptions;
  state: SyncState;
  summary: SyncSummary;
  log: (line: string) => void;
  fail: (failure: SyncFailure) => void;
  save: () => void;
  now: () => number;
  settleMs: number;
  /** Runs modified after this are left for a later sync. */
  before: string;
  /** rp_event_ids posted or looked up in this sync: the scan does not try them a second time. */
  tried: Set<string>;
  unknownInARow: number;
  lock?: SyncLock;
}

/**
 * Posts to CHT the records RapidPro runs should have produced but CHT does not have: the backstop
 * for lost webhooks. CHT keeps every POST (an identical body makes a second document), so:
 * - at most one sync runs per state file (a lock a killed sync does not leave stuck);
 * - runs modified in the settle window are left for later, so a webhook in flight is not raced;
 * - only settled answers are posted (see `settle.ts`);
 * - before each POST, CHT is asked which `rp_event_id`s it holds, and a POST whose outcome is
 *   unknown is looked up, never blindly repeated;
 * - a record CHT refuses is reported and remembered, the rest go on, and it is retried next time;
 * - progress is saved only past runs whose records are all in CHT or remembered, so a crash or an
 *   outage loses nothing.
 * Throws SyncStateError / SyncLockedError / SyncLockError before anything is posted when the
 * state cannot be used.
 */
export async function sync(options: SyncOptions): Promise<SyncSummary> {
  const summary: SyncSummary = { fetchedRuns: 0, created: 0, skippedExisting: 0, unsettled: 0, failed: 0, outstanding: 0, failures: [] };
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  if (options.statePath && !options.binding) throw new Error('sync: a state file needs options.binding (the RapidPro workspace and CHT it belongs to)');
  const binding = options.binding ?? { rapidpro: { host: '', workspace: null }, cht: '' };
  const settleMs = Math.max(0, options.settleSeconds ?? 600) * 1000;
  const fail = (failure: SyncFailure): void => {
    summary.failed++;
    const reason = redactText(failure.reason);
    if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push({ ...failure, reason });
    const where = failure.runUuid ? `run ${failure.runUuid} of "${failure.flowName}" (modified ${failure.modifiedOn})` : `flow "${failure.flowName}"`;
    log(`skipped ${where}: ${reason}`);
  };

  if (options.statePath) ensureStateFolder(options.statePath);
  const lock = options.statePath ? acquireLock(lockPathFor(options.statePath), { log, now }) : undefined;
  try {
    const statePath = options.statePath;
    if (statePath) removeLeftoverTemporaryFiles(statePath);
    const state = statePath ? readState(statePath, binding, now()) : emptyState(binding);
    // Same host and workspace uuid (checked); the workspace may have been renamed.
    state.rapidpro = { ...binding.rapidpro };
    const save = (): void => {
      if (!statePath) return;
      lock?.check();
      writeState(statePath, state);
    };
    // Proves the state can be saved before anything is posted.
    save();
    const ctx: Context = {
      options, state, summary, log, fail, save, now, settleMs,
      before: new Date(now() - settleMs).toISOString(),
      tried: new Set(), unknownInARow: 0, lock,
    };

    let flows: RapidProFlow[];
    try {
      flows = [];
      for await (const flow of options.rapidpro.listFlows()) flows.push(flow);
    } catch (error) {
      summary.failed++;
      summary.aborted = `cannot list RapidPro flows: ${message(error)}`;
      return finish(ctx);
    }
    const directory = new FlowDirectory(flows);
    const byUuid = new Map(flows.map((flow) => [flow.uuid, flow]));

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
      const targets = [match.flow, ...replacedFlows(ctx, source, match.flow, byUuid)];
      for (const flow of targets) {
        const stopped = await syncFlow(ctx, source, flow);
        if (stopped) {
          summary.failed++;
          summary.aborted = stopped;
          return finish(ctx);
        }
      }
    }
    return finish(ctx);
  } finally {
    lock?.release();
  }
}

/** Totals the records left to retry for the flows this sync serves (entries of workflows since removed cannot be retried). */
function finish(ctx: Context): SyncSummary {
  const served = new Set(ctx.options.sources.map((source) => `${source.flowName}\n${source.formCode.toUpperCase()}`));
  ctx.summary.outstanding = Object.values(ctx.state.flows)
    .filter((entry) => served.has(`${entry.flowName}\n${entry.formCode}`))
    .reduce((sum, entry) => sum + Object.keys(entry.outstanding ?? {}).length, 0);
  return ctx.summary;
}

/**
 * Flows the state synced under this name and form that the workspace now has under another uuid
 * (deleted and imported again, or copied): their runs up to the replacement are still synced.
 */
function replacedFlows(ctx: Context, source: SyncSource, current: RapidProFlow, byUuid: Map<string, RapidProFlow>): RapidProFlow[] {
  const form = source.formCode.toUpperCase();
  const found: RapidProFlow[] = [];
  for (const [key, entry] of Object.entries(ctx.state.flows)) {
    const uuid = key.slice(0, key.lastIndexOf(':'));
    const old = byUuid.get(uuid);
    if (entry.flowName !== source.flowName || entry.formCode !== form || uuid === current.uuid || !old) continue;
    if (entry.replacedBy !== current.uuid) {
      ctx.log(`flow "${source.flowName}" is ${current.uuid} in the workspace now; the runs of ${uuid}, which the state file synced before, are still synced`);
      entry.replacedBy = current.uuid;
    }
    found.push(old);
  }
  return found;
}

/** Syncs one flow: outstanding records first, then the runs modified since the watermark. Returns why everything must stop. */
async function syncFlow(ctx: Context, source: SyncSource, flow: RapidProFlow): Promise<string | undefined> {
  const { options, state, summary } = ctx;
  const key = stateKey(flow.uuid, source.formCode);
  const entry: FlowSyncState = state.flows[key] ?? { flowName: source.flowName, formCode: source.formCode.toUpperCase(), updatedAt: new Date(ctx.now()).toISOString() };
  state.flows[key] = entry;
  let watermark = entry.watermark;
  const persist = (): void => {
    entry.watermark = watermark;
    entry.updatedAt = new Date(ctx.now()).toISOString();
    if (entry.outstanding && Object.keys(entry.outstanding).length === 0) delete entry.outstanding;
    ctx.save();
  };
  const progress = (): void =>
    options.onProgress?.({
      flowName: source.flowName, fetchedRuns: summary.fetchedRuns, created: summary.created,
      skippedExisting: summary.skippedExisting, failed: summary.failed, outstanding: Object.keys(entry.outstanding ?? {}).length,
    });

  progress();
  try {
    await retryOutstanding(ctx, source, flow, entry);
    persist();
    const saved = entry.watermark;
    const after = options.since ?? (saved ? minusSeconds(saved, options.overlapSeconds ?? 300) : undefined);
    // Oldest first, so "every run up to the watermark is done" holds after each run.
    for await (const page of options.rapidpro.runPages({ flow: flow.uuid, after, before: ctx.before, reverse: true })) {
      summary.fetchedRuns += page.length;
      const prepared = page.map((run) => prepare(source, run, flow));
      const due = prepared.flatMap((item) => ('records' in item ? item.records.filter((r) => r.settled).map((r) => r.record.rp_event_id) : []));
      const existing = await lookup(ctx, source, due.filter((id) => !ctx.tried.has(id)));
      ctx.lock?.check();
      for (const item of prepared) {
        if ('error' in item) {
          ctx.fail({ flowName: source.flowName, runUuid: item.run.uuid, modifiedOn: item.run.modified_on, reason: item.error });
        } else {
          await handleRecords(ctx, source, entry, item.run, item.records, existing);
        }
        watermark = later(watermark, item.run.modified_on);
        progress();
      }
      persist();
    }
    return undefined;
  } catch (error) {
    if (error instanceof FlowStop) {
      ctx.fail({ flowName: source.flowName, reason: `${error.message}; the flow's later runs wait for the next sync` });
      return undefined;
    }
    return `while syncing "${source.flowName}": ${message(error)}`;
  } finally {
    try {
      persist();
    } catch {
      // The state could be saved before; a failure now (disk full, lock lost) keeps the last good one.
    }
    progress();
  }
}

/** Looks up ids in CHT; a CHT that cannot answer stops the sync. */
async function lookup(ctx: Context, source: SyncSource, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  try {
    return await ctx.options.cht.existingEventIds(source.formCode, ids);
  } catch (error) {
    throw new Stop(message(error));
  }
}

interface PreparedRecord {
  record: RecordRequest;
  settled: boolean;
}

/** Posts the settled records of one run that CHT does not have. */
async function handleRecords(ctx: Context, source: SyncSource, entry: FlowSyncState, run: RapidProRun, records: PreparedRecord[], existing: Set<string>): Promise<void> {
  for (const { record, settled } of records) {
    const id = record.rp_event_id;
    if (!settled) {
      ctx.summary.unsettled++;
      continue;
    }
    if (ctx.tried.has(id)) continue;
    ctx.tried.add(id);
    if (existing.has(id)) {
      ctx.summary.skippedExisting++;
      forget(entry, id);
      continue;
    }
    const pending = entry.outstanding?.[id];
    // Its last POST got no answer and may still be saved by CHT: give it the settle window.
    if (pending?.unknownSince && ctx.now() - Date.parse(pending.unknownSince) < ctx.settleMs) continue;
    await post(ctx, source, entry, run, record);
  }
}

async function post(ctx: Context, source: SyncSource, entry: FlowSyncState, run: RapidProRun, record: RecordRequest): Promise<void> {
  const id = record.rp_event_id;
  const resolved = (): void => forget(entry, id);
  try {
    await ctx.options.cht.createRecord(record);
    ctx.unknownInARow = 0;
    ctx.summary.created++;
    resolved();
    return;
  } catch (error) {
    if (!(error instanceof ChtError)) throw new Stop(message(error));
    const details = oneLine(error.details ?? error.message);
    if (error.kind === 'refused') {
      ctx.unknownInARow = 0;
      if (/^Form not found/i.test(error.details ?? '')) throw new FlowStop(error.message);
      remember(ctx, entry, id, run.uuid, details);
      ctx.log(`CHT refused a record: flow "${source.flowName}", run ${run.uuid}, rp_event_id ${id}: ${redactText(details)}; will retry on the next sync`);
      return;
    }
    if (error.kind !== 'unknown') throw new Stop(error.message);
    // The POST may have been saved (or be saved yet): look before anything else.
    const present = (await lookup(ctx, source, [id])).has(id);
    if (present) {
      ctx.unknownInARow = 0;
      ctx.summary.created++;
      resolved();
      return;
    }
    remember(ctx, entry, id, run.uuid, details, true);
    ctx.log(`no answer from CHT for the record of flow "${source.flowName}", run ${run.uuid}, rp_event_id ${id} (${redactText(details)}); not in CHT yet, so it is looked up again and posted only if still missing on a sync after ${Math.round(ctx.settleMs / 60_000)} minutes`);
    if (++ctx.unknownInARow >= MAX_UNKNOWN_IN_A_ROW) throw new Stop(`CHT did not answer ${MAX_UNKNOWN_IN_A_ROW} record POSTs in a row (${redactText(details)})`);
  }
}

function forget(entry: FlowSyncState, id: string): void {
  if (entry.outstanding?.[id]) entry.outstanding = Object.fromEntries(Object.entries(entry.outstanding).filter(([key]) => key !== id));
}

function remember(ctx: Context, entry: FlowSyncState, id: string, run: string, reason: string, unknown = false): void {
  const at = new Date(ctx.now()).toISOString();
  const previous = entry.outstanding?.[id];
  entry.outstanding = entry.outstanding ?? {};
  entry.outstanding[id] = {
    run,
    reason: redactText(reason),
    attempts: (previous?.attempts ?? 0) + 1,
    firstFailedAt: previous?.firstFailedAt ?? at,
    lastTriedAt: at,
    ...(unknown ? { unknownSince: at } : {}),
  };
}

/** Reads each outstanding record's run again and retries what is still missing from CHT. */
async function retryOutstanding(ctx: Context, source: SyncSource, flow: RapidProFlow, entry: FlowSyncState): Promise<void> {
  const outstanding = entry.outstanding ?? {};
  const byRun = new Map<string, string[]>();
  const oldestFirst = Object.entries(outstanding).sort(([, a], [, b]) => a.firstFailedAt.localeCompare(b.firstFailedAt));
  for (const [id, record] of oldestFirst) byRun.set(record.run, [...(byRun.get(record.run) ?? []), id]);
  const limit = ctx.options.maxRetriesPerFlow ?? 100;
  if (byRun.size > limit) ctx.log(`flow "${source.flowName}": ${byRun.size - limit} runs with outstanding records wait for a later sync (${limit} retried per sync)`);

  for (const [runUuid, ids] of [...byRun].slice(0, limit)) {
    let run: RapidProRun | undefined;
    for await (const page of ctx.options.rapidpro.runPages({ flow: flow.uuid, uuid: runUuid })) {
      run = page[0];
      break;
    }
    if (!run) {
      for (const id of ids) forget(entry, id);
      ctx.log(`dropped ${ids.length} outstanding record(s) of flow "${source.flowName}": run ${runUuid} is no longer in RapidPro`);
      continue;
    }
    // Modified in the settle window: a webhook may be on its way; a later sync scans it.
    if (Date.parse(run.modified_on) > Date.parse(ctx.before)) continue;
    const prepared = prepare(source, run, flow);
    if ('error' in prepared) {
      ctx.fail({ flowName: source.flowName, runUuid: run.uuid, modifiedOn: run.modified_on, reason: prepared.error });
      continue;
    }
    const wanted = new Set(ids);
    const records = prepared.records.filter((item) => wanted.has(item.record.rp_event_id));
    for (const id of ids) {
      if (records.some((item) => item.record.rp_event_id === id)) continue;
      forget(entry, id);
      ctx.log(`dropped outstanding record ${id} of flow "${source.flowName}": run ${runUuid} no longer produces it`);
    }
    const existing = await lookup(ctx, source, records.filter((item) => item.settled).map((item) => item.record.rp_event_id));
    ctx.lock?.check();
    await handleRecords(ctx, source, entry, run, records, existing);
  }
}

const BUILT_IN_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

type Prepared = { run: RapidProRun; records: PreparedRecord[] } | { run: RapidProRun; error: string };

/** The run's records, checked against the contract sync relies on for de-duplication, each marked settled or not. */
function prepare(source: SyncSource, run: RapidProRun, flow: RapidProFlow): Prepared {
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
  const open: OpenResults = openResults(run, flow.results ?? []);
  return {
    run,
    records: (records as RecordRequest[]).map((record) => ({ record, settled: isSettled(open, source.resultsRead?.(record)) })),
  };
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

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function message(error: unknown): string {
  return redactText(oneLine(error instanceof Error ? error.message : String(error)));
}

/**
 * `fetched N runs, created X records, skipped Y already in CHT, Z failed`, then what is left:
 * `, U not settled yet` and `; O records outstanding, will retry`.
 */
export function summaryLine(summary: SyncSummary): string {
  let line = `fetched ${summary.fetchedRuns} runs, created ${summary.created} records, skipped ${summary.skippedExisting} already in CHT, ${summary.failed} failed`;
  if (summary.unsettled) line += `, ${summary.unsettled} not settled yet (a later sync posts them)`;
  if (summary.outstanding) line += `; ${summary.outstanding} record${summary.outstanding === 1 ? '' : 's'} outstanding, will retry`;
  return line;
}

/** 0 all done; 1 something failed or stopped the sync; 3 only records outstanding (retried next time). */
export function syncExitCode(summary: SyncSummary): number {
  if (summary.aborted || summary.failed > 0) return 1;
  if (summary.outstanding > 0) return 3;
  return 0;
}
