/**
 * A small, clean project built at test time: two XLSForms generated with SheetJS, one workflow
 * built with the toolkit (push, response form, flow, task, target), translations, base settings
 * and the generated files. Each spec breaks one thing in a copy and runs `runCheck` on it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { appForm } from '../../../src/cht/app-form';
import { TargetDefinition } from '../../../src/cht/targets';
import { TaskDefinition } from '../../../src/cht/tasks';
import { flowStartPush } from '../../../src/integration/flow-start';
import { responseForm } from '../../../src/integration/response-form';
import { resultText } from '../../../src/integration/sources';
import { writeGeneratedFiles } from '../../../src/project/generate';
import { exportOf } from '../../../src/rapidpro/export';
import { setRunResult } from '../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';
import { Workflow } from '../../../src/workflows/workflow';

type Row = Record<string, string>;

export interface FormSpec {
  survey: Row[];
  choices?: Row[];
  settings?: Row;
}

/** Writes an XLSForm with the three sheets (header from the union of the rows' keys). */
export function writeXlsx(file: string, spec: FormSpec): void {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet(spec.survey), 'survey');
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet(spec.choices ?? [{ list_name: '', name: '' }]), 'choices');
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.json_to_sheet([spec.settings ?? {}]), 'settings');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  XLSX.writeFile(workbook, file);
}

/** Reads an XLSForm back into plain rows (so a spec can edit one cell and write it again). */
export function readXlsx(file: string): FormSpec {
  const workbook = XLSX.readFile(file);
  const rows = (name: string): Row[] => XLSX.utils.sheet_to_json<Row>(workbook.Sheets[name], { defval: '', raw: false });
  return { survey: rows('survey'), choices: rows('choices'), settings: rows('settings')[0] };
}

/** Applies `edit` to the form's rows and saves it. */
export function editXlsx(file: string, edit: (spec: FormSpec) => void): void {
  const spec = readXlsx(file);
  edit(spec);
  writeXlsx(file, spec);
}

const label = (en: string, fr: string, sw: string): Row => ({ 'label::en': en, 'label::fr': fr, 'label::sw': sw });

const YES_NO: Row[] = [
  { list_name: 'yes_no', name: 'yes', ...label('Yes', 'Oui', 'Ndiyo') },
  { list_name: 'yes_no', name: 'no', ...label('No', 'Non', 'Hapana') },
];

export const ENROLLMENT: FormSpec = {
  survey: [
    { type: 'begin group', name: 'inputs', ...label('Inputs', 'Entrées', 'Pembejeo'), relevant: '0' },
    { type: 'hidden', name: 'source' },
    { type: 'begin group', name: 'contact', ...label('Contact', 'Contact', 'Mwasiliani') },
    { type: 'db:person', name: '_id', ...label('Person', 'Personne', 'Mtu') },
    { type: 'string', name: 'phone' },
    { type: 'end group' },
    { type: 'end group' },
    { type: 'begin group', name: 'enrollment', ...label('Enrolment', 'Inscription', 'Usajili') },
    { type: 'date', name: 'start_date', ...label('Start date', 'Date de début', 'Tarehe ya kuanza'), required: 'yes' },
    { type: 'select_one yes_no', name: 'consent', ...label('Consent to SMS?', 'Consentement aux SMS ?', 'Idhini ya SMS?'), required: 'yes' },
    { type: 'calculate', name: 'phone', calculation: '../../inputs/contact/phone' },
    { type: 'end group' },
  ],
  choices: YES_NO,
  settings: { form_title: 'Demo enrolment', form_id: 'demo_enrollment', default_language: 'en' },
};

export const FOLLOW_UP: FormSpec = {
  survey: [
    { type: 'begin group', name: 'inputs', ...label('Inputs', 'Entrées', 'Pembejeo'), relevant: '0' },
    { type: 'hidden', name: 'source_id' },
    { type: 'end group' },
    { type: 'select_one yes_no', name: 'reached', ...label('Reached?', 'Joint ?', 'Amefikiwa?'), required: 'yes' },
  ],
  choices: YES_NO,
  settings: { form_title: 'Demo follow-up', form_id: 'demo_follow_up', default_language: 'en' },
};

export interface DemoOptions {
  /** The task's action form. */
  actionForm?: string;
  /** Extra paths the workflow declares it reads from demo_enrollment. */
  extraPaths?: string[];
  /** Rewrites the webhook body the flow sends. */
  flowBody?: (body: string) => string;
  /** The translation key of the task title. */
  taskTitle?: string;
}

/** A workflow built with the toolkit: push → flow → webhook → RP_DEMO record → task, target. */
export function demoWorkflow(options: DemoOptions = {}): Workflow {
  const enrollment = appForm('demo_enrollment', ['enrollment.start_date', 'enrollment.consent', 'enrollment.phone', 'inputs.contact._id', ...(options.extraPaths ?? [])]);
  const record = responseForm({
    code: 'RP_DEMO',
    fields: { answer: { type: 'string', required: true }, note: { type: 'string' } },
  });
  const post = record.post({ presentWhen: 'answer', subject: resultText('cht_id'), values: { answer: resultText('answer'), note: resultText('note') } });
  const flow = new FlowBuilder({ name: 'Demo check', key: 'demo-check', language: 'eng' })
    .actions('results', [setRunResult('cht_id', '@trigger.params.cht_id'), setRunResult('answer', 'yes'), setRunResult('note', 'none')], { next: 'post' })
    .callWebhook('post', { ...post.webhook(), body: (options.flowBody ?? ((body) => body))(post.body()), resultName: 'cht_record' });
  const task: TaskDefinition = {
    name: 'demo_follow_up',
    title: options.taskTitle ?? 'task.demo_follow_up.title',
    appliesTo: 'reports',
    appliesToType: ['RP_DEMO'],
    events: [{ days: 0, start: 0, end: 3 }],
    actions: [{ form: options.actionForm ?? 'demo_follow_up' }],
  };
  const target: TargetDefinition = { id: 'demo-enrolled', type: 'count', goal: -1, appliesTo: 'reports', translation_key: 'target.demo.enrolled' };
  return {
    id: 'demo',
    title: 'Demo',
    appForms: [enrollment],
    responseForms: [record],
    pushes: (context) => ({
      rapidpro_demo_start: flowStartPush({
        name: 'rapidpro_demo_start',
        form: enrollment,
        flow: { name: 'Demo check', uuid: context.flowUuid('Demo check', flow.uuid) },
        phone: { field: 'enrollment.phone' },
        consent: { field: 'enrollment.consent', value: 'yes' },
        params: { cht_id: { field: 'inputs.contact._id' }, start_date: { field: 'enrollment.start_date' } },
        rapidproUrl: context.rapidproUrl,
        credentialKey: 'rapidpro_token',
      }),
    }),
    rapidpro: () => ({ file: 'demo.json', flowNames: ['Demo check'], content: exportOf([flow]) }),
    tasks: [task],
    targets: [target],
    translationKeys: ['demo.summary.status'],
  };
}

const TRANSLATIONS: Record<'en' | 'fr' | 'sw', Record<string, string>> = {
  en: { status: 'Status', task: 'Follow up', target: 'Enrolled', title: 'Demo answer', person: 'Person', people: 'People', chw: 'CHW' },
  fr: { status: 'Statut', task: 'Suivi', target: 'Inscrits', title: 'Réponse démo', person: 'Personne', people: 'Personnes', chw: 'ASC' },
  sw: { status: 'Hali', task: 'Ufuatiliaji', target: 'Waliosajiliwa', title: 'Jibu la majaribio', person: 'Mtu', people: 'Watu', chw: 'CHW' },
};

/** Writes the clean mini project to a new temp dir and returns its path. */
export function miniProject(workflow: Workflow = demoWorkflow()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-'));
  writeXlsx(path.join(dir, 'forms/app/demo_enrollment.xlsx'), ENROLLMENT);
  writeXlsx(path.join(dir, 'forms/app/demo_follow_up.xlsx'), FOLLOW_UP);
  for (const id of ['demo_enrollment', 'demo_follow_up']) fs.writeFileSync(path.join(dir, `forms/app/${id}.xml`), '<h:html/>\n');
  fs.mkdirSync(path.join(dir, 'app_settings'));
  fs.writeFileSync(path.join(dir, 'app_settings/base_settings.json'), JSON.stringify({
    contact_types: [{ id: 'person', name_key: 'contact.type.person', group_key: 'contact.type.person.plural', person: true }],
    roles: { chw: { name: 'usertype.chw', offline: true } },
    outbound: {},
  }, null, 2));
  fs.mkdirSync(path.join(dir, 'translations'));
  for (const [language, t] of Object.entries(TRANSLATIONS)) {
    fs.writeFileSync(path.join(dir, `translations/messages-${language}.properties`), [
      `demo.summary.status = ${t.status}`,
      `task.demo_follow_up.title = ${t.task}`,
      `target.demo.enrolled = ${t.target}`,
      `form.rp_demo.title = ${t.title}`,
      ...['patient_id', 'rp_event_id', 'answer', 'note'].map((field) => `report.rp_demo.${field} = ${field}`),
      `contact.type.person = ${t.person}`,
      `contact.type.person.plural = ${t.people}`,
      `usertype.chw = ${t.chw}`,
      '',
    ].join('\n'));
  }
  writeGeneratedFiles(dir, { workflows: [workflow] });
  return dir;
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
