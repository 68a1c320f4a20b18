/**
 * Every translation key a profile can show is a declared one: the toolkit's standard fields
 * (`BASE_PROFILE_KEYS`) or a workflow's profile keys. `check` and the generated translation files
 * work from those lists, so a key the code uses but never declares would reach a phone raw; this
 * runs the real contact summary over contacts and reports in every state to prove there is none.
 */
import { expect } from 'chai';
import { BASE_PROFILE_KEYS, ContactSummary, composeSummary } from '../../../src/phone/kit/contact-summary';
import { ContactDoc, ReportDoc } from '../../../src/phone/kit/docs';
import { phoneRules } from '../../../src/phone/workflows';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date(2026, 2, 10, 8).getTime();

type Globals = { Utils?: unknown; cht?: unknown };
function at<T>(time: number, permissions: string[], fn: () => T): T {
  const globals = globalThis as Globals;
  globals.Utils = { now: () => new Date(time) };
  globals.cht = { v1: { hasPermissions: (p: string) => permissions.includes(p), hasAnyPermission: () => false } };
  try {
    return fn();
  } finally {
    delete globals.Utils;
    delete globals.cht;
  }
}

const lineage: ContactDoc[] = [
  { _id: 'clinic_1', type: 'clinic', name: 'Household' },
  { _id: 'hc', type: 'health_center', name: 'Area' },
];
let ids = 0;
const report = (form: string, day: number, fields: Record<string, unknown>): ReportDoc =>
  ({ _id: `r${++ids}`, form, reported_date: T0 + day * DAY, fields: { patient_id: 'p', ...fields } });

const enrolment = (consent: 'yes' | 'no') => report('quarantine_enrollment', 0, {
  quarantine: { start_date: '2026-03-10', length_days: '5' }, sms: { consent, phone: consent === 'yes' ? '+254712345678' : '' },
});

function quarantineStories(): ReportDoc[][] {
  const stories: ReportDoc[][] = [];
  for (const consent of ['yes', 'no'] as const) {
    const enrolled = enrolment(consent);
    const checkin = (day: number, answered: boolean, symptomatic: boolean) => report('RP_SYMPTOMS', day, {
      rp_event_id: `run-${ids}`, answered, symptomatic, fever: symptomatic, quarantine_day: day + 1, enrollment_id: enrolled._id,
    });
    stories.push([enrolled], [enrolled, checkin(1, true, true)], [enrolled, checkin(1, true, false), checkin(2, false, false)]);
    for (const outcome of ['completed', 'referred', 'withdrew', 'lost']) {
      stories.push([enrolled, checkin(1, true, false), report('quarantine_end_check', 2, { end: { outcome } })]);
    }
  }
  return stories;
}

function trainingStories(): ReportDoc[][] {
  const enrolled = (consent: string) => report('training_enrollment', 0, { training: { module: 'anc', consent } });
  const answer = (question: string, correct: boolean) => report('RP_TRAINING', 1, { rp_event_id: `run/${question}`, kind: 'answer', module: 'anc', question_id: question, correct });
  const yes = enrolled('yes');
  return [[enrolled('no')], [yes], [yes, answer('anc_q1', false)], [yes, answer('anc_q1', true), report('RP_TRAINING', 2, { rp_event_id: 'run/complete', kind: 'complete', module: 'anc', score: 6, total: 7 })]];
}

function wellbeingStories(): ReportDoc[][] {
  const enrolled = (consent: string, day = 0) => report('wellbeing_enrollment', day, { patient_uuid: 'p', enrollment: { consent } });
  const week = (day: number, fields: Record<string, unknown>) => report('RP_WELLBEING', day, { rp_event_id: `week-${day}`, ...fields });
  const yes = enrolled('yes');
  return [
    [enrolled('no')],
    [yes],
    [yes, week(1, { answered: false })],
    [yes, week(1, { answered: true, fever: true, phq_anxious: 3, phq_worry: 3, phq_interest: 1, phq_down: 0, wants_counsellor: true })],
    [yes, week(1, { answered: true, phq_anxious: 3 })],
    [yes, week(1, { answered: true }), enrolled('no', 2)],
  ];
}

const people: ContactDoc[] = [
  { _id: 'p', type: 'person', name: 'A', role: 'traced_contact', patient_id: '54321', sex: 'female', date_of_birth: '1990-01-01', phone: '+254712345678', preferred_language: 'sw', notes: 'n' },
  { _id: 'p', type: 'person', name: 'B', role: 'chw', sex: 'male', preferred_language: 'fr' },
  { _id: 'p', type: 'person', name: 'C', role: 'chw_supervisor', preferred_language: 'en' },
  { _id: 'p', type: 'person', name: 'D', role: 'other', role_other: 'Teacher' },
  { _id: 'p', type: 'person', name: 'E', role: 'other', sex: 'unknown' },
  { _id: 'p', type: 'contact', contact_type: 'person', name: 'F' },
];
const places: ContactDoc[] = [
  { _id: 'p', type: 'clinic', name: 'Household', contact: { _id: 'x', type: 'person', name: 'Head', phone: '+254700000002' }, notes: 'n' },
  { _id: 'p', type: 'health_center', name: 'Area' },
  { _id: 'p', type: 'district_hospital', name: 'District' },
];

function keysOf(summary: ContactSummary): string[] {
  const fields = [...summary.fields, ...summary.cards.flatMap((card) => card.fields)];
  return [...summary.cards.map((card) => card.label), ...fields.map((field) => field.label), ...fields.filter((field) => field.translate).map((field) => String(field.value))];
}

describe('contact summary: every key it shows is declared', () => {
  const declared = new Set<string>([...BASE_PROFILE_KEYS, ...phoneRules.flatMap((rules) => rules.summary?.keys ?? [])]);
  const summaries = phoneRules.map((rules) => rules.summary);
  const stories = [[], ...quarantineStories(), ...trainingStories(), ...wellbeingStories()];
  const times = [-1, 0, 2, 6, 9, 30].map((day) => T0 + day * DAY);

  it('for people of every role, in every state of every workflow, for supervisors and others', () => {
    const used = new Set<string>();
    for (const contact of people) {
      for (const reports of stories) {
        for (const time of times) {
          for (const permissions of [[], ['can_supervise_wellbeing', 'can_supervise_training']]) {
            at(time, permissions, () => keysOf(composeSummary(contact, reports, lineage, summaries)).forEach((key) => used.add(key)));
          }
        }
      }
    }
    expect([...used].filter((key) => !declared.has(key))).to.deep.equal([]);
    // the stories reach every state: most declared keys are shown at least once
    expect(used.size).to.be.greaterThan(declared.size * 0.8);
  });

  it('for places, which show their primary contact and no workflow card, whatever their members\' reports', () => {
    for (const place of places) {
      for (const reports of stories) {
        const members = reports.map((r) => ({ ...r, fields: { ...r.fields, patient_id: 'member' } }));
        const summary = at(T0 + 2 * DAY, ['can_supervise_wellbeing'], () => composeSummary(place, [...reports, ...members], lineage, summaries));
        expect(summary.cards, place.type).to.deep.equal([]);
        expect(keysOf(summary).filter((key) => !(BASE_PROFILE_KEYS as readonly string[]).includes(key)), place.type).to.deep.equal([]);
        expect(summary.context, place.type).to.deep.equal({});
      }
    }
  });
});
