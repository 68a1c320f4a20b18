/**
 * The real project, copied and broken on purpose: proves `check` reads the real workflows'
 * pushes and forms (not only the demo), and that the committed project has no such problem.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workflows } from '../../../src/workflows';
import { editXlsx, removeProject } from './mini-project';
import { check } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const COPIED = ['forms', 'translations', 'app_settings', 'settings.inherit.json', 'rapidpro'];

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-real-'));
  for (const entry of COPIED) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** The first push of a registered workflow that reads a form field, with that form and field. */
function pushReadingAField(): { push: string; form: string; field: string } | undefined {
  for (const workflow of workflows) {
    for (const push of workflow.pushes) {
      const field = push.fieldPaths().find((ref) => !ref.startsWith('inputs.'));
      if (field) return { push: push.name, form: push.form.id, field };
    }
  }
  return undefined;
}

describe('check on the project itself', () => {
  it('finds no error in the committed project (run npm run build first)', () => {
    expect(check(ROOT, {}).errors).to.deep.equal([]);
  });
});

describe('check on a copy of the real project', () => {
  let dir: string;
  beforeEach(() => { dir = copyProject(); });
  afterEach(() => removeProject(dir));

  it('has no broken paths, action forms, webhook bodies, flows, form structure or secrets', function () {
    if (workflows.length === 0) this.skip();
    // translations and generated files depend on the last build: `npm run build` and the full `check` cover them.
    expect(check(dir, { only: ['paths', 'webhooks', 'flows', 'forms', 'secrets'] }).errors).to.deep.equal([]);
  });

  it('reports a field a real push reads once it is renamed in Excel', function () {
    const target = pushReadingAField();
    if (!target) this.skip();
    const file = path.join(dir, `forms/app/${target.form}.xlsx`);
    const leaf = target.field.split('.').pop() ?? '';
    editXlsx(file, (form) => {
      const row = form.survey.find((r) => r.name === leaf);
      if (row) row.name = `${leaf}_x`;
    });
    const errors = check(dir, { only: ['paths'] }).errors;
    const renamed = [...target.field.split('.').slice(0, -1), `${leaf}_x`].join('.');
    expect(errors.join('\n')).to.match(new RegExp(`^forms/app/${target.form}\\.xlsx:survey row \\d+: field "${target.field.replace(/\./g, '\\.')}" read by [^\\n]*push ${target.push}[^\\n]* does not exist — did you mean "${renamed.replace(/\./g, '\\.')}"\\? Rename it back or update src/`, 'm'));
  });
});
