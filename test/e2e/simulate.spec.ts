import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { SimulationTrace, Step, WorkflowTrace } from '../../src/simulate/trace';

const ROOT = path.resolve(__dirname, '..', '..');

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
const stepsOf = <K extends Step['kind']>(steps: Step[], kind: K): StepOf<K>[] => steps.filter((step): step is StepOf<K> => step.kind === kind);
const titles = (steps: Step[], user: string): string[] =>
  stepsOf(steps, 'tasks').filter((step) => step.user === user).flatMap((step) => step.tasks.map((task) => task.title));
const recordsOf = (steps: Step[], form: string) => stepsOf(steps, 'record').filter((step) => step.doc.form === form).map((step) => step.doc.fields);

// The main job's demo, run as a user runs it: `simulate --json` tells the three stories, then the stories across workflows.
describe('cht-rapidpro simulate --json', function () {
  this.timeout(600_000);
  let trace: SimulationTrace;
  let all: WorkflowTrace[];
  const story = (id: string): Step[] => {
    const found = all.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no story ${id}`);
    return found.steps;
  };

  before(() => {
    const result = spawnSync(process.execPath, ['dist/cli/index.js', 'simulate', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(result.status, result.stderr).to.equal(0);
    trace = JSON.parse(result.stdout) as SimulationTrace;
    all = [...trace.workflows, ...trace.stories];
  });

  it('tells the three workflows in order, then the stories across workflows', () => {
    expect(trace.workflows.map((w) => w.id)).to.deep.equal(['contact-tracing', 'remote-training', 'chw-wellbeing']);
    expect(trace.stories.map((w) => w.id)).to.deep.equal(['enrolment-during-training', 'weekly-check-during-training', 'shared-phone']);
  });

  it('starts each workflow with the outbound payload CHT computes, as a background flow that never excludes a busy contact', () => {
    for (const workflow of all) {
      const outbounds = stepsOf(workflow.steps, 'outbound');
      expect(outbounds.length, workflow.id).to.be.greaterThan(0);
      for (const outbound of outbounds) {
        expect(String((outbound.payload.urns as string[])[0])).to.match(/^tel:\+[1-9]\d{6,14}$/);
        expect(outbound.payload).to.include({ exclude_active: false, restart_participants: true });
        expect(outbound.doc).to.include({ type: 'data_record' });
      }
      const apiRuns = stepsOf(workflow.steps, 'run').filter((run) => run.event === 'started' && run.trigger === 'manual');
      expect(apiRuns.every((run) => run.background), workflow.id).to.equal(true);
    }
  });

  it('names the RapidPro contact from CHT and greets people by name: production never sends "Hello ."', () => {
    for (const workflow of all) {
      expect(stepsOf(workflow.steps, 'contact').some((step) => /^name "[^"]+"$/.test(step.change)), workflow.id).to.equal(true);
      for (const sms of [...stepsOf(workflow.steps, 'sms'), ...stepsOf(workflow.steps, 'broadcast')]) {
        expect(sms.text, workflow.id).to.not.match(/(Hello|Habari|Bonjour) [.,]|ALERT: {2}|\(\)|@/);
      }
    }
  });

  it('loses nothing: no run interrupted, no message left in the inbox, every webhook one valid record', () => {
    for (const workflow of all) {
      expect(stepsOf(workflow.steps, 'run').filter((run) => run.status === 'interrupted'), workflow.id).to.deep.equal([]);
      expect(stepsOf(workflow.steps, 'reply').filter((reply) => reply.to === 'inbox'), workflow.id).to.deep.equal([]);
      expect(stepsOf(workflow.steps, 'error'), workflow.id).to.deep.equal([]);
      const webhooks = stepsOf(workflow.steps, 'webhook');
      const records = stepsOf(workflow.steps, 'record');
      expect(webhooks.every((w) => w.status === 200), workflow.id).to.equal(true);
      expect(records, workflow.id).to.have.length(webhooks.length);
      expect(records.every((r) => Array.isArray(r.doc.errors) && (r.doc.errors as unknown[]).length === 0), workflow.id).to.equal(true);
      const eventIds = records.map((r) => r.doc.fields.rp_event_id);
      expect(new Set(eventIds).size, `${workflow.id}: duplicate rp_event_id`).to.equal(eventIds.length);
    }
  });

  it('contact tracing: a fever in free text raises the CHW follow-up and an SMS alert; silence raises a visit; a late answer still counts; the end check closes it', () => {
    const steps = story('contact-tracing');
    const alerts = stepsOf(steps, 'broadcast');
    expect(alerts.map((b) => b.text.slice(0, 40))).to.deep.equal(['COVID-19 ALERT: Baraka Contact (+2547123', 'Message from Baraka Contact (+2547123456']);
    expect(titles(steps, 'chw_user')).to.include.members(['task.contact-tracing-symptomatic.title', 'task.contact-tracing-unreachable.title', 'task.contact-tracing-end.title']);
    expect(stepsOf(steps, 'action').map((a) => a.form)).to.deep.equal(['symptomatic_follow_up', 'quarantine_check_visit', 'quarantine_end_check']);
    const days = recordsOf(steps, 'RP_SYMPTOMS').map((fields) => [fields.quarantine_day, fields.answered, fields.symptomatic]);
    expect(days).to.deep.equal([[1, true, false], [2, true, true], [3, false, null], [4, false, null], [5, true, false], [6, false, null], [6, true, false], [7, true, false]]);
    // stopped by the end check: no check-in the day after
    expect(stepsOf(steps, 'sms').filter((sms) => sms.day === 7)).to.deep.equal([]);
    expect(stepsOf(steps, 'tasks').pop()?.tasks).to.deep.equal([]);
  });

  it('remote training: paused after hours of silence and resumed by the CHW\'s reply; wrong answers raise supervisor coaching tasks, never tasks for the CHW', () => {
    const steps = story('remote-training');
    expect(stepsOf(steps, 'run').filter((run) => run.event === 'started' && run.flow === 'CHW Training - Antenatal Care').map((run) => run.trigger)).to.deep.equal(['campaign', 'msg']);
    expect(recordsOf(steps, 'RP_TRAINING').map((fields) => fields.question_id ?? fields.kind)).to.deep.equal(['anc_q1', 'anc_q2', 'anc_q3', 'anc_q4', 'anc_q5', 'anc_q6', 'anc_q7', 'complete']);
    expect(titles(steps, 'supervisor_user')).to.include('task.remote-training-wrong-answer.title');
    expect(titles(steps, 'chw_user')).to.deep.equal([]);
  });

  it('wellbeing: distress raises a high-priority supervisor task; two missed weeks raise another; the CHW sees none', () => {
    const steps = story('chw-wellbeing');
    const supervisorTasks = stepsOf(steps, 'tasks').filter((s) => s.user === 'supervisor_user').flatMap((s) => s.tasks);
    expect(supervisorTasks.some((t) => t.title === 'task.chw-wellbeing-psychosocial.title' && t.priority === 'high')).to.equal(true);
    expect(titles(steps, 'supervisor_user')).to.include('task.chw-wellbeing-missed-check-ins.title');
    expect(titles(steps, 'chw_user')).to.deep.equal([]);
    expect(recordsOf(steps, 'RP_WELLBEING').map((fields) => [fields.answered, fields.phq_worry])).to.deep.equal([[true, 1], [true, 2], [false, null], [false, null]]);
    const [targets] = stepsOf(steps, 'targets').filter((s) => s.user === 'supervisor_user');
    expect(targets.targets.find((t) => t.id === 'chw-wellbeing-referred')?.pass).to.equal(1);
  });

  it('a wellbeing enrolment during a training run: the training goes on, in French, to its end', () => {
    const steps = story('enrolment-during-training');
    expect(recordsOf(steps, 'RP_TRAINING')).to.have.length(8);
    expect(recordsOf(steps, 'RP_WELLBEING').map((fields) => fields.answered)).to.deep.equal([true]);
    const welcome = stepsOf(steps, 'sms').findIndex((sms) => sms.text.startsWith('Hello Amina CHW, you are enrolled in the weekly wellbeing'));
    const q2Feedback = stepsOf(steps, 'sms').findIndex((sms) => sms.text.startsWith('Bonne réponse ! Des maux de tête'));
    expect(welcome).to.be.greaterThan(0);
    expect(q2Feedback).to.be.greaterThan(welcome);
  });

  it('a weekly check while training: skipped while the training waits, asked once it pauses; the training then finishes', () => {
    const steps = story('weekly-check-during-training');
    expect(stepsOf(steps, 'skipped').filter((s) => s.flow === 'CHW Wellbeing Weekly Check').map((s) => s.time)).to.deep.equal(['09:00', '12:00']);
    expect(recordsOf(steps, 'RP_WELLBEING').map((fields) => fields.answered)).to.deep.equal([true]);
    expect(recordsOf(steps, 'RP_TRAINING').map((fields) => fields.kind === 'complete')).to.include(true);
  });

  it('a shared phone: the second enrolment changes nothing for the first person, the CHW is told by SMS and by a task', () => {
    const steps = story('shared-phone');
    expect(stepsOf(steps, 'broadcast').map((b) => b.text)).to.have.length(1);
    expect(stepsOf(steps, 'broadcast')[0].text).to.match(/^Daily SMS NOT started for Neema Contact: phone \+\d+ already receives the COVID-19 daily checks of Baraka Contact\./);
    expect(recordsOf(steps, 'RP_SYMPTOMS').map((fields) => fields.patient_id)).to.deep.equal(['traced_contact', 'traced_contact', 'traced_contact', 'traced_contact']);
    expect(stepsOf(steps, 'tasks').flatMap((s) => s.tasks).filter((t) => t.title === 'task.contact-tracing-unreachable.title').map((t) => t.contact)).to.include('Neema Contact');
  });
});
