import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

describe('check: generated files and converted forms', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));
  const problems = (): { errors: string[]; warnings: string[] } => check(dir, { workflows: [workflow], only: ['generated'] });

  it('reports a generated file edited by hand, and one that is missing', () => {
    fs.appendFileSync(path.join(dir, 'settings.inherit.json'), ' ');
    fs.rmSync(path.join(dir, 'app_settings/forms.json'));
    expect(problems().errors).to.deep.equal([
      'app_settings/forms.json: generated file is missing — run npm run build and commit the result; never edit it by hand',
      'settings.inherit.json: generated file is stale (it differs from what src/workflows generates) — run npm run build and commit the result; never edit it by hand',
    ]);
  });

  it('reports an .xlsx without its converted .xml, and warns about an orphan .xml', () => {
    fs.rmSync(path.join(dir, 'forms/app/demo_follow_up.xml'));
    fs.writeFileSync(path.join(dir, 'forms/app/old_form.xml'), '<h:html/>');
    expect(problems()).to.deep.equal({
      errors: ['forms/app/demo_follow_up.xlsx: converted form demo_follow_up.xml is missing — run npm run build (cht-conf convert-app-forms) and commit forms/app/demo_follow_up.xml'],
      warnings: ['forms/app/old_form.xml: no old_form.xlsx next to this converted form — delete the .xml or restore its .xlsx source'],
    });
  });
});
