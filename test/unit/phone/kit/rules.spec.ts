import { expect } from 'chai';
import { Audience, audienceOf, withAudience } from '../../../../src/phone/kit/audience';
import { FormPaths, appForm } from '../../../../src/phone/kit/app-form';
import { recordForm } from '../../../../src/phone/kit/record';
import { defineRules } from '../../../../src/phone/kit/rules';
import { recordCountTarget } from '../../../../src/phone/kit/target-builders';
import { TargetDefinition } from '../../../../src/phone/kit/targets';
import { recordTask } from '../../../../src/phone/kit/task-builders';
import { ReportTask } from '../../../../src/phone/kit/tasks';
import { RULES } from '../../../../src/phone/workflows';
import { SUMMARIES } from '../../../../src/phone/workflows/summaries';
import { TARGETS, TASKS, lists } from '../../../../src/phone/workflows/tasks-and-targets';

const RECORD = recordForm('RP_DEMO', { fever: { type: 'boolean' } });
const FOLLOW_UP = appForm<FormPaths<'demo_follow_up', 'inputs.source_id'>>('demo_follow_up');
const CHW: Audience = { roles: ['chw'] };
const task = (): ReportTask => recordTask({ name: 'demo-t', record: RECORD, when: () => true, actionForm: FOLLOW_UP, window: { start: 0, end: 1 }, audience: CHW });
const target = (): TargetDefinition => recordCountTarget({ id: 'demo-g', record: RECORD, audience: CHW });
const define = (tasks: ReportTask[], targets: TargetDefinition[]) => () => defineRules({ id: 'demo', tasks, targets, records: [RECORD] });

describe('defineRules: only definitions the phone runs as cht-conf would', () => {
  it('accepts what the kit builds', () => {
    expect(define([task()], [target()])).to.not.throw();
  });

  it('refuses a hand-written task or target (no audience), naming it and the builders', () => {
    const { ...handWritten } = task();
    expect(define([handWritten as ReportTask], [])).to.throw('task "demo-t" of workflow demo: build it with the kit\'s builders');
    const { ...handTarget } = target();
    expect(define([], [handTarget as TargetDefinition])).to.throw('target "demo-g" of workflow demo: build it with the kit\'s builders');
  });

  it("refuses shapes the phone's emitter does not run: several events, a contact label, emitCustom, a date function", () => {
    const built = task();
    const audience = audienceOf(built) as Audience;
    const twoEvents = withAudience({ ...built, events: [built.events[0], { ...built.events[0], id: 'second' }] } as ReportTask, audience);
    expect(define([twoEvents], [])).to.throw('task "demo-t" of workflow demo: the phone\'s emitter (src/phone/kit/emitter.ts) cannot run it: it has several events or actions');
    const labelled = withAudience({ ...built, contactLabel: 'someone' } as ReportTask, audience);
    expect(define([labelled], [])).to.throw('it has a contactLabel');
    const custom = withAudience({ ...target(), emitCustom: () => undefined } as TargetDefinition, audience);
    expect(define([], [custom])).to.throw('it has emitCustom');
    const dated = withAudience({ ...target(), date: () => 0 } as unknown as TargetDefinition, audience);
    expect(define([], [dated])).to.throw('its date is a function');
  });

  it('refuses a name without the workflow prefix', () => {
    expect(() => defineRules({ id: 'other', tasks: [task()], targets: [], records: [] })).to.throw('task "demo-t" of workflow other: name it "other-…"');
  });
});

describe('the bundle lists: the very definitions and summaries RULES holds, in its order', () => {
  it('tasks, targets and summaries by workflow', () => {
    expect(Object.keys(TASKS)).to.deep.equal(Object.keys(RULES));
    expect(Object.keys(TARGETS)).to.deep.equal(Object.keys(RULES));
    expect(Object.keys(SUMMARIES)).to.deep.equal(Object.keys(RULES));
    for (const [id, rules] of Object.entries(RULES) as [keyof typeof RULES, (typeof RULES)[keyof typeof RULES]][]) {
      expect(TASKS[id], id).to.have.ordered.members(rules.tasks);
      expect(TARGETS[id], id).to.have.ordered.members(rules.targets);
      expect(SUMMARIES[id], id).to.equal(rules.summary);
    }
  });

  it('every task and target, flattened in workflow order (the order of app_settings.tasks.targets.items)', () => {
    expect(lists.tasks).to.have.ordered.members(Object.values(RULES).flatMap((rules) => rules.tasks));
    expect(lists.targets).to.have.ordered.members(Object.values(RULES).flatMap((rules) => rules.targets));
  });
});
