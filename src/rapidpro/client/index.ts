/** RapidPro REST API v2 client: typed endpoints, cursor pagination, rate limits, safe retries. */
export { RapidProClient } from './client';
export type { RapidProClientOptions } from './client';
export { RapidProError, renderDrfError } from './errors';
export type { RapidProErrorKind } from './errors';
export { FlowDirectory, closeNames } from './flow-names';
export type { FlowNameMatch } from './flow-names';
export { RapidProHttp } from './http';
export type { RapidProHttpOptions, RequestOptions } from './http';
export type { Timing } from './retry';
export type * from './types';
