import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { SimulationTrace, Step } from '../../src/simulate/trace';

const ROOT = path.resolve(__dirname, '..', '..');

type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
const stepsOf = <K extends Step['kind']>(steps: Step[], kind: K): StepOf<K>[] => steps.filter((step): step is StepOf<K> => step.kind === kind);
const titles = (steps: Step[], user: string): string[] =>
  stepsOf(steps, 'tasks').filter((step) => step.user === user).flatMap((step) => step.tasks.map((task) => task.title));

// The main job's demo, run as a user runs it: `simulate --json` tells the three stories.
describe('cht-rapidpro simulate --json', function () {
  this.timeout(600_000);
  let trace: SimulationTrace;

  before(() => {
    const result = spawnSync(process.execPath, ['dist/cli/index.js', 'simulate', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(result.status, result.stderr).to.equal(0);
    trace = JSON.parse(result.stdout) as SimulationTrace;
  });

  it('tells the three workflows in order', () => {
    expect(trace.workflows.map((w) => w.id)).to.deep.equal(['contact-tracing', 'remote-training', 'chw-wellbeing']);
  });

  it('starts each flow with the outbound payload CHT computes from the submitted form', () => {
    for (const workflow of trace.workflows) {
      const [outbound] = stepsOf(workflow.steps, 'outbound');
      expect(outbound, workflow.id).to.not.equal(undefined);
      expect(outbound.payload.urns, workflow.id).to.be.an('array').with.length(1);
      expect(String((outbound.payload.urns as string[])[0])).to.match(/^tel:\+[1-9]\d{6,14}$/);
      expect(outbound.doc).to.include({ type: 'data_record' });
    }
  });

  it('turns every successful webhook into exactly one record without errors', () => {
    for (const workflow of trace.workflows) {
      const webhooks = stepsOf(workflow.steps, 'webhook');
      const records = stepsOf(workflow.steps, 'record');
      expect(webhooks.every((w) => w.status === 200), workflow.id).to.equal(true);
      expect(records, workflow.id).to.have.length(webhooks.length);
      expect(records.every((r) => Array.isArray(r.doc.errors) && (r.doc.errors as unknown[]).length === 0), workflow.id).to.equal(true);
      const eventIds = records.map((r) => r.doc.fields.rp_event_id);
      expect(new Set(eventIds).size, `${workflow.id}: duplicate rp_event_id`).to.equal(eventIds.length);
    }
  });

  it('contact tracing: a fever raises the CHW follow-up and an SMS alert; silence raises a visit; the end check closes it', () => {
    const steps = trace.workflows[0].steps;
    expect(stepsOf(steps, 'broadcast')).to.have.length(1);
    expect(titles(steps, 'chw_user')).to.include.members(['task.contact-tracing-symptomatic.title', 'task.contact-tracing-unreachable.title', 'task.contact-tracing-end.title']);
    expect(stepsOf(steps, 'action').map((a) => a.form)).to.deep.equal(['symptomatic_follow_up', 'quarantine_check_visit', 'quarantine_end_check']);
    const last = stepsOf(steps, 'tasks').pop();
    expect(last?.tasks).to.deep.equal([]);
  });

  it('remote training: wrong answers raise supervisor coaching tasks, never tasks for the CHW', () => {
    const steps = trace.workflows[1].steps;
    expect(titles(steps, 'supervisor_user')).to.include('task.remote-training-wrong-answer.title');
    expect(titles(steps, 'chw_user')).to.deep.equal([]);
  });

  it('wellbeing: distress raises a high-priority supervisor task; two missed weeks raise another; the CHW sees none', () => {
    const steps = trace.workflows[2].steps;
    const supervisorTasks = stepsOf(steps, 'tasks').filter((s) => s.user === 'supervisor_user').flatMap((s) => s.tasks);
    expect(supervisorTasks.some((t) => t.title === 'task.chw-wellbeing-psychosocial.title' && t.priority === 'high')).to.equal(true);
    expect(titles(steps, 'supervisor_user')).to.include('task.chw-wellbeing-missed-check-ins.title');
    expect(titles(steps, 'chw_user')).to.deep.equal([]);
    const [targets] = stepsOf(steps, 'targets').filter((s) => s.user === 'supervisor_user');
    expect(targets.targets.find((t) => t.id === 'chw-wellbeing-referred')?.pass).to.equal(1);
  });
});
