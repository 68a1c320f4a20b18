/** CHT HTTP API client for the RapidPro integration: records, credentials, de-duplication lookups. */
export { ChtClient, ChtError } from './client';
export type { ChtClientOptions, ChtRecordBody } from './client';
export { ChtConfigError, chtConnection, chtUrlWithCredentials } from './connection';
export type { ChtConnection } from './connection';
