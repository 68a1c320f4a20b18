import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convertForms } from '../../../src/project/cht-conf';
import { writeXlsx } from '../check/mini-project';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMMITTED = '<h:html><!-- the committed XForm --></h:html>\n';

// Real cht-conf conversions (python xls2xform): a form that fails to convert keeps its committed .xml.
describe('build: converting XLSForms', function () {
  this.timeout(60_000);
  let dir: string;
  const xml = (name: string): string => fs.readFileSync(path.join(dir, 'forms/app', `${name}.xml`), 'utf8');
  const note = (id: string) => ({
    survey: [{ type: 'note', name: 'hello', 'label::en': 'Hello' }],
    settings: { form_title: 'Demo', form_id: id, default_language: 'en' },
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-convert-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"dependencies": {"cht-conf": "^6.6.1"}}');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
    writeXlsx(path.join(dir, 'forms/app/good.xlsx'), note('good'));
    // cht-conf refuses a form whose form_id is not its file name, after deleting its .xml in place.
    writeXlsx(path.join(dir, 'forms/app/broken.xlsx'), note('not_broken'));
    for (const name of ['good', 'broken']) fs.writeFileSync(path.join(dir, 'forms/app', `${name}.xml`), COMMITTED);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a failed conversion keeps every committed .xml of the run and leaves no temporary files', () => {
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('cht-rapidpro-convert-'));
    const result = convertForms(dir, 'app', ['good', 'broken']);
    expect(result.ok).to.equal(false);
    expect(result.output).to.match(/form_id|does not match|broken/i);
    expect(xml('broken')).to.equal(COMMITTED);
    expect(xml('good')).to.equal(COMMITTED);
    expect(fs.readdirSync(path.join(dir, 'forms/app')).sort()).to.deep.equal(['broken.xlsx', 'broken.xml', 'good.xlsx', 'good.xml']);
    expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('cht-rapidpro-convert-'))).to.deep.equal(tmpBefore);
  });

  it('a successful conversion moves the new .xml into place', () => {
    const result = convertForms(dir, 'app', ['good']);
    expect(result.ok, result.output).to.equal(true);
    expect(xml('good')).to.contain('<h:title>Demo</h:title>').and.not.to.equal(COMMITTED);
    expect(xml('broken')).to.equal(COMMITTED);
  });
});
