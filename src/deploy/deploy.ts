import * as path from 'path';
import type { ChtClient } from '../cht/api/client';
import { SynthOptions, synthesize } from '../project/synth';
import type { RapidProClient } from '../rapidpro/client/client';
import { ChtConfRunner, chtConfInvocation, describeInvocation, spawnChtConf } from './cht-conf';
import { SETTINGS_INHERIT, pushesNotSendingTo, rapidProPushes, withoutTrailingSlash } from './outbound';
import { copyProject, keepSnapshots, removeCopy, writeFiles } from './project-copy';

/** A RapidPro flow the project's outbound pushes start, and the export that creates it. */
export interface DeployedFlow {
  name: string;
  /** Project-relative export file, e.g. `rapidpro/contact-tracing.json`. */
  exportFile: string;
}

export interface ResolvedFlow extends DeployedFlow {
  uuid: string;
}

export interface DeployOptions {
  projectDir: string;
  /** The target workspace; its host and token also go into the pushes and CHT's credential store. */
  rapidpro: Pick<RapidProClient, 'flowDirectory' | 'host'>;
  rapidproToken: string;
  cht: Pick<ChtClient, 'setCredential'>;
  /** CHT URL with credentials, as cht-conf's `--url` takes it. */
  chtUrl: string;
  flows: readonly DeployedFlow[];
  /** Produces the project's generated files; defaults to the workflows' generator. */
  generate?: (options: SynthOptions) => ReadonlyMap<string, string>;
  runChtConf?: ChtConfRunner;
  /** Report the plan (flows, credential keys, cht-conf command) and change nothing. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface DeployResult {
  flows: ResolvedFlow[];
  /** Credential keys set (or, in a dry run, that would be set). Values are never reported. */
  credentialKeys: string[];
  /** The cht-conf command line, password masked. */
  command: string;
  /** cht-conf's exit code; 0 in a dry run. */
  exitCode: number;
}

/** Something to fix before deploying; the message says what and how. */
export class DeployError extends Error {
  override name = 'DeployError';
}

/**
 * Deploys the project to one CHT instance wired to one RapidPro workspace: resolves the flows by
 * name, generates the configuration with their UUIDs in a temporary copy of the project, stores the
 * token the pushes send in CHT's credential store, then uploads with cht-conf from the copy.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const log = options.log ?? (() => undefined);
  if (!options.flows.length) throw new DeployError('no workflow declares a RapidPro flow to deploy (src/workflows/sync-sources.ts → deployedFlows())');
  const flows = await resolveFlows(options);
  log(`RapidPro workspace ${options.rapidpro.host}: ${flows.length} flow(s) resolved`);
  for (const flow of flows) log(`  ${flow.name} → ${flow.uuid}`);

  const generate = options.generate ?? ((synth: SynthOptions) => synthesize(synth).files);
  const files = new Map(generate({
    flowUuids: Object.fromEntries(flows.map((f) => [f.name, f.uuid])),
    rapidproUrl: withoutTrailingSlash(options.rapidpro.host),
  }));
  const credentialKeys = checkPushes(files, flows, options.rapidpro.host, log);

  const copy = copyProject(options.projectDir);
  try {
    writeFiles(copy, files);
    const invocation = chtConfInvocation(options.projectDir, copy, options.chtUrl);
    const command = describeInvocation(invocation);
    if (options.dryRun) {
      log(`would set CHT credential(s): ${credentialKeys.join(', ') || 'none'} (value: Token <RapidPro token>)`);
      log(`would run: ${command}`);
      log('dry run: nothing was changed');
      return { flows, credentialKeys, command, exitCode: 0 };
    }
    for (const key of credentialKeys) {
      await options.cht.setCredential(key, `Token ${options.rapidproToken}`);
      log(`set CHT credential ${key}`);
    }
    log(`running: ${command}`);
    const exitCode = await (options.runChtConf ?? spawnChtConf)(invocation);
    if (exitCode === 0) keepSnapshots(copy, options.projectDir);
    log(exitCode === 0 ? 'deploy complete' : `cht-conf failed with exit code ${exitCode}: see its messages above`);
    return { flows, credentialKeys, command, exitCode };
  } finally {
    removeCopy(copy);
  }
}

/** Every flow by exact name, or one error listing each missing flow, its export and look-alikes. */
async function resolveFlows(options: DeployOptions): Promise<ResolvedFlow[]> {
  const directory = await options.rapidpro.flowDirectory();
  const resolved: ResolvedFlow[] = [];
  const problems: string[] = [];
  for (const flow of options.flows) {
    const match = directory.match(flow.name);
    if (match.status === 'found') {
      resolved.push({ ...flow, uuid: match.flow.uuid });
    } else if (match.status === 'ambiguous') {
      problems.push(`flow "${flow.name}": ${match.uuids.length} active flows have this name (${match.uuids.join(', ')}); archive the extra ones`);
    } else {
      const close = match.closeNames.length ? `; close names in the workspace: ${match.closeNames.map((n) => `"${n}"`).join(', ')}` : '';
      problems.push(`flow "${flow.name}" is not in the workspace: import ${flow.exportFile} (RapidPro → Settings → Import)${close}`);
    }
  }
  if (problems.length) {
    throw new DeployError(`RapidPro workspace ${options.rapidpro.host} is missing flows, nothing was deployed:\n  ${problems.join('\n  ')}`);
  }
  return resolved;
}

/**
 * Checks every flow-start push sends a resolved UUID to the workspace host (the generator was asked
 * for both: a mismatch is a generator bug that would start the wrong flow or none), and returns the
 * credential keys the pushes read.
 */
function checkPushes(files: ReadonlyMap<string, string>, flows: readonly ResolvedFlow[], host: string, log: (line: string) => void): string[] {
  const settingsPath = [...files.keys()].find((file) => path.basename(file) === SETTINGS_INHERIT);
  if (!settingsPath) {
    log(`warning: the generated files hold no ${SETTINGS_INHERIT}, so no outbound push will start a flow`);
    return [];
  }
  const settings = files.get(settingsPath) ?? '';
  const elsewhere = pushesNotSendingTo(settings, host);
  if (elsewhere.length) {
    const list = elsewhere.map((push) => `${push.name} (${String(push.baseUrl)})`).join(', ');
    throw new DeployError(`outbound push(es) ${list} do not send to the RapidPro workspace ${host}; the generator must use the rapidproUrl deploy passes`);
  }

  const uuids = new Set(flows.map((flow) => flow.uuid.toLowerCase()));
  const keys = new Set<string>();
  for (const push of rapidProPushes(settings)) {
    if (!push.flowUuid || !uuids.has(push.flowUuid)) {
      throw new DeployError(
        `outbound push ${push.name} starts flow ${push.flowUuid ?? '(no literal uuid)'}, which is not one of the flows resolved in the workspace; ` +
          'its workflow must list the flow in deployedFlows() and the generator must use the resolved flowUuids',
      );
    }
    if (push.valueKey) keys.add(push.valueKey);
  }
  return [...keys].sort();
}
