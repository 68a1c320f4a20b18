/**
 * What the workflow specs share: the real exports (as `build` writes them), simulated runs of the
 * interactive flows for a contact as the enrolment flows leave it, and a simulated workspace
 * holding every export, fed the outbound payloads CHT would compute.
 */
import { mapDocumentToPayload } from '../../../src/cht/outbound-eval';
import { synthesize } from '../../../src/project/synth';
import { RapidProExport } from '../../../src/rapidpro/flow/types';
import { ScriptedReply, SimulationResult, simulateFlow } from '../../../src/rapidpro/simulator';
import { FlowStartRequest, SimulatedWorkspace, WorkspaceEvent } from '../../../src/rapidpro/simulator/workspace';
import { WebhookRequest } from '../../../src/rapidpro/simulator/types';

export const assembly = synthesize();
export const GLOBALS = { cht_url: 'https://cht.example.org', cht_auth: 'Basic c2VjcmV0' };

/** The export of a workflow, by file. */
export function exportOf(file: 'contact-tracing.json' | 'remote-training.json' | 'chw-wellbeing.json'): RapidProExport {
  const found = assembly.exports.find((candidate) => candidate.file === `rapidpro/${file}`);
  if (!found) throw new Error(`no export ${file}`);
  return found.content;
}

export interface RunOptions {
  flow: string;
  fields: Record<string, string | number | null>;
  groups?: string[];
  language?: string;
  replies: readonly ScriptedReply[];
  now: string;
  triggerType?: string;
  /** The message that started the run (a catch-all trigger). */
  input?: string;
  urn?: string;
}

/** Runs an interactive flow of an export for a contact as the enrolment left it (RapidPro knows no name, unless the enrolment set it). */
export function run(exported: RapidProExport, options: RunOptions): SimulationResult {
  return simulateFlow(exported, options.flow, {
    contact: { urn: options.urn ?? 'tel:+254712345678', fields: options.fields, groups: options.groups ?? [], ...(options.language ? { language: options.language } : {}) },
    globals: GLOBALS,
    runUuid: '7b0a2f4e-55a1-4c8e-9d57-0c6f1d2f3a10',
    replies: options.replies,
    now: options.now,
    triggerType: options.triggerType ?? (options.input !== undefined ? 'msg' : 'campaign'),
    ...(options.input !== undefined ? { input: options.input } : {}),
    webhook: () => ({ status: 200, body: '{"success":true,"id":"x"}' }),
  });
}

/** The bodies the run posted to CHT. */
export function posted(result: SimulationResult): Array<Record<string, unknown>> {
  return result.webhooks.map((call: WebhookRequest) => JSON.parse(call.body) as Record<string, unknown>);
}

/** A workspace with every export imported, in UTC, recording what the flows post. */
export function workspace(start: string): { ws: SimulatedWorkspace; bodies: Array<Record<string, unknown>> } {
  const bodies: Array<Record<string, unknown>> = [];
  const ws = new SimulatedWorkspace(assembly.exports.map((file) => file.content), {
    start: Date.parse(start),
    globals: GLOBALS,
    allowedLanguages: ['eng', 'fra', 'swa'],
    defaultLanguage: 'eng',
    webhook: (request) => {
      bodies.push(JSON.parse(request.body) as Record<string, unknown>);
      return { status: 200, body: '{"success":true}' };
    },
  });
  return { ws, bodies };
}

/** The flow_starts payload CHT computes for a push from a report with these fields (and the submitter's phone). */
export function pushPayload(push: string, report: { _id: string; form: string; fields: Record<string, unknown>; patientName: string; patientId: string; submitterPhone?: string }): FlowStartRequest {
  const config = assembly.pushes.find((candidate) => candidate.name === push)?.config;
  if (!config) throw new Error(`no push ${push}`);
  const doc = {
    _id: report._id,
    type: 'data_record',
    form: report.form,
    fields: report.fields,
    contact: { _id: 'submitter', phone: report.submitterPhone },
    patient: { _id: report.patientId, name: report.patientName },
  };
  return mapDocumentToPayload(doc, config, push) as unknown as FlowStartRequest;
}

/** Sends texts from a phone, a minute apart, from the workspace's current time. */
export function texts(ws: SimulatedWorkspace, urn: string, ...messages: string[]): void {
  for (const message of messages) {
    ws.receive(urn, message);
    ws.advanceTo(ws.now + 60_000);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function eventsOf<K extends WorkspaceEvent['type']>(ws: SimulatedWorkspace, type: K): Extract<WorkspaceEvent, { type: K }>[] {
  return ws.events.filter((event): event is Extract<WorkspaceEvent, { type: K }> => event.type === type);
}
