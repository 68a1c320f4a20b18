import { expect } from 'chai';
import { checkedInTarget, followedUpTarget, referredTarget } from '../../../src/phone/workflows/chw-wellbeing/targets';

const TARGET = { checkedIn: checkedInTarget.id, referred: referredTarget.id, followedUp: followedUpTarget.id };
import { Target, useHarness } from '../../support/harness';
import { asChw, asSupervisor, checkIn, CHW, enrol, MISSED, WELL } from './helpers';

describe('chw-wellbeing targets and contact summary (harness)', () => {
  const harness = useHarness();

  beforeEach(async () => {
    await harness.setNow('2026-03-02T08:00:00');
    asSupervisor(harness);
    await enrol(harness);
    await harness.flush({ days: 2, hours: 2 });
  });

  const target = async (id: string): Promise<Target['value']> => {
    const [found] = await harness.getTargets({ type: id });
    expect(found, id).to.not.equal(undefined);
    return found.value;
  };

  describe('targets', () => {
    it('% of CHWs checked in this week: an answered check in the last 7 days, a missed one does not count', async () => {
      expect(await target(TARGET.checkedIn)).to.include({ pass: 0, total: 1 });
      checkIn(harness, MISSED);
      expect(await target(TARGET.checkedIn)).to.include({ pass: 0, total: 1 });
      checkIn(harness, WELL);
      expect(await target(TARGET.checkedIn)).to.include({ pass: 1, total: 1, percent: 100 });
      await harness.flush(8);
      expect(await target(TARGET.checkedIn)).to.include({ pass: 0, total: 1 });
    });

    it('CHWs referred for support counts CHWs, not records', async () => {
      checkIn(harness, WELL);
      expect(await target(TARGET.referred)).to.include({ pass: 0 });
      checkIn(harness, { ...WELL, counsellor: 'Yes' });
      await harness.flush(7);
      checkIn(harness, { ...WELL, anxious: 2, worry: 2 });
      expect(await target(TARGET.referred)).to.include({ pass: 1 });
    });

    it('% of referrals followed up within the week', async () => {
      checkIn(harness, { ...WELL, interest: 3, down: 3 });
      expect(await target(TARGET.followedUp)).to.include({ pass: 0, total: 1 });
      const [task] = await harness.getTasks();
      await harness.flush(1);
      await harness.loadAction(task, ['yes', ['listened'], 'resolved']);
      expect(await target(TARGET.followedUp)).to.include({ pass: 1, total: 1, percent: 100 });
    });

    it('a CHW user sees none of these tiles (4.11 evaluates their context on the CHW\'s contact)', async () => {
      checkIn(harness, { ...WELL, counsellor: 'Yes' });
      asChw(harness);
      expect(await harness.getTargets({ type: Object.values(TARGET) })).to.deep.equal([]);
    });
  });

  describe('contact summary', () => {
    const card = async () => (await harness.getContactSummary(CHW)).cards.find((c) => c.label === 'contact.profile.chw-wellbeing.title');
    const value = (fields: Array<{ label: string; value: unknown }>, key: string): unknown =>
      fields.find((field) => field.label === `contact.profile.chw-wellbeing.${key}`)?.value;

    it('shows the supervisor the last check-in date and its flags', async () => {
      const checked = checkIn(harness, { ...WELL, fever: 'Yes', anxious: 2, worry: 1 });
      const found = await card();
      expect(found).to.not.equal(undefined);
      expect(value(found!.fields, 'last-check-in')).to.equal(checked.reported_date);
      expect(value(found!.fields, 'symptoms')).to.equal('contact.profile.chw-wellbeing.yes');
      expect(value(found!.fields, 'gad2')).to.equal(3);
      expect(value(found!.fields, 'needs-support')).to.equal('contact.profile.chw-wellbeing.yes');
      expect((await harness.getContactSummary(CHW)).context).to.include({ chw_wellbeing_enrolled: true });
    });

    it('shows a missed last week without scores', async () => {
      checkIn(harness, WELL);
      await harness.flush(7);
      checkIn(harness, MISSED);
      const found = await card();
      expect(value(found!.fields, 'last-week')).to.equal('contact.profile.chw-wellbeing.missed');
      expect(value(found!.fields, 'gad2')).to.equal(undefined);
    });

    it('shows the CHW nothing about their own wellbeing', async () => {
      checkIn(harness, { ...WELL, counsellor: 'Yes' });
      asChw(harness);
      const summary = await harness.getContactSummary(CHW);
      expect(JSON.stringify(summary)).to.not.contain('chw-wellbeing');
      expect(summary.context).to.not.have.property('chw_wellbeing_enrolled');
    });
  });
});
