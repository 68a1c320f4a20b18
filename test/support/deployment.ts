/**
 * Docs for the deployment tests, made by the project's real parts wherever they decide where a doc
 * replicates: app-form reports take their subject field and `private` from the XLSForm; records
 * are what `POST /api/v2/records` stores for the webhook bodies the real flows send, started by the
 * real outbound push computed from the enrolment, and linked to their sender as update_clinics
 * links them (by phone).
 */
import * as path from 'path';
import { About, AuditDoc, FormShape, REPORT_DESIGN, appFormShape } from '../../src/deployment/audit';
import { ChwArea, Hierarchy, PlacedPerson, lineageOf, supervisorsOf } from '../../src/deployment/hierarchy';
import { Doc } from '../../src/deployment/replication';
import { isRelevant, mapDocumentToPayload } from '../../src/cht/outbound-eval';
import { RecordRejected, createRecordDoc } from '../../src/cht/records';
import { WorkflowId } from '../../src/phone/workflows';
import { synthesize } from '../../src/project/synth';
import { FlowStartRequest, SimulatedWorkspace } from '../../src/rapidpro/simulator/workspace';
import { At, isForm, isSms } from '../../src/simulate/scenario';
import { uuidV5 } from '../../src/rapidpro/uuid';
import { readXlsForm } from '../../src/xlsform';
import { Workflow } from '../../src/workflows/workflow';
import { REPO_ROOT } from './harness';

const DAY = 24 * 60 * 60 * 1000;

/** How each app form of the project names its subject, read from its XLSForm. */
export function projectFormShapes(workflows: readonly Workflow[]): Map<string, FormShape> {
  const shapes = new Map<string, FormShape>();
  for (const form of workflows.flatMap((workflow) => workflow.appForms)) {
    shapes.set(form.id, appFormShape(readXlsForm(path.join(REPO_ROOT, 'forms', 'app', `${form.id}.xlsx`), `forms/app/${form.id}.xlsx`)));
  }
  return shapes;
}

/** A value for each enrolment field a push reads, as a health worker would have filled it. */
function answerFor(fieldPath: string, subject: PlacedPerson, start: number): unknown {
  const name = fieldPath.split('.').pop() as string;
  const values: Record<string, unknown> = {
    patient_id: subject._id,
    patient_uuid: subject._id,
    patient_name: subject.name,
    consent: 'yes',
    phone: subject.phone,
    language: 'en',
    flow_language: 'eng',
    module: 'anc',
    start_date: new Date(start).toISOString().slice(0, 10),
    first_check: new Date(start + DAY).toISOString().slice(0, 10),
    length_days: 7,
  };
  if (!(name in values)) throw new Error(`no test answer for enrolment field "${fieldPath}": add one to test/support/deployment.ts`);
  return values[name];
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

export interface WorkflowDocs {
  /** Every report of the workflow about `subject`: the app forms and the records its flows posted. */
  docs: AuditDoc[];
  /** The records alone. */
  records: Doc[];
}

/**
 * One enrolment of `subject` in `workflow`, run through the real push and flows as the workflow's
 * `simulate` story runs it (its scripted replies), plus one report of each of its other app forms.
 */
export function workflowDocs(hierarchy: Hierarchy, workflow: Workflow, subject: PlacedPerson, shapes: ReadonlyMap<string, FormShape>, start: number): WorkflowDocs {
  const design = REPORT_DESIGN[workflow.id as WorkflowId];
  if (!design) throw new Error(`workflow ${workflow.id} has no report design in src/deployment/audit.ts`);
  const chw = design.about === 'chw'
    ? hierarchy.chws.find((entry) => entry.chw === subject) as ChwArea
    : hierarchy.chws.find((entry) => entry.households.some((household) => household.members.includes(subject))) as ChwArea;
  const filler = design.filledBy === 'chw' ? chw.chw : hierarchy.byId.get(supervisorsOf(hierarchy, chw)[0].user.contactId) as PlacedPerson;
  const about: { about: PlacedPerson; aboutKind: About; keptFromSubject: boolean } = { about: subject, aboutKind: design.about, keptFromSubject: design.keptFromSubject ?? false };
  const assembly = synthesize({ workflows: [workflow] });

  const appFormDoc = (formId: string, n: number, extra: Record<string, unknown> = {}): Doc => {
    const shape = shapes.get(formId) ?? { private: false };
    const fields: Record<string, unknown> = { ...(shape.subjectField ? { [shape.subjectField]: subject._id } : {}), ...(shape.private ? { private: 'true' } : {}), ...extra };
    // the webapp records the logged-in user's contact, minified, as the submitter
    return { _id: `${formId}-${subject._id}-${n}`, type: 'data_record', form: formId, content_type: 'xml', reported_date: start + n, fields, contact: lineageOf(filler) };
  };

  const docs: AuditDoc[] = [];
  const records: Doc[] = [];
  const enrolForm = workflow.scenario.steps.find(isForm)?.form;
  if (!enrolForm) throw new Error(`${workflow.id}: its scenario fills no form to enrol the subject`);
  const enrolFields: Record<string, unknown> = {};
  for (const push of workflow.pushes.filter((candidate) => candidate.form === enrolForm)) {
    for (const fieldPath of push.fieldPaths()) setPath(enrolFields, fieldPath, answerFor(fieldPath, subject, start));
  }
  const enrolment = appFormDoc(enrolForm.id, 0, enrolFields);
  docs.push({ ...about, doc: enrolment, label: enrolForm.id });

  // the push as sentinel evaluates it: the doc hydrated with its submitter and subject
  const hydrated = { ...enrolment, contact: filler, patient: subject };
  const push = assembly.pushes.find((candidate) => candidate.form === enrolForm && isRelevant(candidate.config, hydrated));
  if (!push) throw new Error(`${workflow.id}: no push fires for the enrolment of ${subject._id}`);
  const payload = mapDocumentToPayload(hydrated, push.config, push.name);
  const urn = (payload.urns as string[])[0];
  // RapidPro as the simulated workspace runs it (every export, campaigns, timeouts), the story's
  // texts sent from the subject's phone: the records its webhooks post are what CHT would store.
  const workspace = new SimulatedWorkspace(assembly.exports.map((exported) => exported.content), {
    start,
    globals: { cht_url: 'https://cht.example.org', cht_auth: 'Basic [test]' },
    webhook: (request, context) => {
      try {
        const record = createRecordDoc(assembly.jsonForms, JSON.parse(request.body), { id: uuidV5(`record/${context.run}/${records.length}`), now: context.at });
        // update_clinics: the sender is the contact whose phone is the record's `from`
        const sender = hierarchy.docs.find((doc) => doc.phone === record.from) as PlacedPerson | undefined;
        records.push({ ...record, ...(sender ? { contact: lineageOf(sender) } : {}) });
        return { status: 200, body: JSON.stringify({ success: true, id: record._id }) };
      } catch (error) {
        if (error instanceof RecordRejected) return { status: 500, body: JSON.stringify({ error: error.message }) };
        throw error;
      }
    },
  });
  workspace.startFlow(payload as unknown as FlowStartRequest);
  const momentOf = (moment: At): number => {
    const [hours, minutes] = moment.time.split(':').map(Number);
    return start + moment.day * DAY + (hours * 60 + minutes) * 60_000;
  };
  let last = start;
  for (const step of workflow.scenario.steps) {
    if (!isSms(step)) continue;
    step.texts.forEach((text, i) => {
      last = Math.max(last, momentOf(step.at) + i * 60_000);
      workspace.advanceTo(last);
      workspace.receive(urn, text);
    });
  }
  // on to the story's end, and a day more for its last waits to time out
  const until = workflow.scenario.until ? momentOf(workflow.scenario.until) : last;
  workspace.advanceTo(Math.max(last, until) + DAY);
  for (const record of records) docs.push({ ...about, doc: record, label: String(record.form) });

  workflow.appForms.filter((form) => form.id !== enrolForm.id).forEach((form, i) => {
    docs.push({ ...about, doc: appFormDoc(form.id, i + 1), label: form.id });
  });
  return { docs, records };
}
