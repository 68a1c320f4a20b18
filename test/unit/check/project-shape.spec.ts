import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIO } from '../../../src/cli/command';
import { checkCommand } from '../../../src/cli/commands/check';
import { check } from './helpers';
import { demoWorkflow, miniProject, removeProject } from './mini-project';

describe('check: the shape of the project', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));

  it('fails with one line naming app_settings/base_settings.json when it is missing, whatever rules run', () => {
    fs.rmSync(path.join(dir, 'app_settings/base_settings.json'));
    for (const only of [undefined, ['secrets' as const]]) {
      expect(check(dir, { workflows: [workflow], only }).errors).to.deep.equal([
        'app_settings/base_settings.json: is missing — restore it (git checkout -- app_settings/base_settings.json): cht-conf compiles app_settings.json from it',
      ]);
    }
  });

  it('passes on the clean project (base settings present)', () => {
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([]);
  });

  it('reports a folder named *.xlsx in one line and reads no workbook from it', async () => {
    fs.mkdirSync(path.join(dir, 'forms/app/notes.xlsx'));
    const lines: string[] = [];
    const io: CommandIO = { out: (l) => lines.push(l), err: (l) => lines.push(l), projectDir: dir, env: {}, isTTY: false };
    // The CLI runs the project's workflows, which this mini project does not have: compare the rule directly too.
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'forms/app/notes.xlsx: is a folder, not an XLSForm workbook — rename or remove it: only .xlsx files belong in forms/app',
    ]);
    expect(await checkCommand.run(['--only', 'forms,generated'], io)).to.equal(1);
    expect(lines.filter((line) => line.includes('notes.xlsx'))).to.have.lengthOf(1);
  });

  it('a folder named like a form the workflow reads is reported, not read', () => {
    fs.rmSync(path.join(dir, 'forms/app/demo_follow_up.xlsx'));
    fs.mkdirSync(path.join(dir, 'forms/app/demo_follow_up.xlsx'));
    const errors = check(dir, { workflows: [workflow] }).errors;
    expect(errors[0]).to.equal('forms/app/demo_follow_up.xlsx: is a folder, not an XLSForm workbook — rename or remove it: only .xlsx files belong in forms/app');
  });
});
