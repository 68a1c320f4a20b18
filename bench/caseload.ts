/**
 * A synthetic, phone-sized caseload for the rules benchmark. RapidPro answers are built the way
 * CHT would store them: a run's results → the workflow's own post (`recordFromRun`) → the doc the
 * records API creates (`createRecordDoc`). App-form reports have the field shapes of the harness's
 * real submissions. The mix (symptomatic days, silences, missed weeks, wrong answers, follow-ups)
 * is deterministic and chosen so that every task and target of the three workflows fires.
 */
import { ContactDoc, ContactWithReports, ReportDoc } from '../src/phone/kit/docs';
import { createRecordDoc } from '../src/cht/records';
import { RunLike } from '../src/integration/sources';
import { jsonFormOf } from '../src/integration/record-post';
import { addDays, isoDate } from '../src/phone/kit/time';
import { wellbeingRecord } from '../src/phone/workflows/chw-wellbeing/model';
import { symptomsRecord } from '../src/phone/workflows/contact-tracing/model';
import { trainingRecord } from '../src/phone/workflows/remote-training/model';
import { CATEGORY as WB_CATEGORY, RESULT as WB_RESULT, weeklyCheckPost } from '../src/workflows/chw-wellbeing/flows';
import { CATEGORY as CT_CATEGORY, RESULT as CT_RESULT, checkinPost } from '../src/workflows/contact-tracing/flows';
import { RESULT as TR_RESULT, answerCategory, answerPosts, completePost } from '../src/workflows/remote-training/flows';
import { ANC_MODULE } from '../src/workflows/remote-training/messages';

const HOUR = 60 * 60 * 1000;
const FORMS = {
  [symptomsRecord.code]: jsonFormOf(symptomsRecord),
  [wellbeingRecord.code]: jsonFormOf(wellbeingRecord),
  [trainingRecord.code]: jsonFormOf(trainingRecord),
};

export interface CaseloadSize {
  tracedContacts: number;
  chws: number;
}

export const BASE_SIZE: CaseloadSize = { tracedContacts: 1000, chws: 50 };

export interface Caseload {
  /** One container per contact, reports sorted by `reported_date` as the rules engine sorts them. */
  containers: ContactWithReports[];
  reportCount: number;
  /** The logged-in supervisor (`user` global). */
  supervisor: ContactDoc;
}

export function scaled(size: CaseloadSize, factor: number): CaseloadSize {
  return { tracedContacts: size.tracedContacts * factor, chws: size.chws * factor };
}

/** Builds the caseload around `now` (the rules run on the real clock, so data is placed relative to it). */
export function makeCaseload(size: CaseloadSize, now: number): Caseload {
  const ids = new Sequence();
  const containers: ContactWithReports[] = [];
  for (let i = 0; i < size.tracedContacts; i++) containers.push(tracedContact(i, now, ids));
  for (let i = 0; i < size.chws; i++) containers.push(chw(i, now, ids));
  for (const container of containers) container.reports.sort((a, b) => a.reported_date - b.reported_date);
  const reportCount = containers.reduce((sum, c) => sum + c.reports.length, 0);
  const supervisor: ContactDoc = { _id: 'bench-supervisor', type: 'person', name: 'Bench Supervisor', role: 'chw_supervisor', parent: { _id: 'hc-1' } };
  return { containers, reportCount, supervisor };
}

/** Fresh containers over the same docs: the rules engine hands the rules new arrays on every recalculation. */
export function freshContainers(caseload: Caseload): ContactWithReports[] {
  return caseload.containers.map((c) => ({ contact: c.contact, reports: c.reports.slice() }));
}

class Sequence {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `${prefix}-${this.n}`;
  }
  uuid(): string {
    this.n += 1;
    return `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`;
  }
}

function appReport(id: string, form: string, time: number, subject: string, fields: Record<string, unknown>): ReportDoc {
  return { _id: id, type: 'data_record', form, reported_date: time, contact: { _id: 'chw-user', parent: { _id: 'hc-1' } }, fields: { patient_id: subject, patient_uuid: subject, ...fields } };
}

function stored(body: unknown, id: string, now: number): ReportDoc {
  const doc = createRecordDoc(FORMS, body, { id, now });
  if (doc.errors.length) throw new Error(`the records API would flag ${id}: ${JSON.stringify(doc.errors)}`);
  return doc;
}

type Answer = 'yes' | 'no' | 'none';

// ---------------------------------------------------------------- contact tracing

/**
 * Four kinds of traced contact, by `i % 4`: still in a 21-day quarantine (some silent for three
 * days), finished without an end check, finished and closed as completed, and one with a
 * symptomatic day that was followed up. Symptomatic and unanswered days are sprinkled over all.
 */
function tracedContact(i: number, now: number, ids: Sequence): ContactWithReports {
  const id = `traced-${i}`;
  const contact: ContactDoc = { _id: id, type: 'person', name: `Traced ${i}`, role: 'traced_contact', phone: phone(712000000 + i), patient_id: String(60000 + i), parent: { _id: 'clinic-1', parent: { _id: 'hc-1' } } };
  const kind = i % 4;
  const today = addDays(now, 0);
  const startDaysAgo = kind === 0 ? 14 : kind === 2 ? 16 : 15;
  const length = kind === 0 ? 21 : 14;
  const start = addDays(today, -startDaysAgo);
  const enrolledAt = start - 6 * HOUR;
  const enrollment = appReport(ids.next('enrol'), 'quarantine_enrollment', enrolledAt, id, {
    exposure: { exposure_date: isoDate(addDays(start, -1)), exposure_type: 'household' },
    quarantine: { start_date: isoDate(start), length_days: String(length), end_date: isoDate(addDays(start, length - 1)) },
    sms: { consent: 'yes', language: ['en', 'fr', 'sw'][i % 3], phone_confirmed: 'yes', phone: contact.phone },
  });
  const reports: ReportDoc[] = [enrollment];
  for (let day = 1; day <= 14; day++) {
    const at = addDays(start, day - 1) + 8 * HOUR + (i % 60) * 60 * 1000;
    const silent = kind === 0 && i % 8 === 0 && day >= 12;
    const answered = !silent && (i * 3 + day) % 11 !== 0;
    const symptomatic = answered && ((i * 7 + day) % 23 === 0 || (kind === 3 && day === 5));
    const fever: Answer = !answered ? 'none' : symptomatic ? 'yes' : 'no';
    reports.push(checkin(ids, id, contact, enrollment._id, day, at, fever, answered ? 'no' : undefined));
    if (kind === 3 && day === 5) {
      reports.push(appReport(ids.next('sfu'), 'symptomatic_follow_up', at + 4 * HOUR, id, {
        inputs: { source_id: reports[reports.length - 1]._id },
        follow_up: { method: 'phone', symptoms: 'fever', action: 'home_care' },
        referred: 'no',
      }));
    }
  }
  if (kind === 2) {
    reports.push(appReport(ids.next('end'), 'quarantine_end_check', addDays(start, length) + 10 * HOUR, id, {
      inputs: { source_id: enrollment._id },
      end: { outcome: 'completed', symptoms_now: 'no', sms_phone: 'yes' },
    }));
  }
  return { contact, reports };
}

function checkin(ids: Sequence, subject: string, contact: ContactDoc, enrollmentId: string, day: number, at: number, fever: Answer, rest?: Answer): ReportDoc {
  const time = new Date(at).toISOString();
  const result = (answer: Answer | undefined) => answer === undefined ? undefined : {
    value: answer === 'none' ? null : answer,
    category: answer === 'yes' ? CT_CATEGORY.yes : answer === 'no' ? CT_CATEGORY.no : CT_CATEGORY.noResponse,
    time,
  };
  const symptomatic = fever === 'yes';
  const uuid = ids.uuid();
  const run: RunLike = {
    uuid,
    contact: { uuid: `rp-${subject}`, urn: `tel:${contact.phone ?? ''}` },
    values: {
      [CT_RESULT.quarantineDay]: { value: String(day), category: CT_CATEGORY.inQuarantine, time },
      [CT_RESULT.chtContactId]: { value: subject, category: 'All Responses', time },
      [CT_RESULT.enrollmentId]: { value: enrollmentId, category: 'All Responses', time },
      [CT_RESULT.fever]: result(fever),
      [CT_RESULT.cough]: result(rest),
      [CT_RESULT.breathing]: result(rest),
      [CT_RESULT.symptomatic]: { value: String(symptomatic), category: symptomatic ? CT_CATEGORY.yes : CT_CATEGORY.no, time },
    },
  };
  return stored(checkinPost.recordFromRun(run), `rp-${uuid}`, at);
}

// ---------------------------------------------------------------- CHWs: wellbeing and training

/** A CHW enrolled in the weekly wellbeing check 12 weeks ago and in the ANC training 20 days ago. */
function chw(i: number, now: number, ids: Sequence): ContactWithReports {
  const id = `chw-${i}`;
  const contact: ContactDoc = { _id: id, type: 'person', name: `CHW ${i}`, role: 'chw', phone: phone(700100000 + i), preferred_language: 'sw', parent: { _id: 'hc-1' } };
  const reports: ReportDoc[] = [...wellbeing(i, id, contact, now, ids), ...training(i, id, contact, now, ids)];
  return { contact, reports };
}

function wellbeing(i: number, id: string, contact: ContactDoc, now: number, ids: Sequence): ReportDoc[] {
  const enrolledAt = now - 85 * 24 * HOUR;
  const reports: ReportDoc[] = [appReport(ids.next('wbe'), 'wellbeing_enrollment', enrolledAt, id, {
    enrollment: { consent: 'yes', language: 'sw', phone_confirmed: 'yes', phone: contact.phone, preferred_day: 'wednesday', first_check: isoDate(enrolledAt + 2 * 24 * HOUR) },
  })];
  for (let week = 1; week <= 12; week++) {
    const at = now - (12 - week) * 7 * 24 * HOUR - (2 + (i % 5)) * HOUR;
    // two missed weeks in a row for every fifth CHW (weeks 6–7), single misses elsewhere
    const missed = (i % 5 === 0 && (week === 6 || week === 7)) || (i + week) % 9 === 0;
    const distressed = !missed && (i * 5 + week) % 13 === 0;
    const symptomatic = !missed && (i + 2 * week) % 17 === 0;
    const values: RunLike['values'] = {};
    const time = new Date(at).toISOString();
    const yesNo = (key: string, yes: boolean) => { values[key] = { value: yes ? 'yes' : 'no', category: yes ? WB_CATEGORY.yes : WB_CATEGORY.no, time }; };
    const score = (key: string, value: number) => { values[key] = { value: String(value), category: WB_CATEGORY.score, time }; };
    values[WB_RESULT.chtContactId] = { value: id, category: 'All Responses', time };
    values[WB_RESULT.closed] = { value: 'yes', category: 'All Responses', time };
    if (missed) {
      values[WB_RESULT.fever] = { value: '', category: WB_CATEGORY.noResponse, time };
    } else {
      yesNo(WB_RESULT.fever, symptomatic);
      yesNo(WB_RESULT.cough, false);
      yesNo(WB_RESULT.breathing, false);
      yesNo(WB_RESULT.tasteSmell, false);
      score(WB_RESULT.anxious, distressed ? 2 : 0);
      score(WB_RESULT.worry, distressed ? 2 : 1);
      score(WB_RESULT.interest, 1);
      score(WB_RESULT.down, 0);
      yesNo(WB_RESULT.counsellor, false);
    }
    const uuid = ids.uuid();
    const record = stored(weeklyCheckPost.recordFromRun({ uuid, contact: { uuid: `rp-${id}`, urn: `tel:${contact.phone ?? ''}` }, values }), `rp-${uuid}`, at);
    reports.push(record);
    // the supervisor follows up half of the distress screens and the missed streaks, within two days
    const followUp = (reason: string) => appReport(ids.next('wbf'), 'wellbeing_follow_up', at + 30 * HOUR, id, {
      inputs: { source_id: record._id, reason },
      follow_up: { check_reason: reason, reached: 'yes', outcome: 'resolved' },
    });
    if (distressed && i % 2 === 0) reports.push(followUp('psychosocial'));
    if (missed && week === 7 && i % 10 === 0) reports.push(followUp('missed'));
  }
  return reports;
}

function training(i: number, id: string, contact: ContactDoc, now: number, ids: Sequence): ReportDoc[] {
  const enrolledAt = now - 20 * 24 * HOUR;
  const enrollment = appReport(ids.next('tre'), 'training_enrollment', enrolledAt, id, {
    patient_name: contact.name,
    training: { module: 'anc', use_preferred_language: 'yes', language: 'sw', flow_language: 'swa', phone_confirmed: 'yes', phone: contact.phone, consent: 'yes' },
  });
  const reports: ReportDoc[] = [enrollment];
  const uuid = ids.uuid();
  const base = enrolledAt + 2 * HOUR;
  const runOf = (values: Record<string, { value: string; category: string }>, at: number): RunLike => {
    const time = new Date(at).toISOString();
    const withTime = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, { ...v, time }]));
    return {
      uuid,
      contact: { uuid: `rp-${id}`, urn: `tel:${contact.phone ?? ''}`, name: contact.name },
      values: { [TR_RESULT.chwId]: { value: id, category: 'All Responses', time }, [TR_RESULT.enrollmentId]: { value: enrollment._id, category: 'All Responses', time }, ...withTime },
    };
  };
  let score = 0;
  ANC_MODULE.questions.forEach((question, q) => {
    const at = base + q * HOUR;
    const wrong = (i + q) % 4 === 0;
    const category = wrong ? (question.correct === 'a' ? 'B' : 'A') : answerCategory(question.correct);
    if (!wrong) score += 1;
    const post = answerPosts.get(question.id);
    if (!post) throw new Error(`no post for ${question.id}`);
    const record = stored(post.recordFromRun(runOf({ [question.id]: { value: category.toLowerCase(), category } }, at)), `rp-${uuid}/${question.id}`, at);
    reports.push(record);
    // every other wrong answer is coached by phone two days later
    if (wrong && (i + q) % 8 === 0) {
      reports.push(appReport(ids.next('trf'), 'training_follow_up', at + 48 * HOUR, id, {
        inputs: { source_id: record._id, reason: 'wrong_answer', topic: question.topic, question_id: question.id, answer: category },
        reason: 'wrong_answer', topic: question.topic, question_id: question.id, answer: category,
        follow_up: { contact_method: 'phone', understanding: 'good', outcome: 'understood' },
      }));
    }
  });
  const at = base + ANC_MODULE.questions.length * HOUR;
  reports.push(stored(completePost.recordFromRun(runOf({ [TR_RESULT.score]: { value: String(score), category: 'Has Text' } }, at)), `rp-${uuid}/complete`, at));
  return reports;
}

function phone(n: number): string {
  return `+254${n}`;
}
