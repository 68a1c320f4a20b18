import { expect } from 'chai';
import { setContactField } from '../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';
import { CampaignBuilder } from '../../../src/rapidpro/flow/campaign';
import { contactField, contactGroup } from '../../../src/rapidpro/flow/fields';
import { canonical, exportOf, serializeExport } from '../../../src/rapidpro/export';
import { checkinExport, checkinFlow, lastCheckin, monitored, quarantineStart } from './sample-flow';

describe('rapidpro exportOf and campaigns', () => {
  it('wraps flows, campaigns, fields and groups in a version 13 export', () => {
    const exported = checkinExport();
    expect(exported.version).to.equal('13');
    expect(exported.flows.map((f) => f.name)).to.deep.equal(['Quarantine Check-in']);
    expect(exported.fields.map((f) => f.key)).to.deep.equal(['last_checkin', 'quarantine_start']);
    expect(exported.groups).to.deep.equal([{ name: 'Quarantine Monitoring', query: null, uuid: monitored.uuid }]);
    expect(exported.triggers).to.deep.equal([]);
  });

  it('repeats a campaign event daily relative to a date field', () => {
    const [campaign] = checkinExport().campaigns;
    expect(campaign.group).to.deep.equal({ name: 'Quarantine Monitoring', uuid: monitored.uuid });
    expect(campaign.events).to.have.length(14);
    expect(campaign.events.map((e) => e.offset)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(campaign.events[3]).to.deep.include({
      unit: 'D',
      event_type: 'F',
      delivery_hour: 9,
      start_mode: 'I',
      relative_to: { key: 'quarantine_start', label: 'Quarantine Start' },
      flow: { name: 'Quarantine Check-in', uuid: checkinFlow().uuid },
    });
    expect(new Set(campaign.events.map((e) => e.uuid)).size).to.equal(14);
  });

  it('repeats weekly from a first offset', () => {
    const flow = checkinFlow();
    const weekly = new CampaignBuilder({ key: 'k', name: 'Weekly', group: monitored }).repeat({ flow, relativeTo: quarantineStart, every: 'week', times: 3, firstOffset: 1 }).toDefinition();
    expect(weekly.events.map((e) => [e.offset, e.unit, e.delivery_hour])).to.deep.equal([[1, 'W', -1], [2, 'W', -1], [3, 'W', -1]]);
  });

  it('refuses campaign mistakes', () => {
    const flow = checkinFlow();
    expect(() => new CampaignBuilder({ key: 'k', name: 'C', group: monitored }).event({ flow, relativeTo: lastCheckin, offset: 1, unit: 'D' })).to.throw(/is a text field; campaign events need a datetime field/);
    expect(() => new CampaignBuilder({ key: 'k', name: 'C', group: monitored }).event({ flow, relativeTo: quarantineStart, offset: 1, unit: 'H', deliveryHour: 9 })).to.throw(/day and week/);
    expect(() => new CampaignBuilder({ key: 'k', name: 'C', group: monitored }).repeat({ flow, relativeTo: quarantineStart, every: 'day', times: 0 })).to.throw(/times/);
    expect(() => new CampaignBuilder({ key: 'k', name: 'C', group: monitored }).toDefinition()).to.throw(/no events/);
  });

  it('throws one line per problem when the export would not import', () => {
    const flow = checkinFlow();
    const campaign = new CampaignBuilder({ key: 'k', name: 'C', group: contactGroup('Elsewhere') }).event({ flow, relativeTo: quarantineStart, offset: 0, unit: 'D' });
    expect(() => exportOf([flow], [campaign], [lastCheckin, quarantineStart], [monitored])).to.throw(/warning: campaign "C": group "Elsewhere" is not in the export's groups/);
  });

  it('refuses a flow setting a field the export does not declare', () => {
    const undeclared = contactField('symptom_days', 'Symptom Days', 'number');
    const flow = new FlowBuilder({ name: 'F', key: 'f', language: 'eng' }).actions('a', [setContactField(undeclared, '1')]);
    expect(() => exportOf([flow])).to.throw(/sets contact field "symptom_days", which is not in the export's fields/);
    expect(exportOf([flow], [], [undeclared]).fields).to.have.length(1);
  });

  it('serializes with sorted keys, 2 spaces and a trailing newline', () => {
    expect(canonical({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } })).to.deep.equal({ a: { c: 3, d: [{ y: 2, z: 1 }] }, b: 1 });
    expect(JSON.stringify(canonical({ b: 1, a: 2 }))).to.equal('{"a":2,"b":1}');
    const text = serializeExport(checkinExport());
    expect(text.startsWith('{\n  "campaigns": [')).to.equal(true);
    expect(text.endsWith('}\n')).to.equal(true);
  });
});
