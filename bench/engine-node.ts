/**
 * CHT 4.11's rules-engine code path in Node: the `RulesEmitter` of cht-core 4.11 (as the test
 * harness bundles it, `shared-libs/rules-engine/src/rules-emitter`). `initialize` builds the
 * `new Function('c', 'Task', 'Target', 'Utils', 'user', 'cht', 'emit', rules)` of
 * `emitter.javascript.js` with a new cht-nootils `Utils`, and `getEmissionsFor(contacts, reports)`
 * marshals the docs by contact and calls it once per contact — what a phone does after the rules
 * engine starts. `cht` is the script API the harness gives the rules engine (cht-datasource's
 * `hasPermissions` over the roles and the app's permissions).
 */
import { createRequire } from 'node:module';
import * as path from 'path';
import { ContactDoc, ReportDoc } from '../src/phone/kit/docs';
import { Phone } from './caseload';

export interface RawEmissions {
  tasks: Record<string, unknown>[];
  targets: Record<string, unknown>[];
}

interface RulesEmitter {
  initialize(settings: object): boolean;
  getEmissionsFor(contacts: ContactDoc[], reports: ReportDoc[]): Promise<RawEmissions>;
  shutdown(): void;
}

interface DataSourceV1 {
  hasPermissions(permissions: string | string[], roles: string[], settings: object): boolean;
  hasAnyPermission(groups: string[][], roles: string[], settings: object): boolean;
}

interface CoreBundle {
  RulesEmitter: RulesEmitter;
  DataSource: { getRemoteDataContext(): unknown; getDatasource(context: unknown): { v1: DataSourceV1 } };
}

const requireFromRoot = createRequire(path.resolve(__dirname, '..', 'package.json'));
export const core = (requireFromRoot('cht-conf-test-harness/src/cht-core-factory.js') as { get(version: string): CoreBundle }).get('4.11.0');

/** The `cht` script API the rules engine gets, for a user with `roles`. */
export function scriptApi(roles: string[], permissions: Record<string, string[]>): object {
  const datasource = core.DataSource.getDatasource(core.DataSource.getRemoteDataContext());
  return {
    v1: {
      hasPermissions: (wanted: string | string[]) => datasource.v1.hasPermissions(wanted, roles, permissions),
      hasAnyPermission: (groups: string[][]) => datasource.v1.hasAnyPermission(groups, roles, permissions),
    },
  };
}

/** One rules-engine start and a full recalculation for every contact of the phone. */
export async function emitOnce(rules: string, phone: Phone, permissions: Record<string, string[]>): Promise<{ ms: number; emissions: RawEmissions }> {
  const api = scriptApi(phone.roles, permissions);
  const start = performance.now();
  core.RulesEmitter.initialize({ rules, rulesAreDeclarative: true, taskSchedules: [], contact: phone.user, chtScriptApi: api });
  try {
    const result = await core.RulesEmitter.getEmissionsFor(phone.contacts, phone.reports);
    const ms = performance.now() - start;
    // the emitter reuses its result object for the next session: keep the arrays
    return { ms, emissions: { tasks: result.tasks, targets: result.targets } };
  } finally {
    core.RulesEmitter.shutdown();
  }
}
