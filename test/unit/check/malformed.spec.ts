import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { demoWorkflow, miniProject, removeProject, writeXlsx } from './mini-project';
import { check } from './helpers';

describe('check: malformed XLSForms give one clear line each, never a crash', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));
  const file = (): string => path.join(dir, 'forms/app/demo_follow_up.xlsx');
  const errors = (): string[] => check(dir, { workflows: [workflow], only: ['forms', 'paths'] }).errors;

  it('a text file saved as .xlsx', () => {
    fs.writeFileSync(file(), 'type,name\ntext,reached\n');
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx: not an .xlsx workbook (not a zip archive) — save it from Excel as "Excel Workbook (.xlsx)"']);
  });

  it('an empty file', () => {
    fs.writeFileSync(file(), '');
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx: the file is empty — save the form again from Excel as .xlsx']);
  });

  it('a zip that is not a workbook', () => {
    fs.writeFileSync(file(), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]));
    expect(errors()).to.have.lengthOf(1).and.to.match(/^forms\/app\/demo_follow_up\.xlsx: (cannot be read as a workbook|no "survey" sheet)/);
  });

  it('a workbook without a survey sheet', () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['form_id'], ['demo_follow_up']]), 'settings');
    XLSX.writeFile(workbook, file());
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx: no "survey" sheet (sheets: settings) — an XLSForm needs the sheets survey, choices and settings']);
  });

  it('an empty survey sheet', () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([]), 'survey');
    XLSX.writeFile(workbook, file());
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx:survey: the survey sheet is empty — add the header row (type, name, label::en …) and the questions']);
  });

  it('a group that is never closed', () => {
    writeXlsx(file(), {
      survey: [{ type: 'begin group', name: 'visit', 'label::en': 'Visit', 'label::fr': 'Visite', 'label::sw': 'Ziara' }],
      settings: { form_id: 'demo_follow_up' },
    });
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx:survey row 2: group "visit" is never closed — add an "end group" row']);
  });

  it('an end group without a begin', () => {
    writeXlsx(file(), { survey: [{ type: 'end group', name: '' }], settings: { form_id: 'demo_follow_up' } });
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx:survey row 2: "end group" without a matching begin — remove it or add the missing "begin group"']);
  });
});
