import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, editXlsx, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

describe('check: translations and XLSForm labels in en, fr and sw', () => {
  let dir: string;
  afterEach(() => removeProject(dir));
  const workflow = demoWorkflow();

  it('reports a key missing from one language, naming who uses it', () => {
    dir = miniProject(workflow);
    const file = path.join(dir, 'translations/messages-fr.properties');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^task\.demo_follow_up\.title = .*\n/m, ''));
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'translations/messages-fr.properties: missing translation "task.demo_follow_up.title" (used by task demo_follow_up) — add "task.demo_follow_up.title = …"',
    ]);
  });

  it('reports a misspelt task title in every language with the closest key', () => {
    const misspelt = demoWorkflow({ taskTitle: 'task.demo_folow_up.title' });
    dir = miniProject(misspelt);
    expect(check(dir, { workflows: [misspelt], only: ['translations'] }).errors).to.deep.equal(['en', 'fr', 'sw'].map((language) =>
      `translations/messages-${language}.properties: missing translation "task.demo_folow_up.title" (used by task demo_follow_up) — did you mean "task.demo_follow_up.title"? Fix the key or add "task.demo_folow_up.title = …"`));
  });

  it('reports base_settings role and contact type keys, JSON form labels and an empty value', () => {
    dir = miniProject(workflow);
    const settings = path.join(dir, 'app_settings/base_settings.json');
    const base = JSON.parse(fs.readFileSync(settings, 'utf8')) as { roles: Record<string, { name: string }> };
    base.roles.chw_supervisor = { name: 'usertype.chw-supervisor' };
    fs.writeFileSync(settings, JSON.stringify(base));
    const sw = path.join(dir, 'translations/messages-sw.properties');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/^report\.rp_demo\.answer = .*$/m, 'report.rp_demo.answer ='));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-en.properties: missing translation "usertype.chw-supervisor" (used by role chw_supervisor (app_settings/base_settings.json)) — add "usertype.chw-supervisor = …"',
      'translations/messages-fr.properties: missing translation "usertype.chw-supervisor" (used by role chw_supervisor (app_settings/base_settings.json)) — add "usertype.chw-supervisor = …"',
      'translations/messages-sw.properties: empty translation "report.rp_demo.answer" (used by JSON form RP_DEMO field answer) — add "report.rp_demo.answer = …"',
      'translations/messages-sw.properties: missing translation "usertype.chw-supervisor" (used by role chw_supervisor (app_settings/base_settings.json)) — add "usertype.chw-supervisor = …"',
    ]);
  });

  it('reports a missing translations file once', () => {
    dir = miniProject(workflow);
    fs.rmSync(path.join(dir, 'translations/messages-sw.properties'));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-sw.properties: the sw translations file is missing — create it with the 11 keys the app uses',
    ]);
  });

  it('reports a missing French label on a question and on a choice', () => {
    dir = miniProject(workflow);
    editXlsx(path.join(dir, 'forms/app/demo_enrollment.xlsx'), (form) => {
      const row = form.survey.find((r) => r.name === 'start_date');
      if (row) row['label::fr'] = '';
      const choice = form.choices?.find((r) => r.name === 'no');
      if (choice) choice['label::fr'] = ' ';
    });
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'forms/app/demo_enrollment.xlsx:survey row 10: missing French label for "start_date" — fill in label::fr',
      'forms/app/demo_enrollment.xlsx:choices row 3: missing French label for "yes_no/no" — fill in label::fr',
    ]);
  });

  it('reports a form without a Swahili label column once', () => {
    dir = miniProject(workflow);
    editXlsx(path.join(dir, 'forms/app/demo_follow_up.xlsx'), (form) => {
      for (const row of form.survey) delete row['label::sw'];
    });
    expect(check(dir, { workflows: [workflow], only: ['forms'] }).errors).to.deep.equal([
      'forms/app/demo_follow_up.xlsx:survey: no label::sw column (2 rows have an English label) — add a label::sw column with the Swahili labels',
    ]);
  });
});
