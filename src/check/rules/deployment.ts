/**
 * The deployment model in `app_settings/base_settings.json`: the roles are configured as the
 * placement needs (online or offline, replication depth), the integration roles have exactly the
 * permissions their README line states, and — computed by CHT 4.11's replication rules on a small
 * hierarchy placed as the README says — every report reaches the phones that need it and no other.
 */
import { REPORT_DESIGN, auditReplication, contactDocs, shapedDocs, FormShape, appFormShape } from '../../deployment/audit';
import { buildHierarchy } from '../../deployment/hierarchy';
import { PURGE_POLICY, purgeFunctionSource } from '../../deployment/purge';
import { compilePurgeFn } from '../../deployment/purge-run';
import { ReplicationSettings, depthOf } from '../../deployment/replication';
import { INTEGRATION_CREDENTIALS, PLACEMENTS, ROLES } from '../../deployment/roles';
import { CheckProject } from '../project';
import { Problem, error } from '../problem';

const FILE = 'app_settings/base_settings.json';

export function checkDeployment(project: CheckProject): Problem[] {
  if (!project.exists(FILE)) return [];
  let settings: ReplicationSettings;
  try {
    settings = project.readJson(FILE) as ReplicationSettings;
  } catch {
    return []; // reported by the rules that read the settings as JSON
  }
  const problems: Problem[] = [];
  const roles = settings.roles ?? {};
  const designed = project.workflows.filter((workflow) => workflow.id in REPORT_DESIGN);

  // the health workers' placement matters to the workflows' reports; the integration users' always
  const workers: readonly string[] = [ROLES.chw, ROLES.supervisor];
  for (const placement of PLACEMENTS) {
    if (workers.includes(placement.role) && !designed.length) continue;
    const role = roles[placement.role];
    if (!role) {
      if (workers.includes(placement.role)) problems.push(error(FILE, `roles.${placement.role}`, `role ${placement.role} is not configured, but the workflows place users in it`, `add "${placement.role}": { "name": "usertype.${placement.role.replace(/_/g, '-')}", "offline": ${placement.offline} }`));
      continue;
    }
    if (Boolean(role.offline) !== placement.offline) {
      problems.push(error(FILE, `roles.${placement.role}`, `role ${placement.role} is ${role.offline ? 'offline' : 'online'}; the placement needs it ${placement.offline ? 'offline' : 'online'}`,
        placement.offline ? `set "offline": true (${placement.role === ROLES.webhook ? 'an online user reads the whole medic database' : 'its users work on their phones'})` : 'set "offline": false'));
    }
    if (placement.offline && placement.depth !== undefined) {
      const { contactDepth } = depthOf(settings, [placement.role]);
      if (contactDepth !== placement.depth) {
        problems.push(error(FILE, 'replication_depth', `role ${placement.role} replicates ${contactDepth < 0 ? 'without a depth limit' : `to depth ${contactDepth}`}; its placement needs depth ${placement.depth} (${placement.where})`,
          `set { "role": "${placement.role}", "depth": ${placement.depth} } in replication_depth`));
      }
    }
  }

  for (const credential of INTEGRATION_CREDENTIALS) {
    if (!roles[credential.role]) continue;
    const granted = Object.entries(settings.permissions ?? {}).filter(([, holders]) => holders.includes(credential.role)).map(([permission]) => permission);
    const extra = granted.filter((permission) => !credential.permissions.includes(permission));
    const missing = credential.permissions.filter((permission) => !granted.includes(permission));
    if (extra.length) {
      problems.push(error(FILE, 'permissions', `integration role ${credential.role} has ${extra.join(', ')}: more than it needs (${credential.permissions.join(', ')})`, `remove "${credential.role}" from ${extra.join(', ')}`));
    }
    if (missing.length) {
      problems.push(error(FILE, 'permissions', `integration role ${credential.role} lacks ${missing.join(', ')}: ${credential.usedBy} cannot create records`, `add "${credential.role}" to ${missing.join(', ')}`));
    }
  }

  if (!designed.length || !roles[ROLES.chw] || !roles[ROLES.supervisor] || problems.length) return problems;
  const shapes = new Map<string, FormShape>();
  for (const form of designed.flatMap((workflow) => workflow.appForms)) {
    const parsed = project.appForm(form.id);
    if (parsed) shapes.set(form.id, appFormShape(parsed));
  }
  const hierarchy = buildHierarchy({ areas: [[1, 1], [1], [1]], membersPerHousehold: 1, tracedPerHousehold: 1, multiFacility: [1, 2] });
  const docs = [...contactDocs(hierarchy), ...shapedDocs(hierarchy, designed, shapes)];
  const violations = auditReplication(settings, hierarchy, docs, compilePurgeFn(purgeFunctionSource(PURGE_POLICY)));
  const seen = new Set<string>();
  for (const violation of violations) {
    const key = `${violation.user.replace(/(_\d+)+$/, '')}|${violation.label}|${violation.what}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const who = violation.user.startsWith('supervisor') ? 'a supervisor' : violation.user.startsWith('chw') ? 'a CHW' : 'the integration user';
    problems.push(error(FILE, 'replication_depth',
      `${who} ${violation.what === 'missing' ? 'would not receive' : 'would receive'} ${violation.label} (${violation.why}) — computed with CHT 4.11's replication rules on a hierarchy placed as the README says`,
      'restore the placement\'s roles and depths (see src/deployment/roles.ts), or change the report design and its audit (src/deployment/audit.ts) together'));
  }
  return problems;
}
