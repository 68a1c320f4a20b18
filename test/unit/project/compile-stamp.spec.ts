import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STAMP_FILE, compileIsFresh, forgetCompile, recordCompile } from '../../../src/project/compile-stamp';

// `build` skips cht-conf's compile-app-settings while nothing it reads, nor its output, changed.
describe('build: the compile stamp', () => {
  let dir: string;
  const write = (file: string, content: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-stamp-'));
    write('package.json', '{"imports": {"#phone/*": "./dist/phone/*.js"}}');
    write('app_settings/base_settings.json', '{"locale": "en"}');
    write('tasks.js', "module.exports = require('./dist/phone/rules').tasks;");
    write('dist/phone/rules.js', 'exports.tasks = [];');
    write('dist/phone-bundle/contact-summary.js', 'export default {};');
    write('app_settings.json', '{"compiled": 1}');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is stale until a compile is recorded, then fresh while nothing changes', () => {
    expect(compileIsFresh(dir)).to.equal(false);
    recordCompile(dir);
    expect(fs.existsSync(path.join(dir, STAMP_FILE))).to.equal(true);
    expect(compileIsFresh(dir)).to.equal(true);
  });

  for (const [what, change] of [
    ['an app settings file changes', () => write('app_settings/base_settings.json', '{"locale": "fr"}')],
    ['an app settings file is added', () => write('app_settings/forms.json', '{}')],
    ['an entry point changes', () => write('tasks.js', "module.exports = require('./dist/phone/rules').targets;")],
    ['a compiled phone module changes', () => write('dist/phone/rules.js', 'exports.tasks = [1];')],
    ['a module is added to the ES build', () => write('dist/phone-bundle/kit/time.js', 'export const DAY = 1;')],
    ['package.json (its imports map) changes', () => write('package.json', '{"imports": {}}')],
    ['a file cht-conf reads when it exists appears (purge.js)', () => write('purge.js', 'module.exports = {};')],
    ['app_settings.json is edited by hand', () => write('app_settings.json', '{"compiled": 2}')],
    ['app_settings.json is deleted', () => fs.rmSync(path.join(dir, 'app_settings.json'))],
  ] as const) {
    it(`is stale when ${what}`, () => {
      recordCompile(dir);
      change();
      expect(compileIsFresh(dir)).to.equal(false);
    });
  }

  it('ignores what cht-conf does not bundle: TypeScript declarations and build info', () => {
    recordCompile(dir);
    write('dist/phone/rules.d.ts', 'export declare const tasks: unknown[];');
    write('dist/phone/.tsbuildinfo', '{}');
    expect(compileIsFresh(dir)).to.equal(true);
  });

  it('a damaged or forgotten stamp compiles again', () => {
    recordCompile(dir);
    write(STAMP_FILE, '{not json');
    expect(compileIsFresh(dir)).to.equal(false);
    recordCompile(dir);
    forgetCompile(dir);
    expect(compileIsFresh(dir)).to.equal(false);
  });

  it('records nothing when the compile wrote no app_settings.json', () => {
    fs.rmSync(path.join(dir, 'app_settings.json'));
    recordCompile(dir);
    expect(fs.existsSync(path.join(dir, STAMP_FILE))).to.equal(false);
  });
});
