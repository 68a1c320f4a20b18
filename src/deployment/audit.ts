/**
 * The report design, and the audit that proves it on a placed hierarchy: which contact each
 * workflow's reports are about, who fills its app forms, who must receive them and who must never.
 *
 * - Contact tracing is about traced contacts, filled by their CHW: every report (enrolment,
 *   `RP_SYMPTOMS`, follow-ups) reaches that CHW and no one else's phone — not another CHW's, not a
 *   supervisor's.
 * - Remote training and wellbeing are about CHWs, filled by their supervisor: every report
 *   (enrolment, `RP_TRAINING` / `RP_WELLBEING`, follow-ups) and the CHW's own person doc (the rules
 *   run on it) reach the CHW's supervisors and never another CHW or another area's supervisor.
 *   Wellbeing reports also never stay on the phone of the CHW they are about (the purge).
 * - The integration user's phone, were it ever used as one, holds none of it.
 *
 * `check` audits the committed settings with docs shaped from the forms; the deployment tests audit
 * larger hierarchies with records made by the real flows.
 */
import { WorkflowId } from '../phone/workflows';
import { Workflow } from '../workflows/workflow';
import { XlsForm } from '../xlsform';
import { ChwArea, Hierarchy, PlacedPerson, chwOf, lineageOf, supervisorsOf } from './hierarchy';
import { PurgeFn, purgedIds } from './purge-run';
import { ChtUser, Doc, DocIndex, ReplicationSettings, replicatedDocIds } from './replication';

export type About = 'traced-contact' | 'chw';

export interface ReportDesign {
  /** Which contact the workflow's reports are about (their subject). */
  about: About;
  /** Who fills the workflow's app forms. */
  filledBy: 'chw' | 'supervisor';
  /** The reports must not stay on the phone of the CHW they are about (after the purge). */
  keptFromSubject?: true;
}

/**
 * The design of each workflow's reports. A workflow without one (e.g. just scaffolded with
 * `new-workflow`) is not audited until its design is declared here.
 */
export const REPORT_DESIGN: { readonly [W in WorkflowId]?: ReportDesign } = {
  'contact-tracing': { about: 'traced-contact', filledBy: 'chw' },
  'remote-training': { about: 'chw', filledBy: 'supervisor' },
  'chw-wellbeing': { about: 'chw', filledBy: 'supervisor', keptFromSubject: true },
};

/** A doc of the audit, with what it is about. */
export interface AuditDoc {
  doc: Doc;
  /** e.g. `RP_WELLBEING`, `wellbeing_follow_up`, `incoming SMS`, `person`. */
  label: string;
  about: PlacedPerson;
  aboutKind: About;
  keptFromSubject?: boolean;
}

export interface Violation {
  user: string;
  doc: string;
  label: string;
  what: 'missing' | 'leaked';
  why: string;
}

export function formatViolation(violation: Violation): string {
  const verb = violation.what === 'missing' ? 'does not receive' : 'receives';
  return `${violation.user} ${verb} ${violation.label} ${violation.doc}: ${violation.why}`;
}

/** How an app form's report names its subject and whether it is private, read from its XLSForm. */
export interface FormShape {
  /** The top-level field CHT replicates the report by (`patient_id`, `patient_uuid`, `place_id`), if the form fills one. */
  subjectField?: string;
  /** The form stores a non-empty top-level `private` (CHT then hides it from the contact it is about). */
  private: boolean;
}

const SUBJECT_FIELDS = ['patient_id', 'place_id', 'patient_uuid'];

export function appFormShape(form: XlsForm): FormShape {
  const top = (name: string) => form.survey.find((row) => row.ancestors.length === 0 && row.name === name && row.kind === 'field');
  const filled = (name: string) => {
    const row = top(name);
    return !!row && ((row.cells.calculation ?? '').trim() !== '' || (row.cells.default ?? '').trim() !== '');
  };
  return { subjectField: SUBJECT_FIELDS.find(filled), private: filled('private') };
}

/** Who sits where: the subject's CHW and the subject's supervisors. */
function careOf(hierarchy: Hierarchy, about: PlacedPerson, kind: About): { chw: ChwArea; supervisors: ChtUser[] } {
  const chw = kind === 'traced-contact' ? chwOf(hierarchy, about) : hierarchy.chws.find((entry) => entry.chw === about);
  if (!chw) throw new Error(`${about._id} is not a CHW of the hierarchy`);
  return { chw, supervisors: supervisorsOf(hierarchy, chw).map((supervisor) => supervisor.user) };
}

/** Docs shaped as CHT stores them, one of each kind per subject, reported at `now`: what `check` audits. */
export function shapedDocs(hierarchy: Hierarchy, workflows: readonly Workflow[], shapes: ReadonlyMap<string, FormShape>, now = Date.now()): AuditDoc[] {
  const docs: AuditDoc[] = [];
  let n = 0;
  for (const workflow of workflows) {
    const design = REPORT_DESIGN[workflow.id as WorkflowId];
    if (!design) continue;
    const subjects = design.about === 'traced-contact'
      ? hierarchy.chws.flatMap((chw) => chw.households.flatMap((household) => household.traced))
      : hierarchy.chws.map((chw) => chw.chw);
    for (const about of subjects) {
      const care = careOf(hierarchy, about, design.about);
      const filler = design.filledBy === 'chw' ? care.chw.chw : hierarchy.byId.get(care.supervisors[0]?.contactId ?? '') as PlacedPerson | undefined;
      const base = { about, aboutKind: design.about, keptFromSubject: design.keptFromSubject ?? false };
      for (const form of workflow.appForms) {
        const shape = shapes.get(form.id) ?? { private: false };
        const fields: Record<string, unknown> = shape.subjectField ? { [shape.subjectField]: about._id } : {};
        if (shape.private) fields.private = 'true';
        const doc: Doc = { _id: `report-${++n}`, type: 'data_record', form: form.id, content_type: 'xml', reported_date: now, fields, ...(filler ? { contact: lineageOf(filler) } : {}) };
        docs.push({ ...base, doc, label: form.id });
      }
      for (const record of workflow.rules.records) {
        // POST /api/v2/records from the subject's phone; update_clinics links the sender by phone
        const doc: Doc = { _id: `record-${++n}`, type: 'data_record', form: record.code, from: about.phone, reported_date: now, errors: [], fields: { patient_id: about._id }, sms_message: { form: record.code, from: about.phone }, contact: lineageOf(about) };
        docs.push({ ...base, doc, label: record.code });
      }
    }
  }
  return docs;
}

/** Each subject's person doc, the SMS it sent through the gateway and one sent to it from the Messages tab. */
export function contactDocs(hierarchy: Hierarchy): AuditDoc[] {
  const docs: AuditDoc[] = [];
  const add = (about: PlacedPerson, aboutKind: About, sender: PlacedPerson) => {
    docs.push({ doc: about, label: 'person', about, aboutKind });
    docs.push({ doc: incomingSms(`in-${about._id}`, about, 'Hello'), label: 'incoming SMS', about, aboutKind });
    docs.push({ doc: outgoingSms(`out-${about._id}`, sender, about, 'Hello'), label: 'outgoing SMS', about, aboutKind });
  };
  for (const chw of hierarchy.chws) {
    const supervisor = hierarchy.byId.get(supervisorsOf(hierarchy, chw)[0]?.user.contactId ?? '') as PlacedPerson | undefined;
    add(chw.chw, 'chw', supervisor ?? chw.chw);
    for (const household of chw.households) for (const traced of household.traced) add(traced, 'traced-contact', chw.chw);
  }
  return docs;
}

/** An SMS CHT received (`POST /api/v2/sms/rapidpro/incoming-messages`), linked to its sender by update_clinics. */
export function incomingSms(id: string, sender: PlacedPerson, text: string): Doc {
  return { _id: id, type: 'data_record', from: sender.phone, reported_date: 0, errors: [], tasks: [], fields: {}, sms_message: { type: 'sms_message', message: text, from: sender.phone, gateway_ref: id }, contact: lineageOf(sender) };
}

/** An SMS sent from the Messages tab (webapp `send-message.service`). */
export function outgoingSms(id: string, sender: PlacedPerson, to: PlacedPerson, text: string): Doc {
  return {
    _id: id, type: 'data_record', form: null, from: sender.phone, reported_date: 0, errors: [], kujua_message: true, sent_by: sender.name,
    tasks: [{ state: 'pending', messages: [{ from: sender.phone, sent_by: sender.name, to: to.phone, contact: lineageOf(to), message: text, uuid: `${id}-1` }] }],
  };
}

/** The offline users of the hierarchy, with what their phone holds after replication and the purge. */
export function phones(settings: ReplicationSettings, hierarchy: Hierarchy, docs: readonly Doc[], purge?: PurgeFn): Map<ChtUser, Set<string>> {
  const all = uniqueDocs([...hierarchy.docs, ...docs]);
  const index = new DocIndex(all);
  const users = [...hierarchy.chws.map((chw) => chw.user), ...hierarchy.supervisors.map((supervisor) => supervisor.user), hierarchy.integration.user];
  const purgedByRoles = new Map<string, Set<string>>();
  const held = new Map<ChtUser, Set<string>>();
  for (const user of users) {
    const key = [...user.roles].sort().join(',');
    if (purge && !purgedByRoles.has(key)) purgedByRoles.set(key, purgedIds(purge, all, user.roles));
    held.set(user, replicatedDocIds(settings, index, user, purgedByRoles.get(key)));
  }
  return held;
}

function uniqueDocs(docs: readonly Doc[]): Doc[] {
  return [...new Map(docs.map((doc) => [doc._id, doc])).values()];
}

/** Every way the placed hierarchy breaks the report design. */
export function auditReplication(settings: ReplicationSettings, hierarchy: Hierarchy, docs: readonly AuditDoc[], purge?: PurgeFn): Violation[] {
  const held = phones(settings, hierarchy, docs.map((entry) => entry.doc), purge);
  const violations: Violation[] = [];
  const chwUsers = hierarchy.chws.map((chw) => chw.user);
  const supervisorUsers = hierarchy.supervisors.map((supervisor) => supervisor.user);
  for (const entry of docs) {
    const id = entry.doc._id;
    const care = careOf(hierarchy, entry.about, entry.aboutKind);
    const expect = (user: ChtUser, receives: boolean, why: string) => {
      if ((held.get(user)?.has(id) ?? false) !== receives) violations.push({ user: user.name, doc: id, label: entry.label, what: receives ? 'missing' : 'leaked', why });
    };
    if (entry.aboutKind === 'traced-contact') {
      expect(care.chw.user, true, `it is about ${entry.about._id}, a traced contact in their CHW area`);
      for (const user of chwUsers) if (user !== care.chw.user) expect(user, false, `it is about ${entry.about._id}, a traced contact of another CHW`);
      for (const user of supervisorUsers) expect(user, false, `it is about ${entry.about._id}, a traced contact: their data stays with their CHW`);
    } else {
      for (const user of care.supervisors) expect(user, true, `it is about ${entry.about._id}, a CHW they supervise`);
      for (const user of supervisorUsers) if (!care.supervisors.includes(user)) expect(user, false, `it is about ${entry.about._id}, a CHW of another supervision area`);
      for (const user of chwUsers) {
        if (user === care.chw.user) {
          if (entry.keptFromSubject) expect(user, false, 'it is a wellbeing report about themselves, which never stays on the CHW\'s phone (purge)');
        } else {
          expect(user, false, `it is about ${entry.about._id}, a colleague`);
        }
      }
    }
    expect(hierarchy.integration.user, false, 'the integration user reads nothing');
  }
  return violations;
}
