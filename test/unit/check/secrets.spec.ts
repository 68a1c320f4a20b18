import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

// The fake credentials below are built by concatenation so this file holds no literal the rule flags.
const HEX = '0123456789abcdef'.repeat(3).slice(0, 40);
const TOKEN = `Token ${HEX}`;

describe('check: secrets in committed files and app_settings', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const errors = (): string[] => check(dir, { workflows: [workflow], only: ['secrets'] }).errors;

  it('reports a RapidPro token pasted into base_settings.json, as a token and as a literal secret key', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(dir, 'app_settings/base_settings.json'), 'utf8')) as Record<string, unknown>;
    settings.sms = { rapidpro: { url: 'https://rapidpro.example.org', token: TOKEN } };
    write('app_settings/base_settings.json', JSON.stringify(settings, null, 2));
    expect(errors()).to.deep.equal([
      'app_settings/base_settings.json:line 20: a RapidPro/TextIt API token is committed here — remove it, revoke it in RapidPro, and store it with `cht-conf` credentials or an environment variable',
      'app_settings/base_settings.json:sms.rapidpro.token: "token" holds a literal secret — remove it (and rotate it); keep secrets in the CHT credential store or the environment, and name them with a *_key setting',
    ]);
  });

  it('reports literal Authorization headers, basic-auth URLs and passwords in app_settings.json', () => {
    write('src/client.ts', `const headers = { Authorization: 'Basic ${Buffer.from('admin:s3cr3t!').toString('base64')}' };\n`);
    write('README.md', `Deploy with https://admin:${'hunter2'}@cht.health-ministry.org\n`);
    write('app_settings.json', JSON.stringify({ outbound: { x: { destination: { auth: { type: 'basic', username: 'u', password: 'hunter2' } } } } }));
    expect(errors()).to.deep.equal([
      'README.md:line 1: a URL with a user and password is committed here — remove the credentials from the URL, change the password, and pass them through the environment',
      'app_settings.json:outbound.x.destination.auth.password: "password" holds a literal secret — remove it (and rotate it); keep secrets in the CHT credential store or the environment, and name them with a *_key setting',
      'src/client.ts:line 1: a literal Authorization header value is committed here — remove it, revoke it, and read it from the credential store (value_key) or @globals.cht_auth',
    ]);
  });

  it('allows credential names, RapidPro globals, placeholders, example hosts and marked fixtures', () => {
    write('app_settings.json', JSON.stringify({
      outbound: { x: { destination: { auth: { type: 'header', name: 'Authorization', value_key: 'rapidpro_token' } } }, y: { auth: { password_key: 'cht_pw' } } },
      token: '', secret: '<your secret>',
    }));
    write('rapidpro/flow.json', JSON.stringify({ headers: { Authorization: '@globals.cht_auth' }, token: '@globals.rp_token' }));
    write('docs/setup.md', 'Use https://user:pass@cht.example.org or https://me:p4ss@localhost:5988 and store `Token <api token>`.\n');
    write('test/fixture.ts', `// check:allow-secrets-in-file\nconst token = '${TOKEN}';\n`);
    write('test/other.ts', `const t = '${TOKEN}'; // check:allow-secret\n`);
    expect(errors()).to.deep.equal([]);
  });

  it('skips binary files, node_modules and package-lock.json', () => {
    write('node_modules/x/index.js', `const t = '${TOKEN}';\n`);
    write('package-lock.json', `{"token": "${HEX}"}\n`);
    fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(TOKEN)]));
    expect(errors()).to.deep.equal([]);
  });

  it('reports a committed JSON file that does not parse', () => {
    write('app_settings/base_settings.json', '{ "locale": "en", }');
    expect(errors()).to.have.lengthOf(1).and.to.match(/^app_settings\/base_settings\.json: not valid JSON \(.*\) — fix the syntax/);
  });
});
