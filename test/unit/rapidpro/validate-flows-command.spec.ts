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

  it('prints warnings for what RapidPro imports but changes, and still exits 0', async () => {
    const { io, out, err } = capture();
    expect(await validateFlowsCommand.run([fixture('warn-expire-reset.json'), fixture('warn-enter-flow-missing.json')], io)).to.equal(0);
    expect(err).to.have.length(2);
    expect(err[0]).to.match(/warn-expire-reset\.json: flow "Daily Check-in": warning: expire_after_minutes 7200 becomes 4320 on import/);
    expect(err[1]).to.match(/warn-enter-flow-missing\.json: flow "Daily Check-in" node a2000000-0000-4000-8000-000000000004: warning: enter_flow refers to flow "Thanks"/);
    expect(out).to.deep.equal(['3 flows valid (2 warnings)']);
  });

  it('exits 1 when a file has an error, printing the warnings of the others too', async () => {
    const { io, out, err } = capture();
    expect(await validateFlowsCommand.run([fixture('warn-base-language.json'), fixture('group-name-too-long.json')], io)).to.equal(1);
    expect(out).to.deep.equal([]);
    expect(err.map((line) => line.includes(': warning: '))).to.deep.equal([true, false]);
    expect(err[1]).to.match(/group-name-too-long\.json: flow "Daily Check-in" node .*: add_contact_groups refers to group .* RapidPro can't create it and refuses the import/);
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
