/**
 * `new-workflow` in a copy of the project: the scaffolded workflow compiles (phone and Node),
 * builds (its forms converted by cht-conf), passes `check`, and its story runs in `simulate`.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

describe('new-workflow', function () {
  this.timeout(600_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-scaffold-'));
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!fs.existsSync(path.join(ROOT, file))) continue;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]): { status: number | null; output: string } => {
    const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const tsc = (): { status: number | null; output: string } => run([require.resolve('typescript/bin/tsc'), '-b']);

  it('writes a registered workflow that builds, checks and simulates', () => {
    expect(tsc().status).to.equal(0);
    const scaffold = run(['dist/cli/index.js', 'new-workflow', 'malaria-check', '--title', 'Malaria check']);
    expect(scaffold.status, scaffold.output).to.equal(0);
    expect(scaffold.output).to.include('wrote src/phone/workflows/malaria-check/tasks.ts').and.include('wrote forms/app/malaria_check_enrollment.xlsx');
    const compiled = tsc();
    expect(compiled.status, compiled.output).to.equal(0);
    const build = run(['dist/cli/index.js', 'build']);
    expect(build.status, build.output).to.equal(0);
    expect(build.output).to.include('rapidpro/malaria-check.json').and.include('malaria_check_enrollment, malaria_check_follow_up');
    const check = run(['dist/cli/index.js', 'check']);
    expect(check.output.trim().split('\n').pop(), check.output).to.equal('check: 0 errors, 0 warnings');
    const simulate = run(['dist/cli/index.js', 'simulate', '--workflow', 'malaria-check', '--json']);
    expect(simulate.status, simulate.output).to.equal(0);
    const trace = JSON.parse(simulate.output.slice(simulate.output.indexOf('{'))) as { workflows: { steps: { kind: string; task?: string }[] }[] };
    const kinds = trace.workflows[0].steps.map((step) => step.kind);
    expect(kinds).to.include.members(['form', 'outbound', 'sms', 'webhook', 'record', 'tasks', 'action', 'targets']);
    expect(trace.workflows[0].steps.find((step) => step.kind === 'action')?.task).to.equal('task.malaria-check-unwell.title');
  });

  it('refuses an id that exists or is not kebab case, writing nothing', () => {
    const listing = (): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => !file.startsWith('node_modules') && !file.startsWith('dist')).sort();
    const registry = (): string => fs.readFileSync(path.join(dir, 'src/workflows/index.ts'), 'utf8');
    const [filesBefore, registryBefore] = [listing(), registry()];
    for (const [id, message] of [['malaria-check', 'already exists'], ['Malaria_Check', 'lower-case words']]) {
      const result = run(['dist/cli/index.js', 'new-workflow', id]);
      expect(result.status, result.output).to.not.equal(0);
      expect(result.output.trim().split('\n')).to.have.length(1);
      expect(result.output).to.include(message);
    }
    expect(listing()).to.deep.equal(filesBefore);
    expect(registry()).to.equal(registryBefore);
  });
});
