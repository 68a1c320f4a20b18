/**
 * The contact-tracing story as harness steps: real form submissions for what the CHW does, and
 * for what RapidPro sends back, the record `POST /api/v2/records` would create from the flow's
 * webhook (`checkinPost.recordFromRun` → `createRecordDoc`), never a hand-written doc.
 */
import { createRecordDoc } from '../../../src/cht/records';
import { RunLike } from '../../../src/integration/sources';
import { jsonFormOf } from '../../../src/integration/record-post';
import { symptomsRecord } from '../../../src/phone/workflows/contact-tracing/model';
import { CATEGORY, RESULT, checkinPost } from '../../../src/workflows/contact-tracing/flows';
import { ChtHarness, FillResult, PageAnswers, ReportDoc, TaskDoc } from '../../support/harness';

export const TRACED = 'traced_contact';
const FORMS = { [symptomsRecord.code]: jsonFormOf(symptomsRecord) };

export interface EnrolOptions {
  exposure?: string;
  start?: string;
  length?: number;
  consent?: 'yes' | 'no';
  language?: 'en' | 'fr' | 'sw' | null;
  /** Confirm the phone on file ('yes') or give another one. */
  phone?: 'yes' | string;
}

/** The CHW fills `quarantine_enrollment` for the harness subject. */
export function enrolmentPages(options: EnrolOptions = {}): PageAnswers[] {
  const consent = options.consent ?? 'yes';
  const sms: PageAnswers = consent === 'no'
    ? ['no']
    : options.phone === undefined || options.phone === 'yes'
      ? ['yes', options.language === undefined ? 'en' : options.language, 'yes']
      : ['yes', options.language === undefined ? 'en' : options.language, 'no', options.phone];
  return [
    [options.exposure ?? '2026-03-09', 'household'],
    [options.start ?? '2026-03-10', options.length ?? 14],
    sms,
    [],
  ];
}

export async function enrol(harness: ChtHarness, options: EnrolOptions = {}): Promise<ReportDoc> {
  return submitted(await harness.fillForm('quarantine_enrollment', ...enrolmentPages(options)));
}

export function submitted(result: FillResult): ReportDoc {
  if (result.errors.length || !result.report) throw new Error(`form not submitted: ${JSON.stringify(result.errors)}`);
  return result.report;
}

export interface CheckinAnswers {
  /** The quarantine day the check-in asks about (RapidPro counts it from the start date). */
  day: number;
  /** 'none' = the first question timed out. */
  fever: 'yes' | 'no' | 'none';
  cough?: 'yes' | 'no' | 'none';
  breathing?: 'yes' | 'no' | 'none';
}

/** How a check-in reaches CHT. */
export interface Delivery {
  /** When the contact answered (the run's results); default now. */
  answeredAt?: string | number;
  /**
   * `webhook` (default): the flow's webhook posts it, CHT stamps its arrival (now).
   * `sync`: the backstop recovers it from the run, with the run's time as `reported_date`.
   */
  via?: 'webhook' | 'sync';
}

let runs = 0;

/** The RP_SYMPTOMS record a check-in run posts, created as CHT would and added to the harness. */
export function receiveCheckin(harness: ChtHarness, enrollment: ReportDoc, answers: CheckinAnswers, subject = TRACED, delivery: Delivery = {}): ReportDoc {
  const answeredAt = delivery.answeredAt === undefined ? harness.getNow() : new Date(delivery.answeredAt).getTime();
  const time = new Date(answeredAt).toISOString();
  const result = (answer: 'yes' | 'no' | 'none' | undefined) => answer === undefined ? undefined : {
    value: answer === 'none' ? null : answer,
    category: answer === 'yes' ? CATEGORY.yes : answer === 'no' ? CATEGORY.no : CATEGORY.noResponse,
    time,
  };
  const symptomatic = [answers.fever, answers.cough, answers.breathing].includes('yes');
  const uuid = `00000000-0000-4000-8000-${String(++runs).padStart(12, '0')}`;
  const run: RunLike = {
    uuid,
    contact: { uuid: `rp-${subject}`, urn: 'tel:+254712345678' },
    values: {
      [RESULT.quarantineDay]: { value: String(answers.day), category: CATEGORY.inQuarantine, time },
      [RESULT.chtContactId]: { value: subject, category: 'All Responses', time },
      [RESULT.enrollmentId]: { value: enrollment._id, category: 'All Responses', time },
      [RESULT.fever]: result(answers.fever),
      [RESULT.cough]: result(answers.cough),
      [RESULT.breathing]: result(answers.breathing),
      [RESULT.symptomatic]: { value: String(symptomatic), category: symptomatic ? CATEGORY.yes : CATEGORY.no, time },
    },
  };
  const body = checkinPost.recordFromRun(run);
  if (!body) throw new Error('the check-in run never reached its webhook');
  // the webhook's body has no reported_date: CHT stamps the arrival; sync gives the run's time
  if (delivery.via !== 'sync') delete body._meta.reported_date;
  const record = createRecordDoc(FORMS, body, { id: `rp-${uuid}`, now: harness.getNow() });
  if (record.errors.length) throw new Error(`CHT would flag the record: ${JSON.stringify(record.errors)}`);
  harness.pushMockedDoc(record);
  return record;
}

export async function tasksTitled(harness: ChtHarness, title: string): Promise<TaskDoc[]> {
  return (await harness.getTasks()).filter((task) => task.emission.title === title);
}
