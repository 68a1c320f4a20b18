/**
 * Runs a scenario end to end, offline, on the real parts: the app form is filled in the CHT test
 * harness (Enketo in Chromium), the outbound payload is computed from the saved doc exactly as
 * CHT's outbound library does, the RapidPro flows are walked by the flow simulator with the
 * scripted replies, each webhook body becomes the record `POST /api/v2/records` would create, and
 * the harness's CHT 4.11 rules engine shows the tasks and targets that follow.
 */
import { ContactDoc as ChtContact, ReportDoc } from '../phone/kit/docs';
import { DAY, HOUR } from '../phone/kit/time';
import { isRelevant, mapDocumentToPayload } from '../cht/outbound-eval';
import { RecordRejected, createRecordDoc } from '../cht/records';
import { ChtHarness, ContactDoc, TaskDoc } from './harness';
import { synthesize } from '../project/synth';
import { ScriptedReply, SimulatedContact, simulateFlow } from '../rapidpro/simulator';
import { uuidV5 } from '../rapidpro/uuid';
import { Workflow } from '../workflows/workflow';
import { Viewer } from './scenario';
import { Step, TaskView, WorkflowTrace } from './trace';

/** Workspace globals the flows read; a simulated CHT, never a real credential. */
const GLOBALS = { cht_url: 'https://cht.example.org', cht_auth: 'Basic [simulated]' };

export async function runScenario(harness: ChtHarness, workflow: Workflow): Promise<WorkflowTrace> {
  const steps: Step[] = [];
  const { scenario } = workflow;
  const start = Date.parse(scenario.start);
  const assembly = synthesize({ workflows: [workflow] });
  const forms = assembly.jsonForms;
  const exported = assembly.exports[0].content;

  await harness.clear();
  await harness.setNow(start);
  act(harness, scenario.enrol.by);
  harness.subject = scenario.enrol.subject;
  const enrolled = await harness.fillForm(scenario.enrol.form.id, ...scenario.enrol.answers);
  if (!enrolled.report || enrolled.errors.length) {
    throw new Error(`simulate ${workflow.id}: form ${scenario.enrol.form.id} did not save: ${enrolled.errors.map((e) => e.msg).join('; ')}`);
  }
  const enrolment = enrolled.report as unknown as ReportDoc;
  steps.push({ kind: 'form', day: 0, user: scenario.enrol.by.user, form: scenario.enrol.form.id, doc: enrolment });

  // Outbound: what CHT pushes for the saved doc, hydrated as Sentinel hydrates it.
  const hydratedDoc = hydrate(harness, enrolment, scenario.enrol.by.user);
  let contact: SimulatedContact | undefined;
  let startRun: { flow: string; params: Record<string, unknown> } | undefined;
  for (const { name, config: push } of assembly.pushes) {
    if (!isRelevant(push, hydratedDoc)) {
      steps.push({ kind: 'outbound-skipped', day: 0, name, reason: 'relevant_to is false for this doc (no consent or no valid phone)' });
      continue;
    }
    const payload = mapDocumentToPayload(hydratedDoc, push, name);
    steps.push({ kind: 'outbound', day: 0, name, doc: hydratedDoc, payload });
    const urn = (payload.urns as string[])[0];
    contact = { urn, uuid: uuidV5(`simulate/${workflow.id}/${urn}`), name: String(harness.subject?.name ?? '') };
    const flow = exported.flows.find((f) => f.uuid === payload.flow);
    if (!flow) throw new Error(`simulate ${workflow.id}: push ${name} starts flow ${String(payload.flow)}, which is not in the export`);
    startRun = { flow: flow.name, params: (payload.params ?? {}) as Record<string, unknown> };
  }
  if (!contact || !startRun) return { id: workflow.id, title: scenario.title, steps };

  const runFlow = (day: number, at: number, flowName: string, script: { replies: ScriptedReply[] }, params?: Record<string, unknown>): void => {
    const records: ReportDoc[] = [];
    const webhooks: Step[] = [];
    const runUuid = uuidV5(`simulate/${workflow.id}/day-${day}/${flowName}/${steps.length}`);
    const result = simulateFlow(exported, flowName, {
      contact: contact as SimulatedContact,
      params,
      globals: GLOBALS,
      runUuid,
      replies: script.replies,
      now: new Date(at),
      triggerType: params ? 'flow_action' : 'campaign',
      webhook: (request) => {
        const body = JSON.parse(request.body) as unknown;
        try {
          const doc = createRecordDoc(forms, body, { id: uuidV5(`record/${runUuid}/${records.length}`), now: at });
          records.push(linkSender(harness, doc));
          webhooks.push({ kind: 'webhook', day, url: request.url, body, status: 200 });
          return { status: 200, body: JSON.stringify({ success: true, id: doc._id }) };
        } catch (error) {
          if (!(error instanceof RecordRejected)) throw error;
          webhooks.push({ kind: 'webhook', day, url: request.url, body, status: 500 });
          return { status: 500, body: JSON.stringify({ code: 500, error: 'Server error', details: error.message }) };
        }
      },
    });
    // Messages and records in the order the contact would see them.
    for (const message of result.messages) steps.push({ kind: 'sms', day, to: message.to, text: message.text });
    for (const broadcast of result.broadcasts) steps.push({ kind: 'broadcast', day, to: broadcast.to, text: broadcast.text });
    steps.push(...webhooks);
    steps.push({
      kind: 'flow', day, flow: flowName, runUuid, status: result.status,
      replies: script.replies.map((reply) => (typeof reply === 'string' ? reply : Object.keys(reply)[0])),
    });
    for (const record of records) {
      steps.push({ kind: 'record', day, doc: record });
      harness.pushMockedDoc(record as unknown as Record<string, unknown>);
    }
    contact = { ...(contact as SimulatedContact), fields: result.contactFields, language: result.contactLanguage, groups: result.groups };
  };

  // The harness keeps one task store for every user, and a user's refresh cancels the tasks the
  // rules do not emit for that user: day by day the story follows its first viewer only, and the
  // others look once, at the end.
  const [main, ...others] = scenario.viewers;
  runFlow(0, start, startRun.flow, { replies: scenario.startReplies ?? [] }, startRun.params);
  await showTasks(harness, [main], 0, steps);

  for (const day of scenario.days) {
    const at = start + day.day * DAY + (day.hour ?? 0) * HOUR;
    await harness.setNow(at);
    for (const run of day.runs ?? []) runFlow(day.day, at, run.flow.options.name, run);
    // What each user sees before acting, then what is left after.
    if (day.actions?.length) await showTasks(harness, [main], day.day, steps);
    for (const action of day.actions ?? []) {
      act(harness, action.viewer);
      const task = (await harness.getTasks()).find((candidate) => candidate.emission.title === action.task.title);
      if (!task) throw new Error(`simulate ${workflow.id} day ${day.day}: ${action.viewer.label} has no task "${action.task.name}" to act on`);
      const filled = await harness.loadAction(task, ...action.answers);
      if (filled.errors.length) throw new Error(`simulate ${workflow.id} day ${day.day}: ${task.emission.actions[0]?.form} did not save: ${filled.errors.map((e) => e.msg).join('; ')}`);
      steps.push({ kind: 'action', day: day.day, user: action.viewer.user, task: action.task.title, form: String(task.emission.actions[0]?.form), doc: filled.report as unknown as ReportDoc });
    }
    await showTasks(harness, [main], day.day, steps);
  }

  const lastDay = scenario.days.length ? scenario.days[scenario.days.length - 1].day : 0;
  await showTasks(harness, others, lastDay, steps);
  for (const viewer of scenario.viewers) {
    act(harness, viewer);
    const targets = await harness.getTargets();
    steps.push({
      kind: 'targets', day: lastDay, user: viewer.user,
      targets: targets.filter((t) => workflow.rules.targets.some((w) => w.id === t.id))
        .map((t) => ({ id: t.id, pass: t.value.pass, total: t.value.total, ...(t.value.percent !== undefined ? { percent: t.value.percent } : {}) })),
    });
  }
  return { id: workflow.id, title: scenario.title, steps };
}

function act(harness: ChtHarness, viewer: Viewer): void {
  harness.user = viewer.user;
  harness.userRoles = viewer.roles;
}

async function showTasks(harness: ChtHarness, viewers: Viewer[], day: number, steps: Step[]): Promise<void> {
  for (const viewer of viewers) {
    act(harness, viewer);
    const tasks = await harness.getTasks();
    steps.push({ kind: 'tasks', day, user: viewer.user, tasks: tasks.map(taskView) });
  }
}

function taskView(task: TaskDoc): TaskView {
  const { emission } = task;
  return {
    title: emission.title,
    contact: emission.contact?.name,
    form: emission.actions[0]?.form,
    dueDate: emission.dueDate,
    ...(emission.priority ? { priority: emission.priority } : {}),
  };
}

/**
 * The doc as CHT's outbound push sees it: the submitter (`contact`) and subject hydrated with their
 * lineage. CHT records the logged-in user as `contact`; the harness records the subject there.
 */
function hydrate(harness: ChtHarness, report: ReportDoc, submitter: string): Record<string, unknown> {
  const byId = new Map<string, ContactDoc>(harness.state.contacts.map((c) => [c._id, c]));
  const full = (id: string | undefined, depth = 0): Record<string, unknown> | undefined => {
    const doc = id ? byId.get(id) : undefined;
    if (!doc || depth > 10) return id ? { _id: id } : undefined;
    return { ...doc, parent: doc.parent ? full(doc.parent._id, depth + 1) : undefined };
  };
  const subjectId = (report.fields.patient_uuid ?? report.fields.patient_id) as string | undefined;
  return {
    ...report,
    type: 'data_record',
    contact: full(submitter),
    ...(subjectId ? { patient: full(subjectId) } : {}),
  };
}

/** update_clinics: the sender is the contact whose phone is the record's `from`. */
function linkSender(harness: ChtHarness, doc: ReportDoc): ReportDoc {
  const sender = harness.state.contacts.find((c) => (c as ChtContact).phone === doc.from);
  return sender ? { ...doc, contact: { _id: sender._id, parent: sender.parent } } : doc;
}
