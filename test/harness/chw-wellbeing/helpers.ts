/**
 * Shared steps of the wellbeing harness specs. Weekly records are never hand-written: a RapidPro
 * run is described by its results, turned into the webhook's record by the response form's post
 * (`recordFromRun`, the same code `sync` uses) and into the doc CHT would save by `createRecordDoc`.
 */
import { expect } from 'chai';
import { createRecordDoc } from '../../../src/cht/records';
import { RunLike } from '../../../src/integration/sources';
import { jsonFormOf } from '../../../src/integration/record-post';
import { wellbeingRecord } from '../../../src/phone/workflows/chw-wellbeing/model';
import { CATEGORY, RESULT, weeklyCheckPost } from '../../../src/workflows/chw-wellbeing/flows';
import { ChtHarness, ReportDoc } from '../../support/harness';

export const CHW = 'chw_user';
export const SUPERVISOR = 'supervisor_user';

/** What the CHW replied this week; a question left out was never reached (the run closed before it). */
export interface Week {
  fever?: 'Yes' | 'No' | 'No Response';
  cough?: 'Yes' | 'No' | 'No Response';
  breathing?: 'Yes' | 'No' | 'No Response';
  tasteSmell?: 'Yes' | 'No' | 'No Response';
  /** A reply to a PHQ item: the number RapidPro saved, or 'No Response' for a timeout. */
  anxious?: number | 'No Response';
  worry?: number | 'No Response';
  interest?: number | 'No Response';
  down?: number | 'No Response';
  counsellor?: 'Yes' | 'No' | 'No Response';
}

export const MISSED: Week = { fever: 'No Response' };
export const WELL: Week = { fever: 'No', cough: 'No', breathing: 'No', tasteSmell: 'No', anxious: 0, worry: 1, interest: 1, down: 0, counsellor: 'No' };

let runs = 0;

/** The run RapidPro would report for this week (as runs.json shows it). */
export function runOf(week: Week, time: number, contactId = CHW): RunLike {
  const at = new Date(time).toISOString();
  const values: RunLike['values'] = {
    [RESULT.chtContactId]: { value: contactId, category: 'All Responses', time: at },
    [RESULT.closed]: { value: 'yes', category: 'All Responses', time: at },
  };
  const keys: Record<keyof Week, string> = {
    fever: RESULT.fever, cough: RESULT.cough, breathing: RESULT.breathing, tasteSmell: RESULT.tasteSmell,
    anxious: RESULT.anxious, worry: RESULT.worry, interest: RESULT.interest, down: RESULT.down, counsellor: RESULT.counsellor,
  };
  for (const [name, answer] of Object.entries(week) as [keyof Week, Week[keyof Week]][]) {
    if (answer === undefined) continue;
    if (typeof answer === 'number') values[keys[name]] = { value: String(answer), category: CATEGORY.score, time: at };
    else values[keys[name]] = { value: answer === CATEGORY.noResponse ? '' : answer.toLowerCase(), category: answer, time: at };
  }
  runs += 1;
  return { uuid: `run-${runs}`, contact: { uuid: `rp-${contactId}`, urn: 'tel:+254700000002' }, values };
}

/** How a weekly check reaches CHT: `webhook` (CHT stamps the arrival, now) or `sync` (the run's time). */
export interface Delivery {
  /** When the CHW answered; default now. */
  answeredAt?: string | number;
  via?: 'webhook' | 'sync';
}

/** A weekly check arriving in CHT now: the webhook's (or sync's) record, saved as CHT's records API would. */
export function checkIn(harness: ChtHarness, week: Week, contactId = CHW, delivery: Delivery = {}): ReportDoc {
  const now = harness.getNow();
  const answeredAt = delivery.answeredAt === undefined ? now : new Date(delivery.answeredAt).getTime();
  const body = weeklyCheckPost.recordFromRun(runOf(week, answeredAt, contactId));
  if (!body) throw new Error('the weekly run never reached its webhook');
  if (delivery.via !== 'sync') delete body._meta.reported_date;
  const doc = createRecordDoc({ [wellbeingRecord.code]: jsonFormOf(wellbeingRecord) }, body, { id: `rp-wellbeing-${runs}`, now });
  expect(doc.errors, 'the records API would flag this record').to.deep.equal([]);
  harness.pushMockedDoc(doc);
  return doc;
}

/** The supervisor enrols the CHW with the real `wellbeing_enrollment` form. */
export async function enrol(harness: ChtHarness, options: { consent?: 'yes' | 'no'; language?: string; day?: string } = {}): Promise<ReportDoc> {
  const consent = options.consent ?? 'yes';
  const answers = consent === 'yes' ? [consent, options.language ?? 'sw', 'yes', options.day ?? 'wednesday'] : [consent];
  const result = await harness.fillForm({ form: 'wellbeing_enrollment', user: SUPERVISOR, subject: CHW }, answers);
  expect(result.errors).to.deep.equal([]);
  expect(result.report).to.not.equal(undefined);
  return result.report as ReportDoc;
}

export { asChw, asSupervisor } from '../../support/harness';
