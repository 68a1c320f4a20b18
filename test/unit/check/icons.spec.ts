import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from './helpers';
import { demoWorkflow, miniProject, removeProject } from './mini-project';

const ROOT = path.resolve(__dirname, '../../..');

/** The real project's icon inputs: settings, resources, app form properties. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-icons-'));
  for (const entry of ['app_settings', 'resources', 'resources.json', 'forms/app']) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

const editJson = (file: string, edit: (json: Record<string, unknown>) => void): void => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
};

describe('check: icons', () => {
  let dir: string;
  afterEach(() => removeProject(dir));

  it('finds every icon of the project in resources.json, each with its file', () => {
    dir = copyProject();
    expect(check(dir, { only: ['icons'] })).to.deep.equal({ errors: [], warnings: [] });
  });

  it('reports a contact type, task, target or record icon that resolves to nothing', () => {
    dir = copyProject();
    editJson(path.join(dir, 'resources.json'), (json) => { delete json['icon-health-center']; delete json['icon-healthcare']; });
    const { errors } = check(dir, { only: ['icons'] });
    expect(errors).to.include('app_settings/base_settings.json:contact type health_center: icon "icon-health-center" resolves to nothing: it is not in resources.json (which replaces CHT\'s icons when uploaded) — add "icon-health-center" to resources.json with its file in resources/');
    expect(errors.some((line) => /^src\/phone\/workflows\/[a-z-]+\/tasks\.ts:task [a-z-]+: icon "icon-healthcare" resolves to nothing/.test(line))).to.equal(true);
    expect(errors.some((line) => /^src\/phone\/workflows\/[a-z-]+\/targets\.ts:target [a-z-]+: icon "icon-healthcare"/.test(line))).to.equal(true);
    expect(errors.some((line) => /^src\/phone\/workflows\/[a-z-]+\/model\.ts:record form RP_[A-Z]+: icon "icon-healthcare"/.test(line))).to.equal(true);
  });

  it('suggests the near name, and reports an app form\'s icon', () => {
    dir = copyProject();
    fs.writeFileSync(path.join(dir, 'forms/app/quarantine_enrollment.properties.json'), JSON.stringify({ icon: 'icon-peopel-family' }));
    expect(check(dir, { only: ['icons'] }).errors).to.deep.equal([
      'forms/app/quarantine_enrollment.properties.json:icon: icon "icon-peopel-family" resolves to nothing: it is not in resources.json (which replaces CHT\'s icons when uploaded) — did you mean "icon-people-family"? Use an existing name or add "icon-peopel-family" to resources.json with its file in resources/',
    ]);
  });

  it('reports a resources.json entry without its file, and a file no entry names', () => {
    dir = copyProject();
    fs.rmSync(path.join(dir, 'resources/icon-person.svg'));
    fs.writeFileSync(path.join(dir, 'resources/unused.png'), '');
    const result = check(dir, { only: ['icons'] });
    expect(result.errors).to.deep.equal(['resources.json:"icon-person": names resources/icon-person.svg, which does not exist — add the file or fix the name']);
    expect(result.warnings).to.deep.equal(['resources/unused.png: is named by no entry of resources.json, so cht-conf does not upload it — name it in resources.json or delete it']);
  });

  it('without resources.json, resolves names against a fresh CHT 4.11\'s default icons', () => {
    dir = copyProject();
    fs.rmSync(path.join(dir, 'resources.json'));
    const errors = check(dir, { only: ['icons'] }).errors;
    // the three names the defaults lack: two contact types, and the wellbeing tasks' and targets' icon
    expect([...new Set(errors.map((line) => /icon "([^"]+)"/.exec(line)?.[1]))].sort()).to.deep.equal(['icon-district-hospital', 'icon-health-center', 'icon-people-family']);
    expect(errors.every((line) => line.includes('it is not in CHT 4.11\'s default icons (the project has no resources.json)'))).to.equal(true);
  });

  it('passes a project using only default icons and no resources.json', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    expect(check(dir, { only: ['icons'], workflows: [workflow] }).errors).to.deep.equal([]);
  });
});
