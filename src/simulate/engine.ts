/**
 * Runs a story end to end, offline, on the real parts: app forms are filled in the CHT test
 * harness (Enketo in Chromium), each outbound payload is computed from the saved doc exactly as
 * CHT's outbound library does and sent to a simulated RapidPro workspace holding every workflow's
 * export (src/rapidpro/simulator/workspace.ts: campaigns, timeouts, expiries, catch-all triggers
 * and the flows themselves, as mailroom and goflow run them), the story's SMS arrive at the times
 * it says, each webhook body becomes the record `POST /api/v2/records` would create, and the
 * harness's CHT 4.11 rules engine shows the tasks and targets that follow.
 *
 * The RapidPro contact starts as RapidPro creates it from the URN a push sends: no name, no
 * language. What the flows then set is what production would show.
 */
import { ContactDoc as ChtContact, ReportDoc } from '../phone/kit/docs';
import { DAY } from '../phone/kit/time';
import { isRelevant, mapDocumentToPayload } from '../cht/outbound-eval';
import { RecordRejected, createRecordDoc } from '../cht/records';
import { ChtHarness, ContactDoc, TaskDoc } from './harness';
import { Assembly } from '../project/synth';
import { FlowStartRequest, SimulatedWorkspace, WorkspaceEvent } from '../rapidpro/simulator/workspace';
import { uuidV5 } from '../rapidpro/uuid';
import { At, Scenario, ScenarioStep, Viewer, isForm, isSms } from './scenario';
import { Step, TaskView, WorkflowTrace } from './trace';

/** Workspace globals the flows read; a simulated CHT, never a real credential. */
const GLOBALS = { cht_url: 'https://cht.example.org', cht_auth: 'Basic [simulated]' };

/** The workspace languages rapidpro/README.md asks admins to enable. */
const WORKSPACE_LANGUAGES = ['eng', 'fra', 'swa'];

const MINUTE = 60_000;

/** The local time zone the harness and the story's times use. */
function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export interface Story {
  id: string;
  scenario: Scenario;
  /** Which targets the story shows (every target when absent). */
  targetIds?: readonly string[];
}

export async function runStory(harness: ChtHarness, story: Story, assembly: Assembly): Promise<WorkflowTrace> {
  const { scenario } = story;
  const start = Date.parse(scenario.start);
  if (Number.isNaN(start)) throw new Error(`simulate ${story.id}: start "${scenario.start}" is not a date-time`);
  const origin = new Date(start);
  const midnightOf = (time: number): number => {
    const date = new Date(time);
    return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  };
  /** Local calendar days and wall-clock time, as the harness and the workspace see them. */
  const timeOf = (moment: At): number => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(moment.time);
    if (!match) throw new Error(`simulate ${story.id}: time "${moment.time}" is not HH:MM`);
    return new Date(origin.getFullYear(), origin.getMonth(), origin.getDate() + moment.day, Number(match[1]), Number(match[2])).getTime();
  };
  const dayOf = (time: number): number => Math.round((midnightOf(time) - midnightOf(start)) / DAY);
  const clock = (time: number): { day: number; time: string } => {
    const date = new Date(time);
    return { day: dayOf(time), time: `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}` };
  };

  const steps: Step[] = [];
  const forms = assembly.jsonForms;
  await harness.clear();
  if (scenario.contacts?.length) harness.pushMockedDoc(...scenario.contacts.map((contact) => ({ ...contact })));
  await harness.setNow(start);

  // each webhook the flows call becomes the record CHT's records API would create
  const posted: Array<{ status: number; doc?: ReportDoc }> = [];
  let recordCount = 0;
  const workspace = new SimulatedWorkspace(assembly.exports.map((file) => file.content), {
    start,
    timezone: localZone(),
    globals: GLOBALS,
    allowedLanguages: WORKSPACE_LANGUAGES,
    defaultLanguage: 'eng',
    webhook: (request, context) => {
      const body = JSON.parse(request.body) as unknown;
      try {
        const doc = linkSender(harness, createRecordDoc(forms, body, { id: uuidV5(`record/${story.id}/${context.run}/${recordCount++}`), now: context.at }));
        harness.pushMockedDoc(doc as unknown as Record<string, unknown>);
        posted.push({ status: 200, doc });
        return { status: 200, body: JSON.stringify({ success: true, id: doc._id }) };
      } catch (error) {
        if (!(error instanceof RecordRejected)) throw error;
        posted.push({ status: 500 });
        return { status: 500, body: JSON.stringify({ code: 500, error: 'Server error', details: error.message }) };
      }
    },
  });

  let seen = 0;
  /** What the workspace did since the last look, as trace steps. */
  const flush = (): void => {
    for (const event of workspace.events.slice(seen)) steps.push(...stepsOf(event, clock(event.at), posted));
    seen = workspace.events.length;
  };

  /** Sends the pushes a saved report triggers, as CHT's outbound does. */
  const push = (report: ReportDoc, submitter: string, time: number): void => {
    const hydrated = hydrate(harness, report, submitter);
    for (const { name, form, config } of assembly.pushes) {
      if (form.id !== report.form) continue;
      if (!isRelevant(config, hydrated)) {
        steps.push({ kind: 'outbound-skipped', ...clock(time), name, reason: 'relevant_to is false for this doc (no consent or no valid phone)' });
        continue;
      }
      const payload = mapDocumentToPayload(hydrated, config, name);
      steps.push({ kind: 'outbound', ...clock(time), name, doc: hydrated, payload });
      workspace.startFlow(payload as unknown as FlowStartRequest);
      flush();
    }
  };

  const [main, ...others] = scenario.viewers;
  const ordered = [...scenario.steps].map((step, index) => ({ step, index, time: timeOf(step.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index);
  let lastDay: number | undefined;
  for (const { step, time } of ordered) {
    const day = dayOf(time);
    if (lastDay !== undefined && day !== lastDay) {
      // the end of a day with steps: what the main viewer sees then
      const evening = timeOf({ day: lastDay, time: '23:59' });
      workspace.advanceTo(Math.min(evening, time));
      flush();
      await harness.setNow(workspace.now);
      await showTasks(harness, [main], clock(workspace.now), steps);
    }
    lastDay = day;
    workspace.advanceTo(time);
    flush();
    await harness.setNow(time);
    await perform(step, time);
  }
  const end = scenario.until ? timeOf(scenario.until) : workspace.now;
  workspace.advanceTo(Math.max(end, workspace.now));
  flush();
  await harness.setNow(workspace.now);
  const final = clock(workspace.now);
  await showTasks(harness, [main], final, steps);
  await showTasks(harness, others, final, steps);
  for (const viewer of scenario.viewers) {
    act(harness, viewer);
    const targets = await harness.getTargets();
    steps.push({
      kind: 'targets', ...final, user: viewer.user,
      targets: targets.filter((t) => !story.targetIds || story.targetIds.includes(t.id))
        .map((t) => ({ id: t.id, pass: t.value.pass, total: t.value.total, ...(t.value.percent !== undefined ? { percent: t.value.percent } : {}) })),
    });
  }
  return { id: story.id, title: scenario.title, steps };

  async function perform(step: ScenarioStep, time: number): Promise<void> {
    if (isSms(step)) {
      step.texts.forEach((text, i) => {
        if (i > 0) {
          workspace.advanceTo(time + i * MINUTE);
          flush();
        }
        workspace.receive(`tel:${step.from}`, text);
        flush();
      });
      return;
    }
    if (isForm(step)) {
      act(harness, step.by);
      harness.subject = step.subject;
      const filled = await harness.fillForm(step.form.id, ...step.answers);
      if (!filled.report || filled.errors.length) {
        throw new Error(`simulate ${story.id}: form ${step.form.id} did not save: ${filled.errors.map((e) => e.msg).join('; ')}`);
      }
      const report = filled.report as unknown as ReportDoc;
      steps.push({ kind: 'form', ...clock(time), user: step.by.user, form: step.form.id, doc: report });
      push(report, step.by.user, time);
      return;
    }
    if (step.viewer === main) await showTasks(harness, [main], clock(time), steps);
    act(harness, step.viewer);
    const task = (await harness.getTasks()).find((candidate) => candidate.emission.title === step.task.title);
    if (!task) throw new Error(`simulate ${story.id} day ${step.at.day} ${step.at.time}: ${step.viewer.label} has no task "${step.task.name}" to act on`);
    const filled = await harness.loadAction(task, ...step.answers);
    if (filled.errors.length || !filled.report) throw new Error(`simulate ${story.id} day ${step.at.day}: ${task.emission.actions[0]?.form} did not save: ${filled.errors.map((e) => e.msg).join('; ')}`);
    const report = filled.report as unknown as ReportDoc;
    steps.push({ kind: 'action', ...clock(time), user: step.viewer.user, task: step.task.title, form: String(task.emission.actions[0]?.form), doc: report });
    push(report, step.viewer.user, time);
  }
}

/** The trace steps of one workspace event. */
function stepsOf(event: WorkspaceEvent, when: { day: number; time: string }, posted: Array<{ status: number; doc?: ReportDoc }>): Step[] {
  switch (event.type) {
    case 'msg_received':
      return [{ kind: 'reply', ...when, from: event.urn, text: event.text, to: event.to }];
    case 'msg_unhandled':
      return [{ kind: 'reply', ...when, from: event.urn, text: event.text, to: 'inbox' }];
    case 'run_started':
      return [{ kind: 'run', ...when, flow: event.flow, runUuid: event.run, event: 'started', trigger: event.trigger, background: event.background }];
    case 'run_ended':
      return [{ kind: 'run', ...when, flow: event.flow, runUuid: event.run, event: 'ended', status: event.status }];
    case 'campaign_skipped':
      return [{ kind: 'skipped', ...when, flow: event.flow, campaign: event.campaign, to: event.urn }];
    case 'msg_sent':
      return [{ kind: 'sms', ...when, to: event.urn, text: event.text }];
    case 'broadcast_sent':
      return [{ kind: 'broadcast', ...when, to: [event.to], text: event.text }];
    case 'webhook_called': {
      const result = posted.shift();
      const body = JSON.parse(event.request.body) as unknown;
      const webhook: Step = { kind: 'webhook', ...when, url: event.request.url, body, status: event.status };
      return result?.doc ? [webhook, { kind: 'record', ...when, doc: result.doc }] : [webhook];
    }
    case 'contact_changed':
      return event.change.startsWith('field ') ? [] : [{ kind: 'contact', ...when, urn: event.urn, change: event.change }];
    case 'error':
      return [{ kind: 'error', ...when, flow: event.flow, text: event.text }];
    default:
      return [];
  }
}

function act(harness: ChtHarness, viewer: Viewer): void {
  harness.user = viewer.user;
  harness.userRoles = viewer.roles;
}

async function showTasks(harness: ChtHarness, viewers: Viewer[], when: { day: number; time: string }, steps: Step[]): Promise<void> {
  for (const viewer of viewers) {
    act(harness, viewer);
    const tasks = await harness.getTasks();
    steps.push({ kind: 'tasks', ...when, user: viewer.user, tasks: tasks.map(taskView) });
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
