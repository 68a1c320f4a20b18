/**
 * Mistakes inside one XLSForm that cht-conf or the phone only reveal late: a `form_id` that is
 * not the file name (conversion stops), a required question that can never be shown, a select
 * whose choice list does not exist, and missing French or Swahili labels.
 */
import * as path from 'path';
import { XlsForm } from '../../xlsform';
import { closest } from '../closest';
import { CheckProject } from '../project';
import { Problem, error } from '../problem';
import { isProvablyFalse } from '../xpath-constant';
import { checkFormLabels } from './translations';

export function checkXlsForms(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const file of [...project.formFiles('app'), ...project.formFiles('contact')]) {
    const form = project.form(file);
    if (!form) continue; // malformed: reported when read
    problems.push(...checkFormId(form), ...checkDeadRequired(form), ...checkChoiceLists(form), ...checkFormLabels(form));
  }
  return problems;
}

function checkFormId(form: XlsForm): Problem[] {
  const expected = path.basename(form.file, '.xlsx');
  if (form.formId === expected) return [];
  if (!form.formId) return [error(form.file, 'settings', 'no form_id in the settings sheet', `add a form_id column with "${expected}"`)];
  return [error(form.file, `settings row ${form.formIdRow ?? 2}`, `form_id "${form.formId}" does not match the file name`,
    `set form_id to "${expected}" or rename the file to ${form.formId}.xlsx`)];
}

/** The conventional `inputs` group is `relevant = 0` on purpose: its values are filled in, not asked. */
const INPUTS_GROUP = 'inputs';

function checkDeadRequired(form: XlsForm): Problem[] {
  const problems: Problem[] = [];
  const falseGroups = new Map<string, number>();
  for (const row of form.survey) {
    if (row.kind === 'begin group' || row.kind === 'begin repeat') {
      if (row.path !== INPUTS_GROUP && isProvablyFalse(row.relevant)) falseGroups.set(row.path, row.row);
    }
    if (row.kind !== 'field' || !/^(yes|true|true\(\))$/i.test(row.required)) continue;
    const hidingGroup = row.ancestors.find((ancestor) => falseGroups.has(ancestor));
    if (isProvablyFalse(row.relevant)) {
      problems.push(error(form.file, `survey row ${row.row}`, `required field "${row.path}" is never shown: its relevant "${row.relevant}" is always false`,
        'fix the relevant expression or remove the required flag'));
    } else if (hidingGroup) {
      problems.push(error(form.file, `survey row ${row.row}`, `required field "${row.path}" is never shown: group "${hidingGroup}" (row ${falseGroups.get(hidingGroup)}) has a relevant that is always false`,
        'fix the group\'s relevant expression or remove the required flag'));
    }
  }
  return problems;
}

function checkChoiceLists(form: XlsForm): Problem[] {
  const problems: Problem[] = [];
  for (const row of form.survey) {
    if (!row.choiceList || form.choiceLists.has(row.choiceList)) continue;
    const suggestion = closest(row.choiceList, form.choiceLists.keys());
    problems.push(error(form.file, `survey row ${row.row}`, `"${row.type}" uses choice list "${row.choiceList}", which the choices sheet does not have`,
      suggestion ? `did you mean "${suggestion}"? Fix the list name in the type or the choices sheet` : `add the list "${row.choiceList}" to the choices sheet`));
  }
  return problems;
}
