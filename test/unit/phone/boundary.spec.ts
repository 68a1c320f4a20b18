/**
 * What runs on the phone is kept apart from Node by the compiler, and the bundle cht-conf builds
 * from it holds phone code only.
 */
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../../src/project/synth';
import { Text } from '../../../src/rapidpro/flow/text';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the phone/Node boundary', () => {
  it('is enforced by the compiler: phone code cannot import Node built-ins or Node-side modules', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-boundary-'));
    try {
      const probe = (name: string, source: string): void => fs.writeFileSync(path.join(dir, name), source);
      probe('uses-fs.ts', `import * as fs from 'fs';\nexport const read = fs.readFileSync;\n`);
      probe('uses-flows.ts', `import { checkinFlow } from '${path.join(ROOT, 'src/workflows/contact-tracing/flows')}';\nexport const flow = checkinFlow;\n`);
      probe('uses-kit.ts', `import { DAY } from '${path.join(ROOT, 'src/phone/kit/time')}';\nexport const week = 7 * DAY;\n`);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
        extends: path.join(ROOT, 'src/phone/tsconfig.json'),
        compilerOptions: { rootDir: '/', outDir: path.join(dir, 'out'), tsBuildInfoFile: path.join(dir, 'out', '.tsbuildinfo') },
        include: [path.join(ROOT, 'src/phone/**/*.ts'), path.join(dir, '*.ts')],
      }));
      const tsc = require.resolve('typescript/bin/tsc');
      const result = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
      const errorsIn = (file: string): string[] => errors.filter((line) => line.includes(file));
      expect(errorsIn('uses-fs.ts').join('\n')).to.match(/TS2307: Cannot find module 'fs'/);
      expect(errors.join('\n')).to.match(/TS6307: File '.*src\/workflows\/contact-tracing\/flows\.ts' is not listed/);
      expect(errorsIn('uses-kit.ts')).to.deep.equal([]);
      expect(errors.filter((line) => line.includes('src/phone/'))).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the bundles to phone code: loading them loads only dist/phone', () => {
    // A fresh Node process loads the compiled rules as cht-conf does, then lists what it loaded.
    const script = `
      globalThis.contact = { _id: 'c', type: 'person' }; globalThis.reports = []; globalThis.lineage = [];
      require('./tasks.js'); require('./targets.js'); require('./contact-summary.templated.js');
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).to.equal(0);
    const loaded = (JSON.parse(result.stdout) as string[]).map((file) => path.relative(ROOT, file));
    const outside = loaded.filter((file) => !/^dist[\\/]phone[\\/]/.test(file) && !/^(tasks|targets|contact-summary\.templated)\.js$/.test(file));
    expect(outside).to.deep.equal([]);
    expect(loaded.filter((file) => file.startsWith('dist'))).to.have.length.greaterThan(10);
  });

  it('ships no SMS text, flow or webhook to the phone (app_settings.json)', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as { tasks: { rules: string }; contact_summary: string };
    const bundles = { 'tasks.rules': settings.tasks.rules, contact_summary: settings.contact_summary };
    const texts = new Set<string>();
    const add = (text: Text): void => {
      for (const value of typeof text === 'string' ? [text] : Object.values(text)) if (value.length > 24) texts.add(value.slice(0, 24));
    };
    for (const exported of synthesize().exports) {
      for (const flow of exported.content.flows) {
        for (const node of flow.nodes) {
          for (const action of node.actions) {
            if (action.type === 'send_msg' || action.type === 'send_broadcast') add(action.text);
            if (action.type === 'call_webhook') texts.add(action.body.slice(0, 40));
          }
        }
        for (const translations of Object.values(flow.localization)) {
          for (const item of Object.values(translations)) for (const values of Object.values(item)) values.forEach(add);
        }
      }
    }
    expect(texts.size).to.be.greaterThan(50);
    for (const [name, bundle] of Object.entries(bundles)) {
      const leaked = [...texts].filter((text) => bundle.includes(text));
      expect(leaked, `${name} contains RapidPro texts`).to.deep.equal([]);
      for (const marker of ['flow_starts.json', 'api/v2/records', 'createHash', 'call_webhook']) expect(bundle, name).to.not.include(marker);
    }
  });
});
