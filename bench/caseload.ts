/**
 * What replicates to a phone, for the rules benchmark: the contacts and reports the rules engine
 * marshals on a CHW's phone and on a supervisor's phone (src/deployment/roles.ts: a CHW receives
 * their CHW area, its households and members and the reports about them, their own person and
 * their training records — wellbeing ones are purged; a supervisor receives their supervision
 * area, its CHW areas, CHWs and households and the CHWs' training and wellbeing records).
 *
 * RapidPro answers are built the way CHT stores them: a run's results → the workflow's own post
 * (`recordFromRun`) → the doc the records API creates (`createRecordDoc`); some arrive twice (a
 * replayed webhook: same `rp_event_id`). App-form reports have the field shapes of the harness's
 * real submissions. The mix is deterministic and chosen so that every task and target of the
 * role fires: symptomatic days and their episodes, silences and check visits, quarantines ended,
 * closed or overdue, re-enrolments; wrong answers, unfinished trainings, distress screens, missed
 * weeks, withdrawals and their follow-ups.
 *
 * Besides the phone-sized caseloads, `tier` builds caseloads of one kind of contact with about N
 * reports each (15, 60, 240), to see the cost per report as contacts accumulate history: traced
 * contacts with more quarantines on a CHW's phone, CHWs with more weekly wellbeing checks on a
 * supervisor's (the same mix of reports at every size).
 */
import { createRecordDoc } from '../src/cht/records';
import { jsonFormOf } from '../src/integration/record-post';
import { RunLike } from '../src/integration/sources';
import { ContactDoc, ReportDoc } from '../src/phone/kit/docs';
import { DAY, HOUR, MINUTE, addDays, isoDate } from '../src/phone/kit/time';
import { wellbeingRecord } from '../src/phone/workflows/chw-wellbeing/model';
import { symptomsRecord } from '../src/phone/workflows/contact-tracing/model';
import { trainingRecord } from '../src/phone/workflows/remote-training/model';
import { CATEGORY as WB_CATEGORY, RESULT as WB_RESULT, weeklyCheckPost } from '../src/workflows/chw-wellbeing/flows';
import { CATEGORY as CT_CATEGORY, RESULT as CT_RESULT, checkinPost } from '../src/workflows/contact-tracing/flows';
import { RESULT as TR_RESULT, answerCategory, answerPosts, completePost } from '../src/workflows/remote-training/flows';
import { ANC_MODULE } from '../src/workflows/remote-training/messages';

const FORMS = {
  [symptomsRecord.code]: jsonFormOf(symptomsRecord),
  [wellbeingRecord.code]: jsonFormOf(wellbeingRecord),
  [trainingRecord.code]: jsonFormOf(trainingRecord),
};

export type Role = 'chw' | 'supervisor';

/** One phone's rules-engine input: what `getEmissionsFor(contacts, reports)` receives, and who is logged in. */
export interface Phone {
  role: Role;
  /** The logged-in user's contact doc (the rules' `user`), also among `contacts`. */
  user: ContactDoc;
  /** The user's CHT roles (what `cht.v1.hasPermissions` checks). */
  roles: string[];
  contacts: ContactDoc[];
  reports: ReportDoc[];
  /** What the caseload is, for the report. */
  description: string;
}

export const CHT_ROLES: Record<Role, string> = { chw: 'chw', supervisor: 'chw_supervisor' };

/** The phone-sized caseloads: a CHW area at the height of contact tracing, a supervision area. */
export const PHONES: Record<Role, { households: number; members: number; traced: number; areas: number }> = {
  chw: { households: 200, members: 5, traced: 200, areas: 1 },
  supervisor: { households: 80, members: 0, traced: 0, areas: 25 },
};

export function phone(role: Role, now: number): Phone {
  return role === 'chw' ? chwPhone(now) : supervisorPhone(now);
}

/**
 * A caseload of one kind of contact (traced contacts on a CHW's phone, CHWs on a supervisor's)
 * with about `perContact` reports each and as close to `total` reports in all as whole contacts
 * allow: the sizes compared share one engine start per run, so their totals must match for the
 * cost per report to compare the reports and not the start (with a fixed number of contacts the
 * totals differed by up to 15%).
 */
export function tier(role: Role, perContact: number, total: number, now: number): Phone {
  const ids = new Sequence();
  const contacts: ContactDoc[] = [];
  const reports: ReportDoc[] = [];
  /** Adds contacts, each with its history, while that brings the total closer to `total`. */
  const fill = (next: (i: number) => { contact: ContactDoc; history: ReportDoc[] }): number => {
    let i = 0;
    for (;;) {
      const { contact, history } = next(i);
      if (i > 0 && Math.abs(reports.length + history.length - total) >= Math.abs(reports.length - total)) return i;
      contacts.push(contact);
      reports.push(...history);
      i++;
    }
  };
  if (role === 'chw') {
    const area = place('area-1', 'health_center', { _id: 'sa-1' });
    const user = person('chw-1', 'chw', 'CHW 1', area);
    const household = place('hh-1', 'clinic', area);
    contacts.push(user);
    // a quarantine is an enrolment and 14 check-ins, about 16 reports with follow-ups
    const quarantines = Math.max(1, Math.round(perContact / 16));
    const count = fill((i) => {
      const traced = person(`traced-${i}`, 'traced_contact', `Traced ${i}`, household, String(60000 + i));
      return { contact: traced, history: tracedHistory(i, traced, quarantines, now, ids) };
    });
    return finish({ role, user, roles: [CHT_ROLES.chw], contacts, reports, description: `${count} traced contacts, ${quarantines} quarantine(s) each` });
  }
  const area = place('sa-1', 'district_hospital');
  const user = person('supervisor-1', 'chw_supervisor', 'Supervisor 1', area);
  contacts.push(user);
  // what accumulates: weekly checks and their follow-ups (a training is a fixed dozen reports, so
  // leaving it out keeps the same mix of reports at every size)
  const weeks = Math.max(2, Math.round(perContact / 1.1));
  const count = fill((i) => {
    const chwArea = place(`sa-1-ca${i}`, 'health_center', area);
    const chw = person(`chw-${i}`, 'chw', `CHW ${i}`, chwArea);
    return { contact: chw, history: wellbeing(i, chw, weeks, now, ids) };
  });
  return finish({ role, user, roles: [CHT_ROLES.supervisor], contacts, reports, description: `${count} CHWs, ${weeks} weekly wellbeing checks each` });
}

function chwPhone(now: number): Phone {
  const size = PHONES.chw;
  const ids = new Sequence();
  const area = place('area-1', 'health_center', { _id: 'sa-1' });
  const user = person('chw-1', 'chw', 'CHW 1', area);
  const contacts: ContactDoc[] = [area, user];
  // the CHW's own training records replicate to their phone (their wellbeing ones are purged)
  const reports: ReportDoc[] = training(1, user, now, ids);
  let traced = 0;
  for (let h = 0; h < size.households; h++) {
    const household = place(`area-1-hh${h}`, 'clinic', area);
    contacts.push(household);
    for (let m = 0; m < size.members; m++) {
      const isTraced = m === 0 && traced < size.traced;
      const member = person(`area-1-hh${h}-p${m}`, isTraced ? 'traced_contact' : 'other', `Member ${h}.${m}`, household, String(70000 + h * 10 + m));
      contacts.push(member);
      if (isTraced) {
        // purged after 60 days: one quarantine, or two for a contact exposed again
        reports.push(...tracedHistory(traced, member, traced % 5 === 0 ? 2 : 1, now, ids));
        traced++;
      }
    }
  }
  return finish({ role: 'chw', user, roles: [CHT_ROLES.chw], contacts, reports, description: `1 CHW area: ${size.households} households of ${size.members}, ${traced} traced contacts` });
}

function supervisorPhone(now: number): Phone {
  const size = PHONES.supervisor;
  const ids = new Sequence();
  const area = place('sa-1', 'district_hospital');
  const user = person('supervisor-1', 'chw_supervisor', 'Supervisor 1', area);
  const contacts: ContactDoc[] = [area, user];
  const reports: ReportDoc[] = [];
  for (let a = 0; a < size.areas; a++) {
    const chwArea = place(`sa-1-ca${a}`, 'health_center', area);
    const chw = person(`chw-${a}`, 'chw', `CHW ${a}`, chwArea);
    contacts.push(chwArea, chw);
    // wellbeing records are kept 92 days on a supervisor's phone: 13 weekly checks
    reports.push(...wellbeing(a, chw, 13, now, ids), ...training(a, chw, now, ids));
    for (let h = 0; h < size.households; h++) contacts.push(place(`sa-1-ca${a}-hh${h}`, 'clinic', chwArea));
  }
  return finish({ role: 'supervisor', user, roles: [CHT_ROLES.supervisor], contacts, reports, description: `1 supervision area: ${size.areas} CHW areas, each with its CHW and ${size.households} households` });
}

function finish(phone: Phone): Phone {
  phone.reports.sort((a, b) => a.reported_date - b.reported_date);
  return phone;
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

interface Ref { _id: string; parent?: Ref }

function place(id: string, type: string, parent?: Ref): ContactDoc {
  return { _id: id, type, name: id, reported_date: 0, ...(parent ? { parent: lineage(parent) } : {}) };
}

function person(id: string, role: string, name: string, parent: Ref, shortcode?: string): ContactDoc {
  return { _id: id, type: 'person', name, role, phone: phoneNumber(id), reported_date: 0, parent: lineage(parent), ...(shortcode ? { patient_id: shortcode } : {}) };
}

function lineage(doc: Ref): Ref {
  return doc.parent ? { _id: doc._id, parent: lineage(doc.parent) } : { _id: doc._id };
}

function phoneNumber(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) % 100_000_000;
  return `+2547${String(hash).padStart(8, '0')}`;
}

function appReport(id: string, form: string, time: number, subject: ContactDoc, by: string, fields: Record<string, unknown>): ReportDoc {
  return { _id: id, type: 'data_record', form, reported_date: time, contact: { _id: by }, fields: { patient_id: subject._id, patient_uuid: subject._id, ...fields } };
}

function stored(body: unknown, id: string, at: number): ReportDoc {
  const doc = createRecordDoc(FORMS, body, { id, now: at });
  if (doc.errors.length) throw new Error(`the records API would flag ${id}: ${JSON.stringify(doc.errors)}`);
  return doc;
}

/** A second copy of a record, as a replayed webhook stores it: same answer and `rp_event_id`, arrived later. */
function replayed(record: ReportDoc, ids: Sequence, delay: number): ReportDoc {
  return { ...record, _id: ids.next('replay'), reported_date: record.reported_date + delay };
}

type Answer = 'yes' | 'no' | 'none';

// ---------------------------------------------------------------- contact tracing

/**
 * A traced contact's quarantines, the last one ending around `now`. Four kinds of last quarantine
 * by `i % 4`: still running (some contacts silent for the last days, a check visit for some),
 * finished without an end check (overdue for some), finished and closed as completed, and one with
 * a symptomatic episode that was followed up. Earlier quarantines were closed by an end check.
 */
function tracedHistory(i: number, contact: ContactDoc, quarantines: number, now: number, ids: Sequence): ReportDoc[] {
  const reports: ReportDoc[] = [];
  const kind = i % 4;
  const today = addDays(now, 0);
  const lastStartDaysAgo = kind === 0 ? 14 : kind === 1 ? 15 + (i % 3) * 3 : 16;
  for (let q = quarantines - 1; q >= 0; q--) {
    const last = q === 0;
    const startDaysAgo = lastStartDaysAgo + q * 17;
    const length = last && kind === 0 ? 21 : 14;
    reports.push(...quarantine(i + q, contact, addDays(today, -startDaysAgo), length, last ? kind : 2, last && kind === 0 && i % 8 === 0, ids));
  }
  return reports;
}

function quarantine(i: number, contact: ContactDoc, start: number, length: number, kind: number, silent: boolean, ids: Sequence): ReportDoc[] {
  const by = 'chw-1';
  const enrollment = appReport(ids.next('enrol'), 'quarantine_enrollment', start - 6 * HOUR, contact, by, {
    exposure: { exposure_date: isoDate(addDays(start, -1)), exposure_type: 'household' },
    quarantine: { start_date: isoDate(start), length_days: String(length), end_date: isoDate(addDays(start, length - 1)) },
    sms: { consent: i % 17 === 0 ? 'no' : 'yes', language: ['en', 'fr', 'sw'][i % 3], phone_confirmed: 'yes', phone: contact.phone },
  });
  const reports: ReportDoc[] = [enrollment];
  for (let day = 1; day <= 14; day++) {
    const at = addDays(start, day - 1) + 8 * HOUR + (i % 60) * MINUTE;
    const quiet = silent && day >= 12;
    const answered = !quiet && (i * 3 + day) % 11 !== 0;
    const symptomatic = answered && ((i * 7 + day) % 23 === 0 || (kind === 3 && (day === 5 || day === 6)));
    const fever: Answer = !answered ? 'none' : symptomatic ? 'yes' : 'no';
    const record = checkin(ids, contact, enrollment._id, day, at, fever, answered ? 'no' : undefined);
    reports.push(record);
    if ((i + day) % 19 === 0) reports.push(replayed(record, ids, 2 * HOUR));
    if (kind === 3 && day === 6) {
      reports.push(appReport(ids.next('sfu'), 'symptomatic_follow_up', at + 4 * HOUR, contact, by, {
        inputs: { source_id: reports[reports.length - 1]._id },
        follow_up: { method: 'phone', symptoms: 'fever', action: 'home_care' },
        referred: 'no',
      }));
    }
    if (!answered && !quiet && day === 9 && i % 3 === 0) {
      reports.push(appReport(ids.next('visit'), 'quarantine_check_visit', at + 30 * HOUR, contact, by, {
        inputs: { source_id: record._id },
        visit: { method: 'home_visit', reached: 'yes', has_symptoms: 'no', sms_problem: 'no' },
      }));
    }
  }
  if (kind === 2) {
    reports.push(appReport(ids.next('end'), 'quarantine_end_check', addDays(start, length) + 10 * HOUR, contact, by, {
      inputs: { source_id: enrollment._id },
      end: { outcome: i % 9 === 0 ? 'referred' : 'completed', symptoms_now: 'no', sms_phone: 'yes' },
    }));
  }
  return reports;
}

function checkin(ids: Sequence, contact: ContactDoc, enrollmentId: string, day: number, at: number, fever: Answer, rest?: Answer): ReportDoc {
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
    contact: { uuid: `rp-${contact._id}`, urn: `tel:${contact.phone ?? ''}` },
    values: {
      [CT_RESULT.quarantineDay]: { value: String(day), category: CT_CATEGORY.inQuarantine, time },
      [CT_RESULT.chtContactId]: { value: contact._id, category: 'All Responses', time },
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

/**
 * A CHW enrolled in the weekly wellbeing check `weeks` weeks ago; every 11th CHW withdrew for a
 * while and enrolled again. Missed weeks (two in a row for every fifth CHW), distress screens,
 * symptoms, and the supervisor's follow-ups within two days for half of them.
 */
function wellbeing(i: number, chw: ContactDoc, weeks: number, now: number, ids: Sequence): ReportDoc[] {
  const by = 'supervisor-1';
  const enrolledAt = now - (weeks * 7 + 1) * DAY;
  const enrolment = (at: number, consent: string): ReportDoc => appReport(ids.next('wbe'), 'wellbeing_enrollment', at, chw, by, {
    enrollment: { consent, language: 'sw', phone_confirmed: 'yes', phone: chw.phone, preferred_day: 'wednesday', first_check: isoDate(at + 2 * DAY) },
  });
  const reports: ReportDoc[] = [enrolment(enrolledAt, 'yes')];
  const withdrawn = i % 11 === 5 ? Math.floor(weeks / 2) : -1;
  for (let week = 1; week <= weeks; week++) {
    const at = now - (weeks - week) * 7 * DAY - (2 + (i % 5)) * HOUR;
    if (week === withdrawn) reports.push(enrolment(at - DAY, 'no'));
    if (week === withdrawn + 2) reports.push(enrolment(at - DAY, 'yes'));
    const missed = (i % 5 === 0 && (week % 6 === 0 || week % 6 === 1)) || (i + week) % 9 === 0;
    const distressed = !missed && (i * 5 + week) % 13 === 0;
    const symptomatic = !missed && (i + 2 * week) % 17 === 0;
    const values: RunLike['values'] = {};
    const time = new Date(at).toISOString();
    const yesNo = (key: string, yes: boolean) => { values[key] = { value: yes ? 'yes' : 'no', category: yes ? WB_CATEGORY.yes : WB_CATEGORY.no, time }; };
    const score = (key: string, value: number) => { values[key] = { value: String(value), category: WB_CATEGORY.score, time }; };
    values[WB_RESULT.chtContactId] = { value: chw._id, category: 'All Responses', time };
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
      yesNo(WB_RESULT.counsellor, (i + week) % 23 === 0);
    }
    const uuid = ids.uuid();
    const record = stored(weeklyCheckPost.recordFromRun({ uuid, contact: { uuid: `rp-${chw._id}`, urn: `tel:${chw.phone ?? ''}` }, values }), `rp-${uuid}`, at);
    reports.push(record);
    if ((i + week) % 13 === 0) reports.push(replayed(record, ids, 3 * HOUR));
    const followUp = (reason: string) => appReport(ids.next('wbf'), 'wellbeing_follow_up', at + 30 * HOUR, chw, by, {
      inputs: { source_id: record._id, reason },
      follow_up: { check_reason: reason, reached: 'yes', outcome: 'resolved' },
    });
    if (distressed && i % 2 === 0) reports.push(followUp('psychosocial'));
    if (symptomatic && i % 3 === 0) reports.push(followUp('symptomatic'));
    if (missed && week % 6 === 1 && i % 10 === 0) reports.push(followUp('missed'));
  }
  return reports;
}

/**
 * A CHW enrolled in the ANC training 20 days ago (every seventh one 5 days ago, not finished
 * yet); one quiz answer in four is wrong, and half of the wrong ones were coached.
 */
function training(i: number, chw: ContactDoc, now: number, ids: Sequence): ReportDoc[] {
  const by = 'supervisor-1';
  const recent = i % 7 === 3;
  const enrolledAt = now - (recent ? 5 : 20) * DAY;
  const enrollment = appReport(ids.next('tre'), 'training_enrollment', enrolledAt, chw, by, {
    patient_name: chw.name,
    training: { module: 'anc', use_preferred_language: 'yes', language: 'sw', flow_language: 'swa', phone_confirmed: 'yes', phone: chw.phone, consent: i % 13 === 6 ? 'no' : 'yes' },
  });
  const reports: ReportDoc[] = [enrollment];
  const uuid = ids.uuid();
  const base = enrolledAt + 2 * HOUR;
  const runOf = (values: Record<string, { value: string; category: string }>, at: number): RunLike => {
    const time = new Date(at).toISOString();
    const withTime = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, { ...v, time }]));
    return {
      uuid,
      contact: { uuid: `rp-${chw._id}`, urn: `tel:${chw.phone ?? ''}`, name: chw.name },
      values: { [TR_RESULT.chwId]: { value: chw._id, category: 'All Responses', time }, [TR_RESULT.enrollmentId]: { value: enrollment._id, category: 'All Responses', time }, ...withTime },
    };
  };
  let score = 0;
  const asked = recent ? 4 : ANC_MODULE.questions.length;
  ANC_MODULE.questions.slice(0, asked).forEach((question, q) => {
    const at = base + q * HOUR;
    const wrong = (i + q) % 4 === 0;
    const category = wrong ? (question.correct === 'a' ? 'B' : 'A') : answerCategory(question.correct);
    if (!wrong) score += 1;
    const post = answerPosts.get(question.id);
    if (!post) throw new Error(`no post for ${question.id}`);
    const record = stored(post.recordFromRun(runOf({ [question.id]: { value: category.toLowerCase(), category } }, at)), `rp-${uuid}/${question.id}`, at);
    reports.push(record);
    if (q === 2 && i % 6 === 0) reports.push(replayed(record, ids, HOUR));
    // every other wrong answer is coached by phone two days later
    if (wrong && (i + q) % 8 === 0) {
      reports.push(appReport(ids.next('trf'), 'training_follow_up', at + 48 * HOUR, chw, by, {
        inputs: { source_id: record._id, reason: 'wrong_answer', topic: question.topic, question_id: question.id, answer: category },
        reason: 'wrong_answer', topic: question.topic, question_id: question.id, answer: category,
        follow_up: { contact_method: 'phone', understanding: 'good', outcome: 'understood' },
      }));
    }
  });
  if (!recent) {
    const at = base + ANC_MODULE.questions.length * HOUR;
    reports.push(stored(completePost.recordFromRun(runOf({ [TR_RESULT.score]: { value: String(score), category: 'Has Text' } }, at)), `rp-${uuid}/complete`, at));
  }
  return reports;
}
