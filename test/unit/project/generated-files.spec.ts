import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-compile-'));
    try {
      for (const entry of ['app_settings', 'settings.inherit.json', 'tasks.js', 'targets.js', 'contact-summary.templated.js', '.eslintrc', '.eslintignore', 'dist', 'package.json']) {
        fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const result = runChtConf(dir, ['compile-app-settings']);
      expect(result.ok, result.output).to.equal(true);
      const fresh = JSON.parse(fs.readFileSync(path.join(dir, 'app_settings.json'), 'utf8')) as unknown;
      const committed = JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as unknown;
      expect(committed, `app_settings.json is stale: ${REBUILD}`).to.deep.equal(fresh);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
