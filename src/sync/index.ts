/** Reconciliation of RapidPro flow runs into CHT records (the backstop for lost webhooks). */
export { sync, summaryLine } from './sync';
export type { SyncCht, SyncFailure, SyncOptions, SyncProgress, SyncRapidPro, SyncSummary } from './sync';
export { SyncRecordError } from './types';
export type { RapidProRun, RecordMeta, RecordRequest, SyncSource } from './types';
export { SyncStateError, readState, writeState } from './state';
export type { FlowSyncState, SyncState } from './state';
