import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { formsToConvert } from '../../../src/project/form-checksums';
import { staleGeneratedFiles } from '../../../src/project/generate';
import { runChtConf } from '../../../src/project/cht-conf';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const REBUILD = 'run `npm run build` and commit the result';

// Committed outputs must be what a fresh build produces: cht-conf and RapidPro read these files,
// not the TypeScript they come from.
describe('committed generated files', function () {
  this.timeout(120_000);

  it('match what the workflows generate (forms.json, outbound pushes, RapidPro exports)', () => {
    expect(staleGeneratedFiles(ROOT), `stale generated files: ${REBUILD}`).to.deep.equal([]);
  });

  it('include a converted .xml for every XLSForm, converted from its current .xlsx', () => {
    expect(formsToConvert(ROOT).map((form) => form.key), `forms edited since conversion: ${REBUILD}`).to.deep.equal([]);
  });

  it('include the app_settings.json cht-conf compiles from them', () => {
    // Compiled in place: webpack's module ids depend on the project's path, so a copy elsewhere
    // would differ byte for byte. The committed file is restored whatever happens.
    const file = path.join(ROOT, 'app_settings.json');
    const committed = fs.readFileSync(file, 'utf8');
    try {
      const result = runChtConf(ROOT, ['compile-app-settings']);
      expect(result.ok, result.output).to.equal(true);
      const fresh = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      expect(JSON.parse(committed) as unknown, `app_settings.json is stale: ${REBUILD}`).to.deep.equal(fresh);
    } finally {
      fs.writeFileSync(file, committed);
    }
  });
});
