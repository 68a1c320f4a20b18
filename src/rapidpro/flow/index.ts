/** Typed RapidPro flows: builders for flows, campaigns, fields and groups, and the export format's types. */
export * from './types';
export * from './text';
export * from './cases';
export * from './actions';
export * from './fields';
export * from './campaign';
export * from './triggers';
export * from './drift';
export { FlowBuilder } from './builder';
export type { FlowBuilderOptions, ExpireAfterMinutes, WaitForReplySpec, SplitSpec, CallWebhookSpec, SourcedWebhookSpec, EnterFlowNodeSpec } from './builder';
export { FLOW_SPEC_VERSION } from './synth';
export type { NodeKey, Routes, WebhookSource } from './node-spec';
export { resultKey } from './naming';
