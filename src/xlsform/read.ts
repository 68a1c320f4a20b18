/**
 * Reads an XLSForm workbook with SheetJS into the typed model of `./model`.
 *
 * SheetJS 0.18.5 carries advisories for crafted files (prototype pollution, ReDoS): this reader
 * is meant for the project's own forms, never for uploads from strangers.
 */
import * as fs from 'fs';
import * as XLSX from 'xlsx';
import { ChoiceRow, SheetRow, SurveyKind, SurveyRow, XlsForm, XlsFormError } from './model';

/** Reads `file`; throws `XlsFormError` (one sentence, no stack) when it is not a usable XLSForm. */
export function readXlsForm(file: string, displayName = file): XlsForm {
  const bytes = fs.readFileSync(file);
  return parseXlsForm(bytes, displayName);
}

export function parseXlsForm(bytes: Buffer, file: string): XlsForm {
  if (bytes.length === 0) throw new XlsFormError(file, 'the file is empty', 'save the form again from Excel as .xlsx');
  // An .xlsx is a zip archive; SheetJS would happily read a text file as CSV, so check first.
  if (bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new XlsFormError(file, 'not an .xlsx workbook (not a zip archive)', 'save it from Excel as "Excel Workbook (.xlsx)"');
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'buffer' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new XlsFormError(file, `cannot be read as a workbook (${reason})`, `save it from Excel as .xlsx`);
  }
  const sheet = (name: string): XLSX.WorkSheet | undefined => {
    const actual = workbook.SheetNames.find((candidate) => candidate.trim().toLowerCase() === name);
    return actual ? workbook.Sheets[actual] : undefined;
  };
  const surveySheet = sheet('survey');
  if (!surveySheet) {
    const found = workbook.SheetNames.length ? `sheets: ${workbook.SheetNames.join(', ')}` : 'the workbook has no sheets';
    throw new XlsFormError(file, `no "survey" sheet (${found})`, `an XLSForm needs the sheets survey, choices and settings`);
  }
  const survey = readSheet(surveySheet);
  if (survey.rows.length === 0) throw new XlsFormError(file, 'the survey sheet is empty', 'add the header row (type, name, label::en …) and the questions', 'survey');
  const choices = readSheet(sheet('choices'));
  const settings = readSheet(sheet('settings'));

  const surveyRows = resolveSurvey(file, survey.rows);
  const choiceRows: ChoiceRow[] = choices.rows.map((row) => ({
    ...row,
    list: (row.cells['list_name'] ?? row.cells['list name'] ?? '').trim(),
    name: (row.cells['name'] ?? '').trim(),
  }));
  const choiceLists = new Map<string, ChoiceRow[]>();
  for (const choice of choiceRows) {
    if (!choice.list) continue;
    choiceLists.set(choice.list, [...(choiceLists.get(choice.list) ?? []), choice]);
  }
  const settingsRow = settings.rows.find((row) => (row.cells['form_id'] ?? '').trim() !== '');
  const paths = new Map<string, SurveyRow>();
  for (const row of surveyRows) if (row.path && !paths.has(row.path)) paths.set(row.path, row);

  return {
    file,
    survey: surveyRows,
    surveyColumns: survey.columns,
    choices: choiceRows,
    choiceColumns: choices.columns,
    choiceLists,
    formId: settingsRow ? settingsRow.cells['form_id'].trim() : '',
    formIdRow: settingsRow?.row,
    paths,
  };
}

interface Sheet {
  columns: string[];
  rows: SheetRow[];
}

/** The header row (lower-cased column names) and every non-empty row below it with its sheet row number. */
function readSheet(worksheet: XLSX.WorkSheet | undefined): Sheet {
  const ref = worksheet?.['!ref'];
  if (!worksheet || !ref) return { columns: [], rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const text = (r: number, c: number): string => {
    const cell: XLSX.CellObject | undefined = worksheet[XLSX.utils.encode_cell({ r, c })];
    if (!cell || cell.v === undefined || cell.v === null) return '';
    if (typeof cell.v === 'boolean') return String(cell.v);
    if (typeof cell.v === 'number' && cell.t === 'n') return String(cell.v);
    return String(cell.w ?? cell.v);
  };
  let header = range.s.r;
  while (header <= range.e.r && !columnsOf(header).some(Boolean)) header++;
  const columns = header <= range.e.r ? columnsOf(header) : [];
  const rows: SheetRow[] = [];
  for (let r = header + 1; r <= range.e.r; r++) {
    const cells: Record<string, string> = {};
    let empty = true;
    columns.forEach((column, offset) => {
      if (!column) return;
      const value = text(r, range.s.c + offset);
      if (value.trim() !== '') empty = false;
      if (!(column in cells) || value) cells[column] = value;
    });
    if (!empty) rows.push({ row: r + 1, cells });
  }
  return { columns: columns.filter(Boolean), rows };

  function columnsOf(r: number): string[] {
    const names: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) names.push(text(r, c).trim().toLowerCase());
    return names;
  }
}

const GROUP_TYPES: Record<string, SurveyKind> = {
  'begin group': 'begin group',
  begin_group: 'begin group',
  'end group': 'end group',
  end_group: 'end group',
  'begin repeat': 'begin repeat',
  begin_repeat: 'begin repeat',
  'end repeat': 'end repeat',
  end_repeat: 'end repeat',
};

/** Resolves names into full paths through the group and repeat tree. */
function resolveSurvey(file: string, rows: SheetRow[]): SurveyRow[] {
  const stack: { path: string; row: number; repeat: boolean }[] = [];
  const resolved: SurveyRow[] = [];
  for (const row of rows) {
    const type = (row.cells['type'] ?? '').trim().replace(/\s+/g, ' ');
    const name = (row.cells['name'] ?? '').trim();
    if (!type) continue; // notes to self in other columns; XLSForm ignores rows without a type
    const kind: SurveyKind = GROUP_TYPES[type.toLowerCase()] ?? 'field';
    const ancestors = stack.map((entry) => entry.path);
    let path = '';
    if (kind === 'end group' || kind === 'end repeat') {
      const open = stack.pop();
      if (!open) throw new XlsFormError(file, `"${type}" without a matching begin`, `remove it or add the missing "begin ${kind.slice(4)}"`, `survey row ${row.row}`);
    } else {
      path = [...ancestors.slice(-1), name].filter(Boolean).join('.');
      if (kind === 'begin group' || kind === 'begin repeat') stack.push({ path, row: row.row, repeat: kind === 'begin repeat' });
    }
    const select = /^(select_one|select_multiple)\s+(\S+)/i.exec(type);
    resolved.push({
      ...row,
      type,
      kind,
      name,
      path,
      ancestors: kind.startsWith('end') ? ancestors.slice(0, -1) : ancestors,
      relevant: (row.cells['relevant'] ?? '').trim(),
      required: (row.cells['required'] ?? '').trim(),
      constraint: (row.cells['constraint'] ?? '').trim(),
      choiceFilter: (row.cells['choice_filter'] ?? '').trim(),
      choiceList: select ? select[2] : undefined,
    });
  }
  const unclosed = stack.pop();
  if (unclosed) throw new XlsFormError(file, `group "${unclosed.path}" is never closed`, `add an "end ${unclosed.repeat ? 'repeat' : 'group'}" row`, `survey row ${unclosed.row}`);
  return resolved;
}

/** The language code of a `label::fr` / `label::French (fr)` column, `''` for a bare `label`. */
export function languageOf(column: string, prefix = 'label'): string | undefined {
  if (column === prefix) return '';
  if (!column.startsWith(`${prefix}::`)) return undefined;
  const language = column.slice(prefix.length + 2).trim();
  const code = /\(([a-z]{2,3})\)$/i.exec(language);
  return (code ? code[1] : language).toLowerCase();
}
