import * as fs from 'fs';
import * as path from 'path';
import { SynthOptions, SynthesizedPush, synthesize } from '../project/synth';
import { compareWithWorkspace, driftWarnings } from '../rapidpro/flow/drift';
import { RapidProExport } from '../rapidpro/flow/types';
import type { RapidProClient } from '../rapidpro/client/client';
import { redactText } from '../util/redact';
import { ChtAdmin } from './cht-admin';
import { CONTENT_ACTIONS, ChtConfAction, ChtConfRunner, SETTINGS_ACTIONS, actionEvent, chtConfInvocation, describeInvocation, spawnChtConf } from './cht-conf';
import { DeployError, DeployStopped } from './errors';
import { INCOMING_KEY, OUTGOING_KEY, generateIncomingSecret, incomingInstructions } from './gateway';
import { CredentialRequest, DeployPlan, describePlan, overwrites, planDeploy } from './plan';
import { copyProject, removeCopy, writeFiles } from './project-copy';
import { deploySettings } from './settings';

export { DeployError, DeployStopped } from './errors';

/** What deploy reads of a synthesized push: where it sends, which flow it starts, its credential and config. */
export type DeployPush = Pick<SynthesizedPush, 'name' | 'credentialKey' | 'baseUrl' | 'config'> & { flow: { name: string; uuid: string } };

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

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
  /** The target workspace; its host and token also go into the pushes, the gateway and CHT's credential store. */
  rapidpro: Pick<RapidProClient, 'flowDirectory' | 'host'> & Partial<Pick<RapidProClient, 'definitions'>>;
  rapidproToken: string;
  /** CHT, as an administrator. Its connection's credentials reach cht-conf through its environment. */
  cht: ChtAdmin;
  flows: readonly DeployedFlow[];
  /** Synthesizes the outbound pushes for the workspace; defaults to the workflows' synthesis. */
  synthesize?: (options: SynthOptions) => { pushes: readonly DeployPush[] };
  runChtConf?: ChtConfRunner;
  /** Read CHT and RapidPro, report what would change (overwrites included), write nothing. */
  dryRun?: boolean;
  /** Delete CHT's default app forms the project does not use, and the settings that name them. */
  removeDefaultForms?: boolean;
  /** TLS certificate checks off for CHT (the admin's explicit `--insecure-tls`), cht-conf included. */
  insecureTls?: boolean;
  /** The `rapidpro:incoming` secret the admin chose; otherwise CHT's is kept, or one is generated. */
  incomingSecret?: { secret: string; from: string };
  /** Write a generated incoming secret to this new file (mode 600). */
  incomingSecretFile?: string;
  /** Print a generated incoming secret. */
  showIncomingSecret?: boolean;
  /** The environment cht-conf starts from (the user's). */
  env?: NodeJS.ProcessEnv;
  /** Aborting (Ctrl-C, SIGTERM) stops cht-conf, removes the copy and says what state CHT is in. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface DeployResult {
  flows: ResolvedFlow[];
  plan: DeployPlan;
  /** The cht-conf command lines (no credentials in them). */
  commands: string[];
  /** What the deploy overwrote on CHT (or would, in a dry run). */
  overwrote: string[];
  /** Docs and settings keys deleted with --remove-default-forms. */
  removed: string[];
}

/** The human names of cht-conf's upload actions, for "uploaded / not uploaded" messages. */
const UPLOAD_LABELS: Partial<Record<ChtConfAction, string>> = {
  'upload-app-forms': 'app forms',
  'upload-contact-forms': 'contact forms',
  'upload-custom-translations': 'translations',
  'upload-resources': 'resources',
  'upload-database-indexes': 'database indexes',
  'upload-app-settings': 'settings',
};
const UPLOADS = Object.keys(UPLOAD_LABELS) as ChtConfAction[];

/** cht-conf lines that only say it is working through a list. */
const NOISE = /^(INFO )?(Preparing form for upload|No media directory found|Validating form:|Checking that .* is available|Processing config in|Actions:|All actions completed|Form .* (not )?uploaded)|^\s+- [a-z-]+$/;

/**
 * What deploy has changed on CHT so far, so any failure or interruption can say what state CHT
 * is in and what rerunning does.
 */
class Progress {
  readonly credentials: string[] = [];
  readonly completed: ChtConfAction[] = [];
  current?: ChtConfAction;
  prunedSettings: string[] = [];
  readonly removedForms: string[] = [];
  removing = false;

  private get settingsUploaded(): boolean {
    return this.completed.includes('upload-app-settings');
  }

  describe(): string {
    const uploaded = UPLOADS.filter((action) => this.completed.includes(action));
    if (!uploaded.length && !this.credentials.length && !this.current?.startsWith('upload-')) return 'nothing was changed on CHT';
    const parts: string[] = [];
    if (this.settingsUploaded) {
      parts.push('the project is deployed (forms, translations, credentials and settings)');
      if (this.removing) {
        parts.push(this.prunedSettings.length ? `settings naming CHT's default forms removed: ${this.prunedSettings.join(', ')}` : "CHT's settings still name its default forms");
        parts.push(this.removedForms.length ? `default forms deleted: ${this.removedForms.join(', ')}; the others are still on CHT` : "CHT's default forms are all still there");
      }
      return `${parts.join('; ')} — rerun deploy to finish (repeating it is safe)`;
    }
    const inSettings = this.current === 'upload-app-settings';
    const partly = this.current && UPLOAD_LABELS[this.current] && !inSettings ? `, ${UPLOAD_LABELS[this.current]} partly` : '';
    parts.push(`uploaded: ${uploaded.map((action) => UPLOAD_LABELS[action]).join(', ') || 'nothing'}${partly}`);
    if (this.credentials.length) parts.push(`credentials stored: ${this.credentials.join(', ')}`);
    parts.push(inSettings
      ? 'the settings upload did not complete: unless it reached CHT before failing, CHT still runs its previous settings, without the new pushes and RapidPro SMS gateway'
      : 'the settings were not uploaded, so CHT still runs its previous settings: the new pushes and the RapidPro SMS gateway are not active yet');
    return `${parts.join('; ')} — rerun deploy to finish (repeating it is safe)`;
  }
}

/**
 * Deploys the project to one CHT instance wired to one RapidPro workspace, in an order that keeps
 * CHT consistent whatever fails:
 * 1. CHT reachable and the user an administrator (read only); the RapidPro flows resolved by name.
 * 2. The settings built from the committed app_settings.json (nothing recompiled) with this
 *    workspace's pushes and gateway URL; the plan read from CHT (what is created, overwritten,
 *    kept). A dry run stops here.
 * 3. cht-conf uploads forms, translations, resources and indexes (from a temporary copy).
 * 4. The credentials the settings use are stored.
 * 5. cht-conf uploads the settings: only now do the new pushes and the SMS gateway go live.
 * 6. With --remove-default-forms: the settings naming CHT's unused default forms, then those forms.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const log = options.log ?? (() => undefined);
  const { cht, signal } = options;
  const progress = new Progress();
  const secrets = [options.rapidproToken, cht.connection.password, options.incomingSecret?.secret];
  const safe = (text: string): string => redactText(text, secrets, { publicValues: [cht.connection.username] });
  let copy: string | undefined;
  const stopIfAsked = (): void => {
    if (signal?.aborted) throw new DeployStopped(`stopped by ${String(signal.reason ?? 'a signal')}: ${progress.describe()}`, String(signal.reason ?? 'SIGINT'));
  };


  try {
    if (!options.flows.length) throw new DeployError('no workflow declares a RapidPro flow to deploy (src/workflows/sync-sources.ts → deployedFlows())');

    // 1. Reachable, administrator, flows.
    const session = await cht.session();
    if (!session.roles.includes('_admin')) {
      throw new DeployError(`CHT user "${session.name}" is not a CHT administrator (roles: ${session.roles.join(', ') || 'none'}): ` +
        'deploy uploads settings and stores credentials, which only administrators may do');
    }
    const version = await cht.version();
    log(`CHT ${cht.origin}: ${version ? `version ${version}` : 'version unknown'}, user "${session.name}" is an administrator`);
    if (options.insecureTls) log(`warning: TLS certificate checks are OFF for ${cht.origin} (--insecure-tls)`);
    if (version && !/^4\./.test(version)) log(`warning: this project is made for CHT 4.11; ${cht.origin} runs ${version}`);
    stopIfAsked();
    const flows = await resolveFlows(options);
    log(`RapidPro workspace ${options.rapidpro.host}: ${flows.length} flow(s) resolved`);
    for (const flow of flows) log(`  ${flow.name} → ${flow.uuid}`);
    await warnAboutDrift(options, flows, log);
    if (gatewayTooOld(version, options.projectDir)) {
      log(`warning: CHT ${version} sends each of its own SMS again every minute through a RapidPro of v9.3.45 or later (it does not know the status "pending"; fixed in CHT 4.14.0): upgrade CHT, or leave sms.outgoing_service unset`);
    }
    stopIfAsked();

    // 2. What CHT receives, and what that changes there.
    const rapidproUrl = withoutTrailingSlash(options.rapidpro.host);
    const { pushes } = (options.synthesize ?? synthesize)({ flowUuids: Object.fromEntries(flows.map((f) => [f.name, f.uuid])), rapidproUrl });
    const pushKeys = checkPushes(pushes, flows, options.rapidpro.host, log);
    const { settings, gateway } = deploySettings(options.projectDir, pushes, rapidproUrl);
    const requests: CredentialRequest[] = pushKeys.map((key) => ({ key, purpose: 'the outbound pushes\' Authorization header: "Token <RapidPro API token>"', mode: 'store' }));
    if (gateway) {
      requests.push({ key: OUTGOING_KEY, purpose: 'CHT\'s SMS gateway: the bare RapidPro API token (CHT adds "Token ")', mode: 'store' });
      requests.push({ key: INCOMING_KEY, purpose: 'the shared secret RapidPro sends with messages for CHT', mode: options.incomingSecret ? 'store' : 'keep-or-generate' });
      log(`CHT's SMS gateway: RapidPro at ${rapidproUrl} (sms.rapidpro.url)`);
    } else {
      log(`CHT's SMS gateway is not RapidPro (sms.outgoing_service): ${OUTGOING_KEY} and ${INCOMING_KEY} are not set`);
    }
    const plan = await planDeploy({ cht, projectDir: options.projectDir, settings, credentials: requests });
    log(options.dryRun ? 'dry run — what deploy would change on CHT:' : 'what this deploy changes on CHT:');
    for (const line of describePlan(plan, { removeDefaultForms: Boolean(options.removeDefaultForms), future: Boolean(options.dryRun) })) log(`  ${line}`);
    const commands: string[] = [];
    const result = (removed: string[] = []): DeployResult => ({ flows, plan, commands, overwrote: overwrites(plan), removed });
    if (options.dryRun) {
      log('dry run: nothing was changed on CHT');
      return result();
    }
    // A generated incoming secret is saved before anything is written to CHT: if the deploy stops
    // later, the next run reads the same secret back from the file.
    const incoming = plan.credentials.find((credential) => credential.key === INCOMING_KEY);
    const generatedSecret = incoming?.action === 'generate' ? generateIncomingSecret() : undefined;
    if (generatedSecret && options.incomingSecretFile) saveIncomingSecret(options.incomingSecretFile, generatedSecret, log);
    stopIfAsked();

    // 3. Everything but the settings.
    copy = copyProject(options.projectDir);
    writeFiles(copy, new Map([['app_settings.json', `${JSON.stringify(settings, null, 2)}\n`]]));
    const runChtConf = async (actions: readonly ChtConfAction[]): Promise<void> => {
      const invocation = chtConfInvocation({
        copyDir: copy as string, origin: cht.origin, username: cht.connection.username, password: cht.connection.password,
        insecureTls: options.insecureTls, env: options.env, actions,
      });
      const command = describeInvocation(invocation);
      commands.push(command);
      log(`running: ${command}`);
      let lastError = '';
      const exitCode = await (options.runChtConf ?? spawnChtConf)(invocation, {
        signal,
        onSpawn: (pid) => log(`  cht-conf started (pid ${pid}, its own process group)`),
        onLine: (line) => {
          const event = actionEvent(line);
          if (event.started) progress.current = event.started as ChtConfAction;
          if (event.completed) {
            progress.completed.push(event.completed as ChtConfAction);
            progress.current = undefined;
          }
          if (/^\s*ERROR\b/.test(line)) lastError = line.replace(/^\s*ERROR\s*/, '');
          if (line.trim() && !NOISE.test(line)) log(`  cht-conf: ${safe(line)}`);
        },
      });
      stopIfAsked();
      if (exitCode !== 0) {
        const where = progress.current ? ` during ${progress.current}` : '';
        throw new DeployError(`cht-conf failed${where} (exit code ${exitCode})${lastError ? `: ${safe(lastError)}` : ''}`);
      }
    };
    await runChtConf(CONTENT_ACTIONS);

    // 4. Credentials, now that CHT holds what the settings will point at.
    for (const credential of plan.credentials) {
      if (credential.action === 'keep') {
        log(credential.exists
          ? `kept credential ${credential.key} (CHT has one; to replace it, set RAPIDPRO_INCOMING_SECRET or put the new secret in --incoming-secret-file)`
          : `left credential ${credential.key} alone: CHT did not let us see whether it exists; set RAPIDPRO_INCOMING_SECRET to store one`);
        continue;
      }
      const value = credentialValue(credential.key, options, generatedSecret);
      stopIfAsked();
      await cht.setCredential(credential.key, value);
      progress.credentials.push(credential.key);
      log(`${credential.exists ? 'overwrote' : 'stored'} credential ${credential.key}`);
    }
    if (gateway) reportIncomingSecret(options, generatedSecret, log);
    if (incoming?.action === 'keep' && options.incomingSecretFile && !options.incomingSecret) {
      log(`--incoming-secret-file ${options.incomingSecretFile} was not written: CHT already has a ${INCOMING_KEY} secret, which was kept`);
    }

    // 5. Settings: the pushes and the gateway go live.
    await runChtConf(SETTINGS_ACTIONS);

    // 6. CHT's default forms the project does not use.
    const removed: string[] = [];
    if (options.removeDefaultForms && plan.unusedDefaultForms.length) {
      progress.removing = true;
      if (plan.settingsOnUnusedDefaults.length) {
        const current = await cht.settings();
        const pruned = plan.settingsOnUnusedDefaults.filter((key) => key in current && !(key in settings));
        for (const key of pruned) Reflect.deleteProperty(current, key);
        stopIfAsked();
        if (pruned.length) await cht.overwriteSettings(current);
        progress.prunedSettings = pruned;
        removed.push(...pruned.map((key) => `setting ${key}`));
        if (pruned.length) log(`removed settings naming CHT's default forms: ${pruned.join(', ')}`);
      }
      for (const form of plan.unusedDefaultForms) {
        stopIfAsked();
        const doc = await cht.doc(form.id);
        if (!doc) continue;
        await cht.deleteDoc(form.id, doc._rev);
        progress.removedForms.push(form.id);
        removed.push(form.id);
      }
      log(`deleted CHT's default forms: ${progress.removedForms.join(', ') || 'none (already gone)'}`);
    }

    const overwrote = overwrites(plan);
    log(`overwrote on CHT: ${overwrote.length ? overwrote.join(', ') : 'nothing'}`);
    log('deploy complete');
    return result(removed);
  } catch (error) {
    if (error instanceof DeployStopped) throw error;
    if (signal?.aborted) throw new DeployStopped(`stopped by ${String(signal.reason ?? 'a signal')}: ${progress.describe()}`, String(signal.reason ?? 'SIGINT'));
    const message = error instanceof Error ? error.message : String(error);
    const state = progress.describe();
    throw new DeployError(message.endsWith(state) || message.includes('nothing was changed on CHT') ? safe(message) : `${safe(message)}; ${state}`);
  } finally {
    if (copy) removeCopy(copy);
  }
}

/** The value stored for each credential: never logged. */
function credentialValue(key: string, options: DeployOptions, generated: string | undefined): string {
  if (key === OUTGOING_KEY) return options.rapidproToken;
  if (key === INCOMING_KEY) {
    const secret = options.incomingSecret?.secret ?? generated;
    if (!secret) throw new DeployError(`no value for ${INCOMING_KEY}`);
    return secret;
  }
  // The pushes send the stored value verbatim as the Authorization header.
  return `Token ${options.rapidproToken}`;
}

/** Says where RapidPro needs the incoming secret; shows a generated one only when asked. */
function reportIncomingSecret(options: DeployOptions, generated: string | undefined, log: (line: string) => void): void {
  if (generated) {
    if (options.incomingSecretFile) {
      log(`stored the generated ${INCOMING_KEY} secret written to ${options.incomingSecretFile}`);
    } else if (options.showIncomingSecret) {
      log(`generated a new ${INCOMING_KEY} secret: ${generated}`);
    } else {
      log(`generated a new ${INCOMING_KEY} secret and stored it in CHT (not shown, as you did not ask). To give RapidPro the same value, ` +
        'choose a secret and rerun deploy with RAPIDPRO_INCOMING_SECRET set to it (or --incoming-secret-file FILE holding it)');
    }
  }
  for (const line of incomingInstructions(options.cht.origin)) log(line);
}

/** Writes a generated secret to a new file only its owner can read; a failure stops the deploy before any write to CHT. */
function saveIncomingSecret(file: string, secret: string, log: (line: string) => void): void {
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new DeployError(`--incoming-secret-file ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was changed on CHT`);
  }
  log(`generated a new ${INCOMING_KEY} secret and wrote it to ${file} (readable by you only): put it in RapidPro, then delete the file`);
}

/**
 * Whether the workspace runs the flows our exports hold. A flow that differs means its export was
 * not imported yet (or was edited in RapidPro): importing it replaces the flow, and every contact
 * waiting in it then fails on their next reply (rapidpro/README.md, "Upgrading"). Read only; a
 * workspace that cannot show its definitions gets one warning, never a failed deploy.
 */
async function warnAboutDrift(options: DeployOptions, flows: readonly ResolvedFlow[], log: (line: string) => void): Promise<void> {
  if (!options.rapidpro.definitions) return;
  let workspace: Pick<RapidProExport, 'flows'>;
  try {
    workspace = await options.rapidpro.definitions(flows.map((flow) => flow.uuid));
  } catch (error) {
    log(`warning: could not compare the workspace's flows with rapidpro/*.json (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  const ours = { flows: synthesize().exports.flatMap((exported) => exported.content.flows).filter((flow) => flows.some((resolved) => resolved.name === flow.name)) };
  const drifts = compareWithWorkspace(workspace, ours);
  for (const warning of driftWarnings(drifts)) log(`warning: ${warning}`);
  if (drifts.length && drifts.every((drift) => drift.status === 'same')) log('RapidPro workspace: its flows are the ones in rapidpro/*.json');
}

/** CHT before 4.14.0 re-sends its own SMS when RapidPro answers a broadcast with `pending` (cht-core #9467). */
function gatewayTooOld(version: string | undefined, projectDir: string): boolean {
  const match = version ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (!match || Number(match[1]) > 4 || (Number(match[1]) === 4 && Number(match[2]) >= 14)) return false;
  try {
    const settings = JSON.parse(fs.readFileSync(path.join(projectDir, 'app_settings.json'), 'utf8')) as { sms?: { outgoing_service?: string } };
    return settings.sms?.outgoing_service === 'rapidpro';
  } catch {
    return false;
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
    throw new DeployError(`RapidPro workspace ${options.rapidpro.host} is missing flows, nothing was changed on CHT:\n  ${problems.join('\n  ')}`);
  }
  return resolved;
}

/**
 * Checks every flow-start push sends a resolved UUID to the workspace host (the generator was asked
 * for both: a mismatch is a generator bug that would start the wrong flow or none), and returns the
 * credential keys the pushes read.
 */
function checkPushes(pushes: readonly DeployPush[], flows: readonly ResolvedFlow[], host: string, log: (line: string) => void): string[] {
  if (!pushes.length) {
    log('warning: no workflow declares an outbound push, so no CHT form will start a flow');
    return [];
  }
  const elsewhere = pushes.filter((push) => withoutTrailingSlash(push.baseUrl) !== withoutTrailingSlash(host));
  if (elsewhere.length) {
    const list = elsewhere.map((push) => `${push.name} (${push.baseUrl})`).join(', ');
    throw new DeployError(`outbound push(es) ${list} do not send to the RapidPro workspace ${host}; the synthesis must use the rapidproUrl deploy passes; nothing was changed on CHT`);
  }
  const uuids = new Set(flows.map((flow) => flow.uuid.toLowerCase()));
  for (const push of pushes) {
    if (!uuids.has(push.flow.uuid.toLowerCase())) {
      throw new DeployError(
        `outbound push ${push.name} starts flow "${push.flow.name}" (${push.flow.uuid}), which is not one of the flows resolved in the workspace; ` +
          'the synthesis must use the resolved flowUuids; nothing was changed on CHT',
      );
    }
  }
  return [...new Set(pushes.map((push) => push.credentialKey))].sort();
}
