import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formSources } from '../../src/project/form-checksums';
import { runChtConf } from '../../src/project/cht-conf';

const ROOT = path.resolve(__dirname, '..', '..');

// The fast unit test trusts forms/checksums.json; this one trusts nothing: it converts every
// XLSForm from scratch with cht-conf and compares with the committed .xml.
describe('every committed form .xml is what cht-conf converts from its .xlsx', function () {
  this.timeout(600_000);

  it('matches a from-scratch conversion', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cht-rapidpro-forms-'));
    try {
      for (const entry of ['forms', 'app_settings', '.eslintrc', 'package.json']) {
        fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
      }
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
      const sources = formSources(dir);
      for (const form of sources) fs.rmSync(form.xml, { force: true });
      for (const kind of ['app', 'contact']) {
        const result = runChtConf(dir, [`convert-${kind}-forms`]);
        expect(result.ok, result.output).to.equal(true);
      }
      const stale = sources.filter((form) =>
        fs.readFileSync(form.xml, 'utf8') !== fs.readFileSync(path.join(ROOT, 'forms', form.kind, `${form.name}.xml`), 'utf8'));
      expect(stale.map((form) => form.key), 'run `npm run build -- --force` and commit the .xml').to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
