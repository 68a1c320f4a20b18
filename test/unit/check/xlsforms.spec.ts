import { expect } from 'chai';
import * as path from 'path';
import { demoWorkflow, editXlsx, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

describe('check: XLSForm structure', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));
  const followUp = (): string => path.join(dir, 'forms/app/demo_follow_up.xlsx');
  const errors = (): string[] => check(dir, { workflows: [workflow], only: ['forms'] }).errors;

  it('reports a form_id that does not match the file name', () => {
    editXlsx(followUp(), (form) => { if (form.settings) form.settings.form_id = 'demo_followup'; });
    expect(errors()).to.deep.equal([
      'forms/app/demo_follow_up.xlsx:settings row 2: form_id "demo_followup" does not match the file name — set form_id to "demo_follow_up" or rename the file to demo_followup.xlsx',
    ]);
  });

  it('reports a missing form_id', () => {
    editXlsx(followUp(), (form) => { if (form.settings) form.settings.form_id = ''; });
    expect(errors()).to.deep.equal(['forms/app/demo_follow_up.xlsx:settings: no form_id in the settings sheet — add a form_id column with "demo_follow_up"']);
  });

  for (const relevant of ['false()', '0', '1 = 2', "'a' = 'b'", "${x} = 'yes' and false()"]) {
    it(`reports a required field behind relevant "${relevant}"`, () => {
      editXlsx(followUp(), (form) => { const row = form.survey.find((r) => r.name === 'reached'); if (row) row.relevant = relevant; });
      expect(errors()).to.deep.equal([
        `forms/app/demo_follow_up.xlsx:survey row 5: required field "reached" is never shown: its relevant "${relevant}" is always false — fix the relevant expression or remove the required flag`,
      ]);
    });
  }

  it('reports a required field inside a group that is never relevant, but not inside inputs', () => {
    editXlsx(followUp(), (form) => {
      form.survey.splice(3, 0, { type: 'begin group', name: 'visit', 'label::en': 'Visit', 'label::fr': 'Visite', 'label::sw': 'Ziara', relevant: '1=0' });
      form.survey.push({ type: 'end group' });
      form.survey[1].required = 'yes'; // inputs/source_id: filled in by the app, relevant 0 by convention
    });
    expect(errors()).to.deep.equal([
      'forms/app/demo_follow_up.xlsx:survey row 6: required field "visit.reached" is never shown: group "visit" (row 5) has a relevant that is always false — fix the group\'s relevant expression or remove the required flag',
    ]);
  });

  it('does not guess about relevant expressions that read fields', () => {
    editXlsx(followUp(), (form) => { const row = form.survey.find((r) => r.name === 'reached'); if (row) row.relevant = "${source_id} != '' and 1 = 1"; });
    expect(errors()).to.deep.equal([]);
  });

  it('reports a select whose choice list does not exist', () => {
    editXlsx(followUp(), (form) => { const row = form.survey.find((r) => r.name === 'reached'); if (row) row.type = 'select_one yesno'; });
    expect(errors()).to.deep.equal([
      'forms/app/demo_follow_up.xlsx:survey row 5: "select_one yesno" uses choice list "yesno", which the choices sheet does not have — did you mean "yes_no"? Fix the list name in the type or the choices sheet',
    ]);
  });
});
