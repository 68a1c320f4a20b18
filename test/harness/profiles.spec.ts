/**
 * Contact profiles as CHT 4.11 builds them: the standard fields an app shows for what the person
 * and place forms store, each workflow's card only on the persons it describes (a place's profile
 * receives its members' reports too: webapp `contact-view-model-generator.service.ts`), and not a
 * single raw translation key in English, French or Swahili.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseProperties } from '../../src/check/properties';
import { LOCALES } from '../../src/phone/kit/locale';
import { ChtHarness, ContactSummary, REPO_ROOT, asChw, asSupervisor, useHarness } from '../support/harness';
import { TRACED, allWorkflowsSeason } from './all-workflows';

const messages = new Map(LOCALES.map((locale) => [
  locale,
  parseProperties(fs.readFileSync(path.join(REPO_ROOT, `translations/messages-${locale}.properties`), 'utf8')),
]));

/** Every key the profile shows: labels, and values CHT translates. */
function keysOf(summary: ContactSummary): string[] {
  const fields = [...summary.fields, ...summary.cards.flatMap((card) => card.fields)];
  return [
    ...summary.cards.map((card) => card.label),
    ...fields.map((field) => field.label),
    ...fields.filter((field) => field.translate).map((field) => String(field.value)),
  ];
}

function expectNoRawKey(summary: ContactSummary, who: string): void {
  for (const key of keysOf(summary)) {
    for (const locale of LOCALES) {
      expect(messages.get(locale)!.get(key), `${who}: "${key}" in ${locale}`).to.be.a('string').and.not.equal('');
    }
  }
}

const value = (summary: ContactSummary, label: string): unknown => summary.fields.find((field) => field.label === label)?.value;
const cardLabels = (summary: ContactSummary): string[] => summary.cards.map((card) => card.label);

/** The traced contact in quarantine with a check-in, and the CHW in training and wellbeing check-ins. */
async function season(harness: ChtHarness): Promise<void> {
  const traced = harness.state.contacts.find((contact) => contact._id === TRACED)!;
  Object.assign(traced, { sex: 'female', date_of_birth: '1990-07-15', preferred_language: 'sw', notes: 'Lives with her sister' });
  await allWorkflowsSeason(harness);
}

describe('contact profiles', () => {
  const harness = useHarness();

  it('a person shows the standard fields of what the person form stores, then the workflow card about them', async () => {
    await season(harness);
    asChw(harness, TRACED);
    const summary = await harness.getContactSummary(TRACED);
    expect(summary.fields.slice(0, 8).map((field) => [field.label, field.filter === 'lineage' ? 'lineage' : field.value])).to.deep.equal([
      ['contact.profile.shortcode', '54321'],
      ['contact.profile.age', '1990-07-15'],
      ['contact.profile.sex', 'contact.profile.sex.female'],
      ['contact.profile.phone', '+254712345678'],
      ['contact.profile.role', 'contact.role.traced_contact'],
      ['contact.profile.sms-language', 'contact.profile.language.sw'],
      ['contact.profile.parent', 'lineage'],
      ['contact.profile.notes', 'Lives with her sister'],
    ]);
    expect(summary.fields.find((field) => field.label === 'contact.profile.age')).to.include({ filter: 'age' });
    expect(value(summary, 'contact.profile.contact-tracing.status')).to.equal('contact.profile.contact-tracing.status.in_quarantine');
    expect(cardLabels(summary)).to.deep.equal(['contact.profile.contact-tracing.card']);
    expectNoRawKey(summary, 'traced contact');
  });

  it('a person with another role shows the role they were given', async () => {
    const elder = { _id: 'elder', type: 'person', name: 'Mzee Juma', role: 'other', role_other: 'Village elder', parent: { _id: 'clinic_1', parent: { _id: 'health_center_1', parent: { _id: 'district_1' } } } };
    harness.state.contacts.push(elder);
    const summary = await harness.getContactSummary('elder');
    expect(value(summary, 'contact.profile.role')).to.equal('Village elder');
    expect(summary.fields.find((field) => field.label === 'contact.profile.role')?.translate).to.not.equal(true);
    expect(value(summary, 'contact.profile.phone'), 'no phone, no field').to.equal(undefined);
    expectNoRawKey(summary, 'elder');
  });

  it('the supervisor sees the CHW\'s training and wellbeing cards; the CHW sees their training but not their wellbeing', async () => {
    await season(harness);
    asSupervisor(harness);
    const supervisorView = await harness.getContactSummary('chw_user');
    expect(cardLabels(supervisorView)).to.deep.equal(['contact.profile.remote-training.title', 'contact.profile.chw-wellbeing.title']);
    expect(value(supervisorView, 'contact.profile.role')).to.equal('contact.role.chw');
    expectNoRawKey(supervisorView, 'CHW, seen by the supervisor');

    asChw(harness);
    const own = await harness.getContactSummary('chw_user');
    expect(cardLabels(own)).to.deep.equal(['contact.profile.remote-training.title']);
    expectNoRawKey(own, 'CHW, seen by themselves');
  });

  it('a household and an area show their primary contact, and none of their members\' workflow cards', async () => {
    await season(harness);
    asSupervisor(harness);
    for (const [place, head, phone] of [['clinic_1', 'Amina CHW', '+254700000002'], ['health_center_1', 'Grace Supervisor', '+254700000001']]) {
      const summary = await harness.getContactSummary(place);
      expect(summary.cards, place).to.deep.equal([]);
      expect(summary.fields.map((field) => field.label), place).to.deep.equal(['contact.profile.contact', 'contact.profile.contact-phone', 'contact.profile.parent']);
      expect(value(summary, 'contact.profile.contact'), place).to.equal(head);
      expect(value(summary, 'contact.profile.contact-phone'), place).to.equal(phone);
      expect(JSON.stringify(summary), place).to.not.match(/contact-tracing|remote-training|chw-wellbeing|ct_enrolled|training_|chw_wellbeing/);
      expectNoRawKey(summary, place);
    }
    const district = await harness.getContactSummary('district_1');
    expect(district.fields, 'a top place: no parent, no primary contact').to.deep.equal([]);
  });
});
