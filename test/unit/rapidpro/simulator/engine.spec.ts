import { expect } from 'chai';
import { addToGroups, removeFromGroups, sendMsg, setContactField, setRunResult } from '../../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../../src/rapidpro/flow/builder';
import { hasAnyWord, hasNumberBetween, hasOnlyText } from '../../../../src/rapidpro/flow/cases';
import { contactField, contactGroup } from '../../../../src/rapidpro/flow/fields';
import { FlowDefinition } from '../../../../src/rapidpro/flow/types';
import { exportOf } from '../../../../src/rapidpro/export';
import { simulateFlow, SimulationError } from '../../../../src/rapidpro/simulator';

const contact = { urn: 'tel:+254700000001', name: 'Ben' };

function quiz(): FlowBuilder {
  return new FlowBuilder({ name: 'Quiz', key: 'test-quiz', language: 'eng', localizations: ['fra'] })
    .send('q1', { eng: 'How many ANC visits are recommended? (parent said @parent.results.topic)', fra: 'Combien de visites CPN ? (@parent.results.topic)' }, { next: 'a1' })
    .waitForReply('a1', {
      resultName: 'anc_visits',
      cases: [{ test: hasNumberBetween(8, 8), category: 'Correct' }],
      other: 'Wrong',
      routes: {},
    });
}

function course(child: FlowBuilder): FlowBuilder {
  return new FlowBuilder({ name: 'Course', key: 'test-course', language: 'eng', localizations: ['fra'] })
    .actions('intro', [setRunResult('Topic', 'ANC'), sendMsg({ eng: 'Lesson 1', fra: 'Leçon 1' })], { next: 'quiz' })
    .enterFlow('quiz', { flow: child, routes: { Complete: 'score', Expired: 'expired' } })
    .send('score', 'You answered @child.results.anc_visits (@child.results.anc_visits.category)')
    .send('expired', 'We will try again tomorrow');
}

describe('rapidpro simulateFlow engine', () => {
  const child = quiz();
  const exported = exportOf([course(child), child]);

  it('enters a subflow, shares the wait, and returns on completion with @child results', () => {
    const run = simulateFlow(exported, 'Course', { contact: { ...contact, language: 'fra' }, replies: ['8 visits'] });
    expect(run.messages.map((m) => m.text)).to.deep.equal(['Leçon 1', 'Combien de visites CPN ? (ANC)', 'You answered 8 (Correct)']);
    expect(run.runs.map((r) => [r.flow, r.status])).to.deep.equal([['Course', 'completed'], ['Quiz', 'completed']]);
    expect(run.runs[1].results.anc_visits).to.deep.include({ value: '8', category: 'Correct', input: '8 visits' });
    expect(run.results).to.have.key('topic');
    // the subflow node's category is known once the child returns
    expect(run.path.map((step) => `${step.flow}:${step.category ?? ''}`)).to.deep.equal(['Course:', 'Course:Complete', 'Quiz:', 'Quiz:Correct', 'Course:']);
  });

  it('routes the parent on Expired when the subflow expires', () => {
    const run = simulateFlow(exported, 'Course', { contact, replies: [{ expire: true }] });
    expect(run.runs.map((r) => r.status)).to.deep.equal(['completed', 'expired']);
    expect(run.messages.map((m) => m.text).pop()).to.equal('We will try again tomorrow');
  });

  it('ends the parent with a terminal subflow', () => {
    const handover = new FlowBuilder({ name: 'Handover', key: 'test-handover', language: 'eng' }).enterFlow('go', { flow: child, terminal: true });
    const run = simulateFlow(exportOf([handover, child]), 'Handover', { contact, replies: ['3'] });
    expect(run.runs.map((r) => r.status)).to.deep.equal(['completed', 'completed']);
    expect(run.runs[1].results.anc_visits.category).to.equal('Wrong');
  });

  it('falls back to the base language for a contact language the flow lacks or the workspace does not allow', () => {
    expect(simulateFlow(exported, 'Quiz', { contact: { ...contact, language: 'swa' } }).messages[0].text).to.match(/^How many/);
    expect(simulateFlow(exported, 'Quiz', { contact: { ...contact, language: 'fra' }, allowedLanguages: ['eng'] }).messages[0].language).to.equal('eng');
    expect(simulateFlow(exported, 'Quiz', { contact: { ...contact, language: 'swa' }, defaultLanguage: 'fra' }).messages[0].language).to.equal('fra');
  });

  it('sets typed contact fields, groups and run results', () => {
    const age = contactField('age', 'Age', 'number');
    const nickname = contactField('nickname', 'Nickname');
    const trained = contactGroup('Trained');
    const flow = new FlowBuilder({ name: 'Profile', key: 'test-profile', language: 'eng' })
      .actions('save', [setContactField(age, '  @(fields.age + 1) '), setContactField(nickname, '@trigger.params.missing'), addToGroups(trained), removeFromGroups(contactGroup('Pending'))], { next: 'show' })
      .actions('show', [sendMsg('@(fields.age * 2) [@fields.nickname]'), setRunResult('Score', '@(fields.age)', 'High')]);
    const run = simulateFlow(exportOf([flow], [], [age, nickname], [trained, contactGroup('Pending')]), 'Profile', { contact: { ...contact, fields: { age: 40, nickname: 'B' }, groups: ['Pending'] } });
    expect(run.contactFields).to.deep.equal({ age: '41', nickname: 'B' });
    expect(run.groups).to.deep.equal(['Trained']);
    expect(run.messages[0].text).to.equal('82 [B]');
    expect(run.results.score).to.deep.include({ value: '41', category: 'High' });
    // a template that fails makes set_contact_field do nothing, as in goflow
    expect(run.errors).to.have.length(1);
  });

  it('fails a run whose router picks no category, and stops loops', () => {
    const flow = new FlowBuilder({ name: 'Loop', key: 'test-loop', language: 'eng' }).actions('a', [setRunResult('n', '1')], { next: 'a' }).toDefinition();
    const looped = simulateFlow([flow], 'Loop', { contact });
    expect(looped.status).to.equal('failed');
    expect(looped.errors[0]).to.match(/maximum of 100 steps/);

    const noDefault = new FlowBuilder({ name: 'Pick', key: 'test-pick', language: 'eng' })
      .split('pick', { operand: '@trigger.params.x', cases: [{ test: hasOnlyText('a'), category: 'A' }] })
      .toDefinition();
    delete noDefault.nodes[0].router?.default_category_uuid;
    const failed = simulateFlow([noDefault], 'Pick', { contact, params: { x: 'b' } });
    expect(failed.status).to.equal('failed');
    expect(failed.errors[0]).to.match(/router failed to pick a category/);
  });

  it('routes on @webhook.status in 14.x flows and reads @webhook as the body in 13.x flows', () => {
    const make = (spec: string, operandOrText: string): FlowDefinition => {
      const flow = new FlowBuilder({ name: `Hook ${spec}`, key: `test-hook-${spec}`, language: 'eng' })
        .callWebhook('call', { method: 'GET', url: 'https://example.org/status', resultName: 'status', routes: { Success: 'say' } })
        .send('say', operandOrText)
        .toDefinition();
      return { ...flow, spec_version: spec };
    };
    const webhook = () => ({ status: 200, body: '{"state":"ok"}', headers: { 'X-Id': '7' } });
    const legacy = simulateFlow([make('13.1.0', '@webhook.state @results.status.extra.state')], 'Hook 13.1.0', { contact, webhook });
    expect(legacy.messages[0].text).to.equal('ok ok');
    const current = simulateFlow([make('14.4.1', '@webhook.status @webhook.json.state @(webhook.headers["X-Id"]) @webhook')], 'Hook 14.4.1', { contact, webhook });
    expect(current.messages[0].text).to.equal('200 ok 7 GET https://example.org/status');
  });

  it('tests translated case arguments in the contact language', () => {
    const flow = new FlowBuilder({ name: 'Consent', key: 'test-consent', language: 'eng', localizations: ['swa'] })
      .send('ask', { eng: 'Agree?', swa: 'Unakubali?' }, { next: 'answer' })
      .waitForReply('answer', { resultName: 'consent', cases: [{ test: hasAnyWord({ eng: 'yes', swa: 'ndiyo' }), category: 'Yes' }] });
    const exportedConsent = exportOf([flow]);
    expect(simulateFlow(exportedConsent, 'Consent', { contact: { ...contact, language: 'swa' }, replies: ['ndiyo'] }).results.consent.category).to.equal('Yes');
    expect(simulateFlow(exportedConsent, 'Consent', { contact: { ...contact, language: 'swa' }, replies: ['yes'] }).results.consent.category).to.equal('Other');
    expect(simulateFlow(exportedConsent, 'Consent', { contact: { ...contact, language: 'eng' }, replies: ['yes'] }).results.consent.category).to.equal('Yes');
  });

  it('refuses invalid exports, legacy flows and unsupported actions by name', () => {
    // a flow outside the export imports as a missing dependency: entering it fails the run, as in goflow
    const orphan = simulateFlow([course(child).toDefinition()], 'Course', { contact });
    expect(orphan.status).to.equal('failed');
    expect(orphan.errors.join('\n')).to.match(/unable to find flow "Quiz"/);
    const invalid = course(child).toDefinition();
    invalid.language = 'xyz';
    expect(() => simulateFlow([invalid], 'Course', { contact })).to.throw(SimulationError, /language "xyz" is not an ISO 639-3 code/);
    const legacy = { version: '11.12', flows: [{ version: '11.12', action_sets: [], rule_sets: [], metadata: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Old' } }] };
    expect(() => simulateFlow(legacy as never, 'Old', { contact })).to.throw(/legacy format/);
    const flow = new FlowBuilder({ name: 'Email', key: 'test-email', language: 'eng' }).send('a', 'x').toDefinition();
    (flow.nodes[0].actions as unknown[])[0] = { uuid: flow.nodes[0].actions[0].uuid, type: 'send_email', addresses: ['a@b.c'], subject: 's', body: 'b' };
    expect(() => simulateFlow([flow], 'Email', { contact })).to.throw(/node .* action send_email: the action type send_email is not supported by the simulator/);
    expect(() => simulateFlow([flow], 'Email', { contact: { urn: '+254700000001' } })).to.throw(/not a URN like tel:/);
  });
});
