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
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^task\.demo-follow-up\.title = .*\n/m, ''));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-fr.properties: missing translation "task.demo-follow-up.title" (used by workflow demo) — add "task.demo-follow-up.title = …"',
    ]);
  });

  it('reports a key misspelt by hand in a translations file, with the closest key', () => {
    dir = miniProject(workflow);
    const file = path.join(dir, 'translations/messages-sw.properties');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^task\.demo-follow-up\.title = /m, 'task.demo-folow-up.title = '));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-sw.properties: missing translation "task.demo-follow-up.title" (used by workflow demo) — did you mean "task.demo-folow-up.title"? Fix the key or add "task.demo-follow-up.title = …"',
    ]);
  });

  it('reports a key the toolkit\'s profile uses when it is missing', () => {
    dir = miniProject(workflow);
    const file = path.join(dir, 'translations/messages-en.properties');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^contact\.role\.chw = .*\n/m, ''));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-en.properties: missing translation "contact.role.chw" (used by the contact summary (src/phone/kit/contact-summary.ts)) — did you mean "contact.role.other"? Fix the key or add "contact.role.chw = …"',
    ]);
  });

  it('reports base_settings role and contact type keys, JSON form labels and an empty value', () => {
    dir = miniProject(workflow);
    const settings = path.join(dir, 'app_settings/base_settings.json');
    const base = JSON.parse(fs.readFileSync(settings, 'utf8')) as { roles: Record<string, { name: string }> };
    base.roles.district_manager = { name: 'usertype.district-manager' };
    fs.writeFileSync(settings, JSON.stringify(base));
    const sw = path.join(dir, 'translations/messages-sw.properties');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/^report\.rp_demo\.answer = .*$/m, 'report.rp_demo.answer ='));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-en.properties: missing translation "usertype.district-manager" (used by role district_manager (app_settings/base_settings.json)) — add "usertype.district-manager = …"',
      'translations/messages-fr.properties: missing translation "usertype.district-manager" (used by role district_manager (app_settings/base_settings.json)) — add "usertype.district-manager = …"',
      'translations/messages-sw.properties: empty translation "report.rp_demo.answer" (used by workflow demo) — add "report.rp_demo.answer = …"',
      'translations/messages-sw.properties: missing translation "usertype.district-manager" (used by role district_manager (app_settings/base_settings.json)) — add "usertype.district-manager = …"',
    ]);
  });

  it('reports a missing translations file once', () => {
    dir = miniProject(workflow);
    fs.rmSync(path.join(dir, 'translations/messages-sw.properties'));
    expect(check(dir, { workflows: [workflow], only: ['translations'] }).errors).to.deep.equal([
      'translations/messages-sw.properties: the sw translations file is missing — create it with the 30 keys the app uses',
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
