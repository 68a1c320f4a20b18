import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIO } from '../../../src/cli/command';
import { main } from '../../../src/cli';
import { demoWorkflow, miniProject, removeProject } from './mini-project';

function io(projectDir: string): CommandIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line), projectDir, env: {}, isTTY: false };
}

describe('cht-rapidpro check (CLI)', () => {
  let dir: string;
  beforeEach(() => { dir = miniProject(demoWorkflow()); });
  afterEach(() => removeProject(dir));

  it('exits 0 with the summary line when the checked rules pass', async () => {
    const capture = io(dir);
    expect(await main(['check', '--only', 'secrets,forms'], capture)).to.equal(0);
    expect(capture.lines).to.deep.equal(['check: 0 errors, 0 warnings']);
  });

  it('exits 1, prints errors then warnings, one line each, then the summary', async () => {
    fs.writeFileSync(path.join(dir, 'notes.md'), `Authorization: Basic ${'YWRtaW46c2VjcmV0'}\n`);
    fs.rmSync(path.join(dir, 'forms/app/demo_follow_up.xml'));
    fs.writeFileSync(path.join(dir, 'forms/app/old.xml'), '<h:html/>');
    const capture = io(dir);
    expect(await main(['check', '--only=secrets,generated'], capture)).to.equal(1);
    // The real workflows (the CLI's) generate other files than the demo: leave those lines out.
    const lines = capture.lines.filter((line) => !/^(app_settings\/forms\.json|settings\.inherit\.json|rapidpro\/|docs\/|translations\/)/.test(line));
    expect(lines).to.deep.equal([
      'Errors:',
      'notes.md:line 1: a literal Authorization header value is committed here — remove it, revoke it, and read it from the credential store (value_key) or @globals.cht_auth',
      'forms/app/demo_follow_up.xlsx: converted form demo_follow_up.xml is missing — run npm run build (cht-conf convert-app-forms) and commit forms/app/demo_follow_up.xml',
      'Warnings:',
      'forms/app/old.xml: no old.xlsx next to this converted form — delete the .xml or restore its .xlsx source',
      capture.lines[capture.lines.length - 1],
    ]);
    expect(capture.lines[capture.lines.length - 1]).to.match(/^check: \d+ errors, 1 warnings$/);
  });

  it('prints JSON with --json', async () => {
    const capture = io(dir);
    expect(await main(['check', '--only', 'secrets', '--json'], capture)).to.equal(0);
    expect(JSON.parse(capture.lines.join('\n'))).to.deep.equal({ errors: [], warnings: [] });
  });

  it('rejects an unknown rule or option with a usage line, not a stack trace', async () => {
    const capture = io(dir);
    expect(await main(['check', '--only', 'spelling'], capture)).to.equal(2);
    expect(capture.lines).to.deep.equal(['cht-rapidpro check: unknown rule "spelling" (rules: forms, paths, webhooks, flows, translations, secrets, generated)']);
  });
});
