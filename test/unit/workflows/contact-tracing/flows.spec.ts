import { expect } from 'chai';
import { Action, FlowDefinition, RapidProExport } from '../../../../src/rapidpro/flow/types';
import { synthesize } from '../../../../src/project/synth';
import { validateExport } from '../../../../src/rapidpro/validate';
import { MAX_QUARANTINE_DAYS } from '../../../../src/phone/workflows/contact-tracing/model';
import { startPush, stopPush, workflow } from '../../../../src/workflows/contact-tracing';
import { FIELD, PARAM, checkinFlow, enrolmentFlow, group as QUARANTINE_GROUP, stopFlow } from '../../../../src/workflows/contact-tracing/flows';

const assembly = synthesize({ workflows: [workflow] });
const exported: RapidProExport = assembly.exports[0].content;
const pushConfig = (name: string) => {
  const push = assembly.pushes.find((candidate) => candidate.name === name);
  if (!push) throw new Error(`no push ${name}`);
  return push.config;
};
const FLOW_NAME = { enrolment: enrolmentFlow.options.name, checkin: checkinFlow.options.name, stop: stopFlow.options.name };
const flow = (name: string): FlowDefinition => {
  const found = exported.flows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no flow ${name}`);
  return found;
};
const actions = (definition: FlowDefinition): Action[] => definition.nodes.flatMap((node) => node.actions);

describe('contact tracing: RapidPro export', () => {
  it('is a valid export with the three flows, the campaign, the fields and the group', () => {
    expect(validateExport(exported)).to.deep.equal([]);
    expect(exported.flows.map((f) => f.name)).to.deep.equal([FLOW_NAME.enrolment, FLOW_NAME.checkin, FLOW_NAME.stop]);
    expect(exported.fields.map((f) => f.key).sort()).to.deep.equal(Object.values(FIELD).map((f) => f.key).sort());
    expect(exported.groups).to.deep.equal([QUARANTINE_GROUP]);
    expect(QUARANTINE_GROUP.name).to.equal('Quarantine');
  });

  it('enrolment saves every push param into a contact field, sets the language and joins the group', () => {
    const enrolment = actions(flow(FLOW_NAME.enrolment));
    const push = pushConfig(startPush.name);
    const params = Object.keys(push.mapping).filter((key) => key.startsWith('params.')).map((key) => key.slice('params.'.length));
    expect(params.sort()).to.deep.equal(['cht_contact_id', 'chw_phone', 'enrollment_id', 'language', 'quarantine_length', 'quarantine_start']);
    const text = JSON.stringify(enrolment);
    for (const param of params) expect(text, param).to.include(`trigger.params.${param}`);
    expect(enrolment.filter((a) => a.type === 'set_contact_field').map((a) => a.type === 'set_contact_field' && a.field.key).sort())
      .to.deep.equal(Object.values(FIELD).map((f) => f.key).sort());
    expect(enrolment.some((a) => a.type === 'set_contact_language')).to.equal(true);
    expect(enrolment.find((a) => a.type === 'add_contact_groups')).to.deep.include({ groups: [{ uuid: QUARANTINE_GROUP.uuid, name: QUARANTINE_GROUP.name }] });
  });

  it('schedules a daily 09:00 check-in from the quarantine start for the longest quarantine', () => {
    const [campaign] = exported.campaigns;
    expect(campaign.group.name).to.equal(QUARANTINE_GROUP.name);
    expect(campaign.events.map((e) => e.offset)).to.deep.equal([...Array(MAX_QUARANTINE_DAYS).keys()]);
    for (const event of campaign.events) {
      expect(event).to.deep.include({ unit: 'D', delivery_hour: 9, relative_to: { key: FIELD.quarantineStart.key, label: FIELD.quarantineStart.name } });
      expect(event.flow.name).to.equal(FLOW_NAME.checkin);
    }
  });

  it('asks in the contact\'s language with yes/no quick replies and accepts yes/no words of all three languages and 1/2', () => {
    const checkin = flow(FLOW_NAME.checkin);
    const sends = actions(checkin).filter((a) => a.type === 'send_msg');
    expect(sends.length).to.be.greaterThan(3);
    for (const language of ['fra', 'swa']) {
      for (const send of sends) expect(checkin.localization[language][send.uuid]?.text, `${language} ${send.uuid}`).to.have.length(1);
    }
    const waits = checkin.nodes.filter((node) => node.router?.wait);
    expect(waits.map((node) => node.router?.result_name)).to.deep.equal(['fever', 'cough', 'breathing']);
    for (const wait of waits) {
      const router = wait.router!;
      const [yes, no] = router.cases;
      expect(yes.arguments[0].split(' ')).to.include.members(['yes', 'oui', 'ndiyo', '1']);
      expect(no.arguments[0].split(' ')).to.include.members(['no', 'non', 'hapana', '2']);
      expect(router.wait?.timeout?.seconds).to.be.greaterThan(0);
      expect(router.categories.map((c) => c.name)).to.include('No Response');
    }
  });

  it('alerts the CHW by SMS on a "yes", at the phone saved from the push', () => {
    const broadcast = actions(flow(FLOW_NAME.checkin)).find((a) => a.type === 'send_broadcast');
    expect(broadcast?.type === 'send_broadcast' && broadcast.legacy_vars).to.deep.equal([`@fields.${FIELD.chwPhone.key}`]);
  });

  it('stops: the stop flow and the end of the quarantine both leave the group', () => {
    for (const name of [FLOW_NAME.stop, FLOW_NAME.checkin]) {
      expect(actions(flow(name)).some((a) => a.type === 'remove_contact_groups'), name).to.equal(true);
    }
    const stop = pushConfig(stopPush.name);
    expect(Object.keys(stop.mapping)).to.include(`params.${PARAM.outcome}`);
  });

  it('starts the flows deploy resolved in the target workspace', () => {
    const resolved = synthesize({ workflows: [workflow], flowUuids: { [FLOW_NAME.enrolment]: '11111111-1111-4111-8111-111111111111' } });
    const push = resolved.pushes.find((candidate) => candidate.name === startPush.name);
    expect(push?.config.mapping.flow).to.deep.equal({ expr: "'11111111-1111-4111-8111-111111111111'" });
    expect(push?.flow).to.include({ name: FLOW_NAME.enrolment, uuid: '11111111-1111-4111-8111-111111111111', exportedUuid: enrolmentFlow.uuid });
    // the export keeps its own UUIDs: only the pushes point at the workspace's flows
    expect(resolved.exports[0].content.flows[0].uuid).to.equal(enrolmentFlow.uuid);
  });
});
