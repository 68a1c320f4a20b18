/**
 * Field paths the TypeScript side reads must exist in the XLSForm that writes them, and every form
 * a push or task names must exist: a field renamed in Excel otherwise breaks a push or a task
 * silently, in production.
 *
 * Readers: each workflow's declared `appForms[].paths` (what its tasks, targets and contact
 * summary read through `form.text(...)` etc.), and the form paths its outbound pushes read (their
 * declared field sources and the `doc.fields.<path>` inside their expressions).
 */
import { XlsForm } from '../../xlsform';
import { closest } from '../closest';
import { CheckProject } from '../project';
import { Problem, error } from '../problem';

/** One read of one path of one form, and who reads it. */
interface Read {
  form: string;
  path: string;
  reader: string;
  /** A JavaScript read: anything after a leaf field is a property of its value (`.length`). */
  js: boolean;
  file: string;
}

/** Fields every saved report has although no survey row declares them. */
const IMPLICIT_PATHS = new Set(['meta', 'meta.instanceID', 'meta.deprecatedID']);

export function checkFormPaths(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  const reads: Read[] = [];
  const appForms = new Set(project.appFormIds());
  const missingForm = (id: string, file: string, place: string, who: string): void => {
    const suggestion = closest(id, appForms);
    problems.push(error(file, place, `${who} "${id}" does not exist in forms/app/`,
      suggestion ? `did you mean "${suggestion}"? Rename it back or fix the form id` : `add forms/app/${id}.xlsx or fix the form id`));
  };

  for (const workflow of project.workflows) {
    const file = project.workflowFile(workflow);
    const model = project.modelFile(workflow);
    for (const form of workflow.appForms) {
      if (!appForms.has(form.id)) missingForm(form.id, model, `workflow ${workflow.id}`, 'app form');
      for (const path of form.paths) reads.push({ form: form.id, path, reader: `workflow ${workflow.id}`, js: false, file: model });
    }
    for (const task of workflow.rules.tasks) {
      for (const action of task.actions) {
        if (action.type !== 'contact' && action.form && !appForms.has(action.form)) {
          missingForm(action.form, `src/phone/workflows/${workflow.id}/tasks.ts`, `task ${task.name}`, 'action form');
        }
      }
    }
    for (const push of workflow.pushes) {
      const form = push.form.id;
      if (!appForms.has(form)) missingForm(form, file, `push ${push.name}`, 'form');
      for (const path of push.fieldPaths()) reads.push({ form, path, reader: `push ${push.name}`, js: true, file });
    }
  }

  // One line per missing (form, path), naming every reader.
  const byKey = new Map<string, Read[]>();
  for (const read of reads) {
    const key = `${read.form}\u0000${read.path}`;
    byKey.set(key, [...(byKey.get(key) ?? []), read]);
  }
  for (const group of byKey.values()) {
    const { form: id, path } = group[0];
    if (!appForms.has(id)) continue;
    const form = project.appForm(id);
    if (!form || exists(form, path, group.every((read) => read.js))) continue;
    problems.push(missingPath(form, path, group));
  }
  return problems;
}

function exists(form: XlsForm, path: string, js: boolean): boolean {
  if (form.paths.has(path) || IMPLICIT_PATHS.has(path)) return true;
  if (!js) return false;
  // `doc.fields.phone.length`: a prefix that is a field (not a group) ends the form's part of the path.
  const segments = path.split('.');
  for (let length = segments.length - 1; length > 0; length--) {
    const row = form.paths.get(segments.slice(0, length).join('.'));
    if (row) return row.kind === 'field';
  }
  return false;
}

function missingPath(form: XlsForm, path: string, reads: Read[]): Problem {
  const fields = [...form.paths.keys()];
  const suggestion = closest(path, fields);
  // Point at the renamed row, else at the deepest group of the path that exists.
  const segments = path.split('.');
  let row = suggestion ? form.paths.get(suggestion)?.row : undefined;
  for (let length = segments.length - 1; row === undefined && length > 0; length--) {
    row = form.paths.get(segments.slice(0, length).join('.'))?.row;
  }
  const readers = [...new Set(reads.map((read) => read.reader))].join(' and ');
  const files = [...new Set(reads.map((read) => read.file))].join(' and ');
  return error(form.file, row === undefined ? 'survey' : `survey row ${row}`, `field "${path}" read by ${readers} does not exist`,
    suggestion ? `did you mean "${suggestion}"? Rename it back or update ${files}` : `add it to the form or update ${files}`);
}
