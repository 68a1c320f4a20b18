import { expect } from 'chai';
import * as path from 'path';
import { CommandIO } from '../../../src/cli/command';
import { main } from '../../../src/cli';
import { validateFlowsCommand } from '../../../src/cli/commands/validate-flows';

const fixture = (name: string) => path.join(__dirname, '..', '..', 'fixtures', 'flows', name);

function capture(): { io: CommandIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line) => out.push(line), err: (line) => err.push(line), projectDir: process.cwd(), env: {}, isTTY: false }, out, err };
}

describe('cht-rapidpro validate-flows', () => {
  it('exits 0 with "N flows valid" for valid exports', async () => {
    const { io, out, err } = capture();
    expect(await validateFlowsCommand.run([fixture('valid-checkin.json'), fixture('valid-legacy-11.json')], io)).to.equal(0);
    expect(out).to.deep.equal(['3 flows valid']);
    expect(err).to.deep.equal([]);
  });

  it('exits 1 with one line per problem', async () => {
    const { io, out, err } = capture();
    const files = [fixture('valid-checkin.json'), fixture('unknown-destination.json'), fixture('not-json.json'), fixture('missing-file.json')];
    expect(await validateFlowsCommand.run(files, io)).to.equal(1);
    expect(out).to.deep.equal([]);
    expect(err).to.have.length(3);
    expect(err[0]).to.match(/unknown-destination\.json: flow "Daily Check-in" node a2000000-0000-4000-8000-000000000003: exit .*: destination .* is not a node of this flow$/);
    expect(err[1]).to.match(/not-json\.json: not valid JSON/);
    expect(err[2]).to.match(/missing-file\.json: cannot read the file/);
  });

  it('exits 2 on usage errors', async () => {
    const noFiles = capture();
    expect(await main(['validate-flows'], noFiles.io)).to.equal(2);
    expect(noFiles.err[0]).to.match(/give at least one RapidPro export file/);
    const badOption = capture();
    expect(await main(['validate-flows', '--strict', fixture('valid-checkin.json')], badOption.io)).to.equal(2);
    expect(badOption.err[0]).to.match(/unknown option --strict/);
  });
});
