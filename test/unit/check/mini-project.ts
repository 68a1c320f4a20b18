/**
 * A small, clean project built at test time: two XLSForms generated with SheetJS, one workflow
 * built with the toolkit (push, record form, flow, task, target, profile), base settings and the
 * generated files (translations included). Each spec breaks one thing in a copy and runs `runCheck` on it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { FormPaths, appForm } from '../../../src/phone/kit/app-form';
import { workflowSummary } from '../../../src/phone/kit/contact-summary';
import { recordForm } from '../../../src/phone/kit/record';
import { defineRules } from '../../../src/phone/kit/rules';
import { recordCountTarget } from '../../../src/phone/kit/target-builders';
import { recordTask } from '../../../src/phone/kit/task-builders';
import { flowStartPush } from '../../../src/integration/flow-start';
import { RecordPost, recordPost } from '../../../src/integration/record-post';
import { resultText } from '../../../src/integration/sources';
import { writeGeneratedFiles } from '../../../src/project/synth';
import { setRunResult } from '../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';
import { Workflow, defineWorkflow } from '../../../src/workflows/workflow';

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
  /** A webhook to CHT's records API written by hand instead of from the record's post. */
  handWrittenWebhook?: boolean;
  /** The post leaves out the optional `note`. */
  withoutNote?: boolean;
}

/** What a demo workflow is made of, for specs that reach into it. */
export interface Demo {
  workflow: Workflow;
  post: RecordPost;
  flow: FlowBuilder;
}

/** A workflow built with the toolkit: push → flow → webhook → RP_DEMO record → task, target, profile. */
export function demo(options: DemoOptions = {}): Demo {
  const enrollmentPaths = { id: 'demo_enrollment', paths: ['enrollment.start_date', 'enrollment.consent', 'enrollment.phone', 'inputs.contact._id', ...(options.extraPaths ?? [])] } as const satisfies FormPaths;
  const enrollment = appForm<typeof enrollmentPaths>(enrollmentPaths.id);
  const followUp = appForm<FormPaths<string, 'inputs.source_id' | 'reached'>>(options.actionForm ?? 'demo_follow_up');
  const record = recordForm('RP_DEMO', { answer: { type: 'string', required: true }, note: { type: 'string' } });
  const post = recordPost(record, {
    presentWhen: 'answer',
    subject: resultText('cht_id'),
    values: options.withoutNote ? { answer: resultText('answer') } : { answer: resultText('answer'), note: resultText('note') },
  });
  const flow = new FlowBuilder({ name: 'Demo check', key: 'demo-check', language: 'eng', type: 'messaging_background' })
    .actions('results', [setRunResult('cht_id', '@trigger.params.cht_id'), setRunResult('answer', 'yes'), setRunResult('note', 'none')], { next: 'post' });
  if (options.handWrittenWebhook) flow.callWebhook('post', { ...post.webhook(), resultName: 'cht_record' });
  else flow.callWebhook('post', { source: post, resultName: 'cht_record' });
  const rules = defineRules({
    id: 'demo',
    tasks: [recordTask({ name: 'demo-follow-up', record, when: () => true, actionForm: followUp, window: { start: 0, end: 3 }, audience: { roles: ['chw'] } })],
    targets: [recordCountTarget({ id: 'demo-answers', record, audience: { roles: ['chw'] } })],
    records: [record],
    summary: workflowSummary('demo', ['status'], () => ({})),
  });
  const workflow = defineWorkflow({
    id: rules.id,
    title: 'Demo',
    rules,
    appForms: [enrollmentPaths],
    pushes: [flowStartPush({
      name: 'rapidpro_demo_start',
      form: enrollment,
      flow,
      phone: { field: 'enrollment.phone' },
      consent: { field: 'enrollment.consent', value: 'yes' },
      params: { cht_id: { field: 'inputs.contact._id' }, start_date: { field: 'enrollment.start_date' } },
    })],
    rapidpro: { file: 'demo.json', flows: [flow] },
    translations: {
      'task.demo-follow-up.title': { en: 'Follow up', fr: 'Suivi', sw: 'Ufuatiliaji' },
      'target.demo-answers.title': { en: 'Answers', fr: 'Réponses', sw: 'Majibu' },
      'contact.profile.demo.status': { en: 'Status', fr: 'Statut', sw: 'Hali' },
      'form.rp_demo.title': { en: 'Demo answer', fr: 'Réponse démo', sw: 'Jibu la majaribio' },
      'report.rp_demo.patient_id': { en: 'Person', fr: 'Personne', sw: 'Mtu' },
      'report.rp_demo.rp_event_id': { en: 'Run', fr: 'Session', sw: 'Kipindi' },
      'report.rp_demo.answer': { en: 'Answer', fr: 'Réponse', sw: 'Jibu' },
      'report.rp_demo.note': { en: 'Note', fr: 'Note', sw: 'Maelezo' },
    },
    scenario: { title: 'Demo', start: '2026-01-01T08:00:00', steps: [{ at: { day: 0, time: '08:00' }, form: enrollment, by: { user: 'chw_user', roles: ['chw'], label: 'CHW' }, subject: 'c', answers: [] }], viewers: [] },
  });
  return { workflow: workflow as Workflow, post: post as RecordPost, flow };
}

/** The demo workflow alone. */
export function demoWorkflow(options: DemoOptions = {}): Workflow {
  return demo(options).workflow;
}

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
  writeGeneratedFiles(dir, { workflows: [workflow] });
  return dir;
}

export function removeProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
