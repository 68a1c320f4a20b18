import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../src/cli';
import { CommandIO } from '../../../src/cli/command';
import { commands } from '../../../src/cli/commands';

function capture(projectDir: string): CommandIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line), projectDir, env: {}, isTTY: false };
}

describe('cht-rapidpro argument handling', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-args-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // validate-flows takes any number of files; run-flow one file and new-workflow one id; the others options only.
  const arity: Record<string, number> = { 'run-flow': 1, 'new-workflow': 1 };
  for (const name of commands.map((command) => command.name).filter((name) => name !== 'validate-flows')) {
    it(`${name}: an extra positional argument is a one-line usage error, exit 2, before anything runs`, async () => {
      const io = capture(dir);
      const expected = Array.from({ length: arity[name] ?? 0 }, (_value, i) => `arg${i}`);
      expect(await main([name, ...expected, 'stray'], io)).to.equal(2);
      expect(io.lines).to.have.lengthOf(1);
      expect(io.lines[0]).to.match(new RegExp(`^cht-rapidpro ${name}: unexpected argument "stray"`));
      expect(fs.readdirSync(dir)).to.deep.equal([]);
    });
  }

  it('validate-flows: a file nested too deeply to walk is one line naming it, no stack trace', async () => {
    const deepObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    // Past the stack for JSON.stringify, in "flows" itself and inside a flow's _ui.
    fs.writeFileSync(path.join(dir, 'flows.json'), `{"version":"13","flows":${deepObject(200_000)}}`);
    fs.writeFileSync(path.join(dir, 'ui.json'), `{"version":"13","flows":[{"uuid":"8f9e1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c","name":"x",` +
      `"spec_version":"13.1.0","language":"eng","type":"messaging","nodes":[],"_ui":${deepObject(200_000)}}]}`);
    for (const file of ['flows.json', 'ui.json']) {
      const io = capture(dir);
      expect(await main(['validate-flows', path.join(dir, file)], io)).to.equal(1);
      expect(io.lines).to.have.lengthOf(1);
      expect(io.lines[0]).to.contain(file).and.not.to.match(/\n|\bat \w+ \(/);
    }
  });

  it('an error no rule anticipated is one line, with the stack only when CHT_RAPIDPRO_DEBUG is set', async () => {
    const command = commands.find((candidate) => candidate.name === 'docs')!;
    const original = command.run;
    command.run = async () => { throw new TypeError('boom\n    at somewhere (file.ts:1:1)'); };
    try {
      const io = capture(dir);
      expect(await main(['docs'], io)).to.equal(1);
      expect(io.lines).to.deep.equal(['cht-rapidpro docs: unexpected error: boom (set CHT_RAPIDPRO_DEBUG=1 for details)']);
      const debug = { ...capture(dir), env: { CHT_RAPIDPRO_DEBUG: '1' } };
      const lines: string[] = [];
      debug.err = (line) => lines.push(line);
      expect(await main(['docs'], debug)).to.equal(1);
      expect(lines[0]).to.equal('cht-rapidpro docs: unexpected error: boom');
      expect(lines[1]).to.contain('TypeError: boom');
    } finally {
      command.run = original;
    }
  });
});
