/**
 * One-command, unattended deploy: resolve the RapidPro flows, read what CHT holds, upload with
 * cht-conf (forms and translations first, settings last), store the credentials the pushes and the
 * SMS gateway use, optionally remove CHT's unused default forms.
 */
export { DeployError, DeployStopped, deploy } from './deploy';
export type { DeployOptions, DeployPush, DeployResult, DeployedFlow, ResolvedFlow } from './deploy';
export { ChtAdmin, ChtAdminError } from './cht-admin';
export type { ChtAdminOptions } from './cht-admin';
export { CHT_CONF_ACTIONS, CHT_CONF_FLAGS, CONTENT_ACTIONS, CREDENTIAL_ENV, SETTINGS_ACTIONS, chtConfInvocation, describeInvocation, spawnChtConf } from './cht-conf';
export type { ChtConfHooks, ChtConfInvocation, ChtConfRunner } from './cht-conf';
export { INCOMING_GLOBAL, INCOMING_KEY, INCOMING_PATH, OUTGOING_KEY } from './gateway';
export { DEFAULT_APP_FORMS_411 } from './plan';
export type { DeployPlan } from './plan';
