import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { sendMsg, setRunResult, removeFromAllGroups } from '../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';
import { hasAnyWord, hasNumberBetween, hasOnlyText } from '../../../src/rapidpro/flow/cases';
import { contactField, contactGroup } from '../../../src/rapidpro/flow/fields';
import { CallWebhookAction, EnterFlowAction, FlowDefinition, SendBroadcastAction, SendMsgAction } from '../../../src/rapidpro/flow/types';
import { serializeExport } from '../../../src/rapidpro/export';
import { validateExport } from '../../../src/rapidpro/validate';
import { checkinExport, checkinFlow } from './sample-flow';

function node(flow: FlowDefinition, builder: FlowBuilder, key: string) {
  const found = flow.nodes.find((n) => n.uuid === builder.nodeUuid(key));
  if (!found) throw new Error(`no node ${key}`);
  return found;
}

describe('rapidpro FlowBuilder', () => {
  const builder = checkinFlow();
  const flow = builder.toDefinition();

  it('synthesizes a 13.1.0 flow with the declared header', () => {
    expect(flow).to.include({ name: 'Quarantine Check-in', spec_version: '13.1.0', language: 'eng', type: 'messaging', revision: 1, expire_after_minutes: 1440 });
    expect(flow.uuid).to.equal(builder.uuid);
    expect(flow.nodes.map((n) => n.uuid)[0]).to.equal(builder.nodeUuid('start'));
  });

  it('is byte-identical on every build (derived UUIDs, canonical order), in another process, time zone and locale', () => {
    // A second build in a fresh process, elsewhere in the world: no clock, randomness or locale in the output.
    const script = `const { serializeExport } = require('./src/rapidpro/export'); const { checkinExport } = require('./test/unit/rapidpro/sample-flow');
      process.stdout.write(serializeExport(checkinExport()));`;
    const other = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: path.resolve(__dirname, '..', '..', '..'), encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    });
    expect(other.status, other.stderr).to.equal(0);
    expect(other.stdout).to.equal(serializeExport(checkinExport()));
    expect(serializeExport(checkinExport())).to.match(/\n$/);
    expect(serializeExport(checkinExport()).split('\n')[1]).to.match(/^ {2}"/);
  });

  it('uses only version-4 shaped UUIDs (older RapidPro refuses any other)', () => {
    const uuids = serializeExport(checkinExport()).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    expect(uuids.length).to.be.greaterThan(50);
    for (const uuid of uuids) expect(uuid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('validates clean', () => {
    expect(validateExport(checkinExport())).to.deep.equal([]);
  });

  it('writes translated text and quick replies into localization', () => {
    const ask = node(flow, builder, 'ask');
    const action = ask.actions[0] as SendMsgAction;
    expect(action.text).to.match(/^Hello @contact.first_name/);
    expect(action.quick_replies).to.deep.equal(['Yes', 'No']);
    expect(flow.localization.fra[action.uuid].quick_replies).to.deep.equal(['Oui', 'Non']);
    expect(flow.localization.swa[action.uuid].text[0]).to.match(/^Habari/);
  });

  it('writes a reply wait with translated case arguments, Other default and timeout', () => {
    const answer = node(flow, builder, 'answer');
    const router = answer.router;
    expect(router?.operand).to.equal('@input.text');
    expect(router?.result_name).to.equal('fever');
    expect(router?.categories.map((c) => c.name)).to.deep.equal(['Yes', 'No', 'Other', 'No Response']);
    const byName = (name: string) => router?.categories.find((c) => c.name === name);
    expect(router?.default_category_uuid).to.equal(byName('Other')?.uuid);
    expect(router?.wait).to.deep.equal({ type: 'msg', timeout: { seconds: 21600, category_uuid: byName('No Response')?.uuid } });
    const yesCase = router?.cases[0];
    expect(yesCase?.arguments).to.deep.equal(['yes y']);
    expect(flow.localization.fra[yesCase?.uuid ?? ''].arguments).to.deep.equal(['oui o']);
    // every category has its own exit, wired to the declared route
    const otherExit = answer.exits.find((e) => e.uuid === byName('Other')?.exit_uuid);
    expect(otherExit?.destination_uuid).to.equal(builder.nodeUuid('ask'));
  });

  it('routes a webhook on @results.<key>.category with Success and Failure (13.x)', () => {
    const post = node(flow, builder, 'post_record');
    const action = post.actions[0] as CallWebhookAction;
    expect(post.actions).to.have.length(1);
    expect(action).to.include({ type: 'call_webhook', method: 'POST', url: '@globals.cht_url/api/v2/records', result_name: 'CHT Record' });
    expect(action.headers.Authorization).to.equal('@globals.cht_auth');
    expect(post.router?.operand).to.equal('@results.cht_record.category');
    expect(post.router?.cases).to.have.length(1);
    expect(post.router?.cases[0]).to.include({ type: 'has_only_text' });
    expect(post.router?.cases[0].arguments).to.deep.equal(['Success']);
    expect(post.router?.categories.map((c) => c.name)).to.deep.equal(['Success', 'Failure']);
    const failure = post.router?.categories[1];
    expect(post.router?.default_category_uuid).to.equal(failure?.uuid);
    expect(post.exits.find((e) => e.uuid === failure?.exit_uuid)?.destination_uuid).to.equal(undefined);
  });

  it('sends broadcasts to expressions through legacy_vars', () => {
    const action = node(flow, builder, 'alert_chw').actions[0] as SendBroadcastAction;
    expect(action.legacy_vars).to.deep.equal(['@trigger.params.chw_phone']);
    expect(action.urns).to.equal(undefined);
  });

  it('lays nodes out top to bottom for the editor', () => {
    const positions = flow.nodes.map((n) => flow._ui?.nodes[n.uuid]);
    expect(positions.every((p) => p !== undefined)).to.equal(true);
    expect(positions[0]?.type).to.equal('execute_actions');
    expect(flow._ui?.nodes[builder.nodeUuid('answer')].type).to.equal('wait_for_response');
    expect(flow._ui?.nodes[builder.nodeUuid('post_record')].type).to.equal('split_by_webhook');
    expect(flow._ui?.nodes[builder.nodeUuid('ask')].position.top).to.be.lessThan(flow._ui?.nodes[builder.nodeUuid('answer')].position.top ?? 0);
  });

  it('enters subflows with @child.run.status routing, or terminally without routing', () => {
    const child = new FlowBuilder({ name: 'Child', key: 'test-child', language: 'eng' }).send('hi', 'Hi');
    const parent = new FlowBuilder({ name: 'Parent', key: 'test-parent', language: 'eng' })
      .enterFlow('sub', { flow: child, routes: { Complete: 'done' } })
      .send('done', 'Done')
      .toDefinition();
    const sub = parent.nodes[0];
    expect((sub.actions[0] as EnterFlowAction).flow).to.deep.equal({ uuid: child.uuid, name: 'Child' });
    expect(sub.router?.operand).to.equal('@child.run.status');
    expect(sub.router?.cases.map((c) => c.arguments[0])).to.deep.equal(['completed', 'expired']);
    const terminal = new FlowBuilder({ name: 'Handover', key: 'test-handover', language: 'eng' }).enterFlow('sub', { flow: child, terminal: true }).toDefinition();
    expect(terminal.nodes[0].router).to.equal(undefined);
    expect((terminal.nodes[0].actions[0] as EnterFlowAction).terminal).to.equal(true);
  });

  it('splits on an expression without waiting', () => {
    const flowDef = new FlowBuilder({ name: 'Score', key: 'test-score', language: 'eng' })
      .split('score', { operand: '@trigger.params.score', cases: [{ test: hasNumberBetween(0, 2), category: 'Low' }], routes: { Low: 'low' } })
      .actions('low', [setRunResult('Level', 'low', 'Low'), removeFromAllGroups()])
      .toDefinition();
    expect(flowDef.nodes[0].router?.wait).to.equal(undefined);
    expect(flowDef.nodes[0].router?.categories.map((c) => c.name)).to.deep.equal(['Low', 'Other']);
    expect(flowDef._ui?.nodes[flowDef.nodes[0].uuid].type).to.equal('split_by_expression');
  });

  describe('refuses mistakes in plain words', () => {
    const base = () => new FlowBuilder({ name: 'Broken', key: 'test-broken', language: 'eng', localizations: ['fra'] });

    it('a missing translation', () => {
      expect(() => base().send('a', { eng: 'Hi' }).toDefinition()).to.throw(/node "a" action #1 text: missing fra text/);
    });

    it('a route to an unknown node', () => {
      expect(() => base().send('a', 'Hi', { next: 'nowhere' }).toDefinition()).to.throw(/goes to node "nowhere", which this flow does not have/);
    });

    it('a route naming an unknown category (a compile error too: routes are typed by the cases)', () => {
      expect(() =>
        base().waitForReply('a', { cases: [{ test: hasOnlyText('x'), category: 'X' }], routes: { Y: 'a' } as Record<string, string> }),
      ).to.throw(/category "Y", which this node does not have/);
      const yesNo = [{ test: hasAnyWord('yes'), category: 'Yes' }, { test: hasAnyWord('no'), category: 'No' }] as const;
      expect(() => base().send('ok', 'Ok')
        // @ts-expect-error `Yse` is not a category of this wait (Yes, No, Other)
        .waitForReply('a', { cases: yesNo, routes: { Yse: 'ok', No: 'ok' } })).to.throw(/category "Yse"/);
    });

    it('an unreachable node', () => {
      expect(() => base().send('a', 'Hi').send('b', 'Bye').toDefinition()).to.throw(/no route leads to node\(s\) b/);
    });

    it('a duplicate node key', () => {
      expect(() => base().send('a', 'Hi').send('a', 'Bye')).to.throw(/node key is used twice/);
    });

    it('a literal Authorization header', () => {
      // a fake value: the builder must refuse literal credentials
      expect(() => base().callWebhook('a', { method: 'POST', url: 'https://x', headers: { Authorization: 'Basic c2VjcmV0' }, resultName: 'r' })).to.throw(/@globals.cht_auth/); // check:allow-secret
    });

    it('a wait in a background flow', () => {
      expect(() => new FlowBuilder({ name: 'Bg', key: 'bg', language: 'eng', type: 'messaging_background' }).waitForReply('a', { cases: [] })).to.throw(/cannot wait/);
    });

    it('more than 10 quick replies, long result names, bad keys and names', () => {
      expect(() => sendMsg('Hi', { quickReplies: Array.from({ length: 11 }, (_, i) => `${i}`) })).to.throw(/at most 10/);
      expect(() => base().waitForReply('a', { cases: [{ test: hasAnyWord('x'), category: 'X' }], resultName: 'r'.repeat(65) })).to.throw(/1 to 64/);
      expect(() => new FlowBuilder({ name: 'A "quoted" name', key: 'k', language: 'eng' })).to.throw(/no "/);
      expect(() => new FlowBuilder({ name: 'Ok', key: 'Not OK', language: 'eng' })).to.throw(/key/);
      expect(() => new FlowBuilder({ name: 'Ok', key: 'ok', language: 'en' })).to.throw(/ISO 639-3/);
      expect(() => contactField('Bad Key', 'Name')).to.throw(/lowercase/);
      expect(() => contactField('created_on', 'Created')).to.throw(/created_on/);
      expect(() => contactGroup(' padded')).to.throw(/surrounding spaces/);
    });
  });
});
