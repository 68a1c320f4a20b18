/** One-command deploy: resolve RapidPro flows, set CHT credentials, upload with cht-conf. */
export { DeployError, deploy } from './deploy';
export type { DeployOptions, DeployResult, DeployedFlow, ResolvedFlow } from './deploy';
export { CHT_CONF_ACTIONS, chtConfInvocation, describeInvocation, spawnChtConf } from './cht-conf';
export type { ChtConfInvocation, ChtConfRunner } from './cht-conf';
