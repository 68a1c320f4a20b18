import { expect } from 'chai';
import * as path from 'path';
import { formsToConvert } from '../../../src/project/form-checksums';
import { staleGeneratedFiles } from '../../../src/project/synth';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const REBUILD = 'run `npm run build` and commit the result';

// Committed outputs must be what a fresh build produces: cht-conf and RapidPro read these files,
// not the TypeScript they come from.
describe('committed generated files', function () {
  this.timeout(120_000);

  // app_settings.json is compiled by `npm run build`, which `npm test` runs first; CI fails when the
  // build changes a committed file (.ci/run).
  it('match what the workflows generate (forms.json, outbound pushes, RapidPro exports, translations, docs)', () => {
    expect(staleGeneratedFiles(ROOT), `stale generated files: ${REBUILD}`).to.deep.equal([]);
  });

  it('include a converted .xml for every XLSForm, converted from its current .xlsx', () => {
    expect(formsToConvert(ROOT).map((form) => form.key), `forms edited since conversion: ${REBUILD}`).to.deep.equal([]);
  });
});
