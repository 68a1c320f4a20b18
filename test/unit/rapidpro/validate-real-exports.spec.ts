/**
 * Runs the validator over real public exports fetched into $CHT_RAPIDPRO_REAL_EXPORTS (RapidPro's
 * media/test_flows as rapidpro/, goflow's test/testdata/runner as goflow/): each must get the
 * verdict RapidPro's import gives it (test/fixtures/real-exports/verdicts.json), and broken
 * variants of each must fail. Skipped when the directory is not there; those files are never
 * committed.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { errorsOf, formatProblem, validateExport } from '../../../src/rapidpro/validate';

interface Verdicts {
  goflowAssets: string;
  refuses: Record<string, string>;
}

const DIR = process.env.CHT_RAPIDPRO_REAL_EXPORTS;
const verdicts: Verdicts = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'real-exports', 'verdicts.json'), 'utf8'));

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** The export as RapidPro would read it: goflow's asset files get the version a RapidPro export has. */
function load(file: string, relative: string): unknown {
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (relative.startsWith(verdicts.goflowAssets) && typeof json === 'object' && json !== null && !Array.isArray(json) && !('version' in json) && 'flows' in json) {
    return { version: '13', ...json };
  }
  return json;
}

type Export = { flows: Array<Record<string, unknown>>; triggers?: unknown[] } & Record<string, unknown>;

/** Broken variants of a real export, each of which RapidPro's import refuses. */
const BREAKS: ReadonlyArray<[string, (exported: Export, node: Record<string, unknown>) => void]> = [
  ['a flow sets a reserved contact field key', (_, node) => (node.actions as unknown[]).push({ uuid: 'f3000000-0000-4000-8000-00000000f001', type: 'set_contact_field', field: { key: 'has', name: 'Has' }, value: 'x' })],
  ['a flow adds contacts to a new group with a 65-character name', (_, node) =>
    (node.actions as unknown[]).push({ uuid: 'f3000000-0000-4000-8000-00000000f002', type: 'add_contact_groups', groups: [{ uuid: 'f1000000-0000-4000-8000-00000000f002', name: 'G'.repeat(65) }] })],
  ['a keyword trigger starts a flow outside the export', (exported) => {
    exported.triggers = [...(exported.triggers ?? []), { trigger_type: 'K', keywords: ['go'], groups: [], flow: { uuid: 'f0000000-0000-4000-8000-00000000f003', name: 'Elsewhere' } }];
  }],
];

describe('validate-flows over real exports', function () {
  if (!DIR || !fs.existsSync(DIR)) {
    it.skip(`skipped: set CHT_RAPIDPRO_REAL_EXPORTS to a directory of fetched exports (rapidpro/ = RapidPro media/test_flows, goflow/ = goflow test/testdata/runner)${DIR ? `; ${DIR} does not exist` : ''}`);
    return;
  }
  const files = jsonFiles(DIR).sort();

  it('finds exports to check', () => {
    expect(files.length).to.be.greaterThan(0);
  });

  for (const file of files) {
    const relative = path.relative(DIR, file).split(path.sep).join('/');
    const refused = verdicts.refuses[relative];
    it(`${relative}: ${refused ? `refused (${refused})` : 'imports'}`, () => {
      let exported: unknown;
      try {
        exported = load(file, relative);
      } catch (error) {
        expect(refused, `${relative} is not JSON: ${String(error)}`).to.be.a('string');
        return;
      }
      const errors = errorsOf(validateExport(exported, { file: relative })).map((problem) => formatProblem(problem));
      if (refused) expect(errors, 'RapidPro refuses it').to.not.deep.equal([]);
      else expect(errors, errors.join('\n')).to.deep.equal([]);

      // broken variants of an export that imports must fail
      if (refused) return;
      const flows = (exported as Export).flows;
      const target = flows.find((flow) => Array.isArray(flow.nodes) && flow.nodes.length > 0 && flow.type !== 'voice');
      if (!target) return;
      for (const [what, breakIt] of BREAKS) {
        const copy = JSON.parse(JSON.stringify(exported)) as Export;
        const flow = copy.flows[flows.indexOf(target)];
        const node = (flow.nodes as Array<Record<string, unknown>>)[0];
        node.actions = Array.isArray(node.actions) ? node.actions : [];
        breakIt(copy, node);
        expect(errorsOf(validateExport(copy)), `${relative} with ${what}`).to.not.deep.equal([]);
      }
    });
  }
});
