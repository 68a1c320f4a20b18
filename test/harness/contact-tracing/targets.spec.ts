import { expect } from 'chai';
import { answeredTarget, completedTarget, followedUpTarget, monitoredTarget } from '../../../src/phone/workflows/contact-tracing/targets';
import { ContactDoc, Target, useHarness } from '../../support/harness';
import { enrol, receiveCheckin, submitted } from './scenario';

const second: ContactDoc = {
  _id: 'second_contact', type: 'person', name: 'Neema Contact', role: 'traced_contact', phone: '+254712000111', preferred_language: 'sw',
  parent: { _id: 'clinic_1', parent: { _id: 'health_center_1', parent: { _id: 'district_1' } } },
};

describe('contact tracing: targets', () => {
  const harness = useHarness();

  it('counts monitored contacts, answered days, symptomatic follow-ups within 24 h and completed quarantines', async () => {
    harness.user = 'chw_user';
    harness.userRoles = ['chw'];
    harness.state.contacts.push(second);
    await harness.setNow('2026-03-02T08:00:00');

    // the second contact does a short quarantine and completes it
    harness.subject = 'second_contact';
    await enrol(harness, { exposure: '2026-03-01', start: '2026-03-02', length: 3 });
    await harness.setNow('2026-03-04T15:00:00');
    submitted(await harness.fillForm('quarantine_end_check', ['yes', 'no', 'completed']));

    // the traced contact is under monitoring: 3 check-ins, 2 answered, 2 symptomatic
    harness.subject = 'traced_contact';
    await harness.setNow('2026-03-10T08:00:00');
    const enrollment = await enrol(harness);
    await harness.setNow('2026-03-11T09:30:00');
    receiveCheckin(harness, enrollment, { day: 2, fever: 'yes', cough: 'no', breathing: 'no' });
    await harness.flush({ hours: 20 });
    submitted(await harness.fillForm('symptomatic_follow_up', ['phone_call', ['fever'], ['none'], 'home_isolation']));
    await harness.setNow('2026-03-12T15:00:00');
    receiveCheckin(harness, enrollment, { day: 3, fever: 'none' });
    await harness.setNow('2026-03-13T09:30:00');
    receiveCheckin(harness, enrollment, { day: 4, fever: 'no', cough: 'yes', breathing: 'no' });
    await harness.flush({ hours: 30 }); // followed up too late
    submitted(await harness.fillForm('symptomatic_follow_up', ['home_visit', ['cough'], ['none'], 'referred_testing']));

    const targets = await harness.getTargets();
    const byId = (id: string): Target => {
      const target = targets.find((candidate) => candidate.id === id);
      if (!target) throw new Error(`no target ${id}`);
      return target;
    };
    expect(byId(monitoredTarget.id).value, 'monitored').to.deep.include({ pass: 1, total: 1 });
    expect(byId(answeredTarget.id).value, 'answered').to.deep.include({ pass: 2, total: 3, percent: 67 });
    expect(byId(followedUpTarget.id).value, 'followed up within 24 h').to.deep.include({ pass: 1, total: 2, percent: 50 });
    expect(byId(completedTarget.id).value, 'completed').to.deep.include({ pass: 1, total: 1 });

    // once the quarantine is over, the contact is no longer monitored
    await harness.setNow('2026-03-24T10:00:00');
    const later = await harness.getTargets({ type: monitoredTarget.id });
    expect(later[0].value).to.deep.include({ pass: 0 });
  });
});
