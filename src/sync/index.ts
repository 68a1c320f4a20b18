/** Reconciliation of RapidPro flow runs into CHT records (the backstop for lost webhooks). */
export { sync, summaryLine, syncExitCode } from './sync';
export type { SyncCht, SyncFailure, SyncOptions, SyncProgress, SyncRapidPro, SyncSummary } from './sync';
export { SyncRecordError } from './types';
export type { RapidProRun, RecordMeta, RecordRequest, SyncSource } from './types';
export { SyncStateError, emptyState, readState, stateKey, writeState } from './state';
export type { FlowSyncState, OutstandingRecord, StateBinding, SyncState } from './state';
export { SyncLockError, SyncLockedError, acquireLock, lockPathFor } from './lock';
export type { LockHolder, SyncLock } from './lock';
export { isSettled, openResults } from './settle';
export { isIsoInstant, parseIsoSince } from './iso';
export { defaultStatePath, rapidproWorkspace } from './instance';
