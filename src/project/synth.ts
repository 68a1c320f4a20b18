/**
 * Synthesis: from the workflow objects to everything the platforms read, in one typed `Assembly`
 * that every consumer uses (`build` writes its files; `deploy` resolves the flows and credentials
 * from it; `sync` reads its record sources; `check` and the docs read the same objects). Nothing
 * downstream parses a generated file back.
 *
 * Files:
 * - `app_settings/forms.json`: the JSON forms of every record form (cht-conf merges it).
 * - `settings.inherit.json`: the outbound pushes. cht-conf's `compile-app-settings` only reads
 *   `base_settings.json` (hand-edited), `forms.json` and `schedules.json` from `app_settings/`; its
 *   inherit mechanism with `"inherit": "."` recompiles this same project and then applies
 *   `replace`, which is how the generated pushes reach `app_settings.json` without touching the
 *   hand-edited file. Each key is `outbound.<push>`, so hand-written pushes in base_settings stay.
 * - `rapidpro/<workflow>.json`: the importable RapidPro exports (with the exported flow UUIDs).
 * - `rapidpro/cht-sms-gateway.json`: CHT's SMS gateway flow and catch-all trigger (src/gateway), which
 *   forwards what no flow handles to CHT's Messages tab; it screens out the record forms' codes.
 * - `translations/messages-<locale>.properties`: every text the app shows.
 * - `docs/workflows.md`: a Mermaid diagram per workflow.
 * - `purge.js`: the purge rules (src/deployment/purge.ts), which cht-conf compiles into
 *   `app_settings.purge`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { JsonForm } from '../cht/json-form';
import { OutboundPush } from '../cht/outbound';
import { FlowStartPush } from '../integration/flow-start';
import { RecordPost, RecordRequest, jsonFormOf } from '../integration/record-post';
import { RunLike } from '../integration/sources';
import { AppForm } from '../phone/kit/app-form';
import { RecordForm } from '../phone/kit/record';
import { exportOf } from '../rapidpro/export';
import { FlowBuilder } from '../rapidpro/flow/builder';
import { RapidProExport } from '../rapidpro/flow/types';
import { workflows as allWorkflows } from '../workflows';
import { Workflow } from '../workflows/workflow';
import { workflowsMarkdown } from '../docs/workflow-diagrams';
import { purgeModule } from '../deployment/purge';
import { GATEWAY_FILE, IncomingMessageForward, catchAllTrigger, gatewayFlow, incomingForward } from '../gateway';
import { stableJson } from './stable-json';
import { translationFiles } from './translations';

/** The RapidPro URL committed config points at until `deploy` substitutes the real one. */
export const DEFAULT_RAPIDPRO_URL = 'https://rapidpro.example.org';
/** The CHT credential holding `Token <RapidPro API token>`, which every flow-start push sends. */
export const RAPIDPRO_CREDENTIAL_KEY = 'rapidpro:api';

export interface SynthOptions {
  /** Flow UUIDs by flow name, as resolved in a target RapidPro workspace (deploy). Defaults to the exported UUIDs. */
  flowUuids?: Readonly<Record<string, string>>;
  /** RapidPro's base URL for the outbound pushes. */
  rapidproUrl?: string;
  workflows?: readonly Workflow[];
}

/** A flow a workflow imports into RapidPro. */
export interface SynthesizedFlow {
  workflow: string;
  name: string;
  /** Project-relative export file that creates it. */
  exportFile: string;
  /** Its UUID in the export. */
  exportedUuid: string;
  /** Its UUID where the pushes start it: the resolved one, or the exported one. */
  uuid: string;
  builder: FlowBuilder;
}

/** An outbound push, with what deploy must know about it. */
export interface SynthesizedPush {
  workflow: string;
  name: string;
  form: AppForm;
  flow: SynthesizedFlow;
  /** The CHT credential the push sends as its Authorization header. */
  credentialKey: string;
  baseUrl: string;
  config: OutboundPush;
}

/** A flow whose runs `sync` turns into CHT records: its webhook nodes' record posts. */
export interface RecordSource {
  workflow: string;
  flowName: string;
  record: RecordForm;
  posts: readonly RecordPost[];
  /** Every record the flow's webhooks would have created for this run. */
  recordsFromRun(run: RunLike): RecordRequest[];
}

export interface RapidProExportFile {
  workflow: string;
  /** Project-relative path, e.g. `rapidpro/contact-tracing.json`. */
  file: string;
  content: RapidProExport;
}

/** CHT's SMS gateway in RapidPro: its export, flow and the webhook that forwards a message to CHT. */
export interface SynthesizedGateway {
  file: string;
  flow: FlowBuilder;
  forward: IncomingMessageForward;
  /** The record form codes the flow never forwards (CHT would parse such an SMS as that form). */
  screenedCodes: string[];
  content: RapidProExport;
}

export interface Assembly {
  workflows: readonly Workflow[];
  rapidproUrl: string;
  flows: SynthesizedFlow[];
  pushes: SynthesizedPush[];
  /** Every importable export: each workflow's, then the SMS gateway's. */
  exports: RapidProExportFile[];
  gateway: SynthesizedGateway;
  jsonForms: Record<string, JsonForm>;
  recordSources: RecordSource[];
  /** The CHT credential keys the settings use (deploy stores each). */
  credentialKeys: string[];
  /** Every generated file, project-relative path → content. */
  files: Map<string, string>;
}

/** Everything the workflows generate. Pure: writes nothing. */
export function synthesize(options: SynthOptions = {}): Assembly {
  const workflows = options.workflows ?? allWorkflows;
  const rapidproUrl = options.rapidproUrl ?? DEFAULT_RAPIDPRO_URL;

  const flows: SynthesizedFlow[] = [];
  const exportFiles: RapidProExportFile[] = [];
  for (const workflow of workflows) {
    const app = workflow.rapidpro;
    const exportFile = `rapidpro/${app.file}`;
    exportFiles.push({ workflow: workflow.id, file: exportFile, content: exportOf(app.flows, app.campaigns, app.fields, app.groups, app.triggers) });
    for (const builder of app.flows) {
      const name = builder.options.name;
      if (flows.some((flow) => flow.name === name)) throw new Error(`RapidPro flow "${name}" is declared by two workflows`);
      flows.push({ workflow: workflow.id, name, exportFile, exportedUuid: builder.uuid, uuid: options.flowUuids?.[name] ?? builder.uuid, builder });
    }
  }
  const flowOf = (builder: FlowBuilder, push: FlowStartPush): SynthesizedFlow => {
    const flow = flows.find((candidate) => candidate.builder === builder);
    if (!flow) throw new Error(`push ${push.name} starts flow "${builder.options.name}", which no workflow exports`);
    return flow;
  };

  const pushes: SynthesizedPush[] = [];
  for (const workflow of workflows) {
    for (const push of workflow.pushes) {
      if (pushes.some((existing) => existing.name === push.name)) throw new Error(`outbound push "${push.name}" is declared by two workflows`);
      const flow = flowOf(push.flow, push);
      const context = { rapidproUrl, credentialKey: RAPIDPRO_CREDENTIAL_KEY, flowUuid: () => flow.uuid };
      pushes.push({ workflow: workflow.id, name: push.name, form: push.form, flow, credentialKey: RAPIDPRO_CREDENTIAL_KEY, baseUrl: rapidproUrl, config: push.synth(context) });
    }
  }

  const jsonForms: Record<string, JsonForm> = {};
  for (const record of workflows.flatMap((workflow) => workflow.rules.records)) {
    if (jsonForms[record.code]) throw new Error(`JSON form ${record.code} is declared twice`);
    jsonForms[record.code] = jsonFormOf(record);
  }

  const screenedCodes = Object.keys(jsonForms).sort();
  const flow = gatewayFlow(screenedCodes);
  const gateway: SynthesizedGateway = { file: GATEWAY_FILE, flow, forward: incomingForward, screenedCodes, content: exportOf([flow], [], [], [], [catchAllTrigger(flow)]) };
  exportFiles.push({ workflow: 'cht-sms-gateway', file: gateway.file, content: gateway.content });

  const recordSources: RecordSource[] = [];
  for (const flow of flows) {
    const posts = flow.builder.webhookSources().filter((source): source is RecordPost => source instanceof RecordPost);
    for (const record of [...new Set(posts.map((post) => post.record))]) {
      const recordPosts = posts.filter((post) => post.record === record);
      recordSources.push({
        workflow: flow.workflow,
        flowName: flow.name,
        record,
        posts: recordPosts,
        recordsFromRun: (run) => recordPosts.map((post) => post.recordFromRun(run)).filter((request): request is RecordRequest => !!request),
      });
    }
  }

  const assembly: Assembly = {
    workflows,
    rapidproUrl,
    flows,
    pushes,
    exports: exportFiles,
    gateway,
    jsonForms,
    recordSources,
    credentialKeys: [...new Set(pushes.map((push) => push.credentialKey))],
    files: new Map(),
  };
  assembly.files = filesOf(assembly);
  return assembly;
}

function filesOf(assembly: Assembly): Map<string, string> {
  const files = new Map<string, string>();
  files.set('app_settings/forms.json', stableJson(sortKeys(assembly.jsonForms)));
  const replace: Record<string, OutboundPush> = {};
  for (const push of [...assembly.pushes].sort((a, b) => a.name.localeCompare(b.name))) replace[`outbound.${push.name}`] = push.config;
  files.set('settings.inherit.json', stableJson({
    _comment: 'Generated by `cht-rapidpro build` from src/workflows: do not edit. Adds the outbound pushes to app_settings.json.',
    inherit: '.',
    delete: [],
    replace,
    merge: {},
    filter: {},
  }));
  for (const exported of assembly.exports) files.set(exported.file, stableJson(exported.content));
  for (const [file, content] of translationFiles(assembly.workflows)) files.set(file, content);
  files.set('docs/workflows.md', workflowsMarkdown(assembly));
  files.set('purge.js', purgeModule());
  return files;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes the generated files that changed; returns the paths written. */
export function writeGeneratedFiles(projectDir: string, options: SynthOptions = {}): string[] {
  const written: string[] = [];
  for (const [relative, content] of synthesize(options).files) {
    const target = path.join(projectDir, relative);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === content) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    written.push(relative);
  }
  return written;
}

/** Generated files whose committed content differs from a fresh generation. */
export function staleGeneratedFiles(projectDir: string, options: SynthOptions = {}): string[] {
  const stale: string[] = [];
  for (const [relative, content] of synthesize(options).files) {
    const target = path.join(projectDir, relative);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) stale.push(relative);
  }
  return stale;
}
