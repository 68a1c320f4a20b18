import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { isPlaceholder, isSecretName } from '../../../src/check/rules/secret-scan';
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

  it('skips node_modules and package-lock.json', () => {
    write('node_modules/x/index.js', `const t = '${TOKEN}';\n`);
    write('package-lock.json', `{"token": "${HEX}"}\n`);
    expect(errors()).to.deep.equal([]);
  });

  it('looks for the high-confidence shapes in binary files too', () => {
    fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(TOKEN)]));
    fs.writeFileSync(path.join(dir, 'clean.bin'), Buffer.from([0, 1, 2, 0x54, 0x6f, 0x6b, 0x65, 0x6e]));
    expect(errors()).to.deep.equal([
      'blob.bin:binary content: a RapidPro/TextIt API token is committed here — remove it, revoke it in RapidPro, and store it with `cht-conf` credentials or an environment variable',
    ]);
  });

  it('reports a committed JSON file that does not parse', () => {
    write('app_settings/base_settings.json', '{ "locale": "en", }');
    expect(errors()).to.have.lengthOf(1).and.to.match(/^app_settings\/base_settings\.json: not valid JSON \(.*\) — fix the syntax/);
  });
});

describe('check: secrets in every committed file type', () => {
  let dir: string;
  const workflow = demoWorkflow();
  beforeEach(() => { dir = miniProject(workflow); });
  afterEach(() => removeProject(dir));
  const write = (file: string, text: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const places = (): string[] => check(dir, { workflows: [workflow], only: ['secrets'] }).errors.map((line) => line.split(' — ')[0]);
  // Real-looking values, built so this file holds none of them as a literal assignment.
  const REAL = ['s3cr3t', 'Pass-2024!'].join('');
  const RP_TOKEN = HEX.split('').reverse().join('');

  it('.env files: RAPIDPRO_TOKEN=…, export CHT_PASSWORD="…"; placeholders and credential names pass', () => {
    write('.env', [`RAPIDPRO_TOKEN=${RP_TOKEN}`, `export CHT_PASSWORD="${REAL}"`, 'RAPIDPRO_HOST=https://rapidpro.example.org/', 'CHT_PASSWORD_KEY=cht_pw', ''].join('\n'));
    write('.env.example', ['RAPIDPRO_TOKEN=<your RapidPro API token>', 'CHT_PASSWORD=', 'DB_PASSWORD=${DB_PASSWORD}', 'API_KEY=changeme # set me', ''].join('\n'));
    write('deploy.sh', `export RAPIDPRO_TOKEN='${RP_TOKEN}'\n`);
    expect(places()).to.deep.equal([
      '.env:line 1: "RAPIDPRO_TOKEN" is set to a literal secret',
      '.env:line 2: "CHT_PASSWORD" is set to a literal secret',
      'deploy.sh:line 1: "RAPIDPRO_TOKEN" is set to a literal secret',
    ]);
  });

  it('.properties and YAML: password = …, api_key: …; translation files are UI text', () => {
    write('config/app.properties', [`db.password = ${REAL}`, 'db.user = cht', 'smtp.password=changeme', '# password = old', ''].join('\n'));
    write('config/ci.yml', [`password: ${REAL} # do not commit`, 'token: ${{ secrets.RAPIDPRO_TOKEN }}', 'api_key: <api key>', 'secrets:', '  token: |', ''].join('\n'));
    write('translations/messages-fr.properties', ['login.password = Mot de passe', 'user.token = Jeton d\'accès', ''].join('\n'));
    expect(places()).to.deep.equal([
      'config/app.properties:line 1: "db.password" is set to a literal secret',
      'config/ci.yml:line 1: "password" is set to a literal secret',
    ]);
  });

  it('TypeScript source: secret-named keys and variables with a literal; ternaries, types, key names and tests pass', () => {
    write('src/settings.ts', [
      `export const RAPIDPRO_TOKEN = '${RP_TOKEN}';`,
      `const cht = { url: 'https://cht.example.org', password: "${REAL}" };`,
      `const status = ok ? 'PASS' : 'FAIL';`,
      `const auth = { type: 'header', value_key: 'rapidpro:api', password_key: 'cht_pw' };`,
      'function login(password: string, token = process.env.TOKEN) { return `${password}:${token}`; }',
      `const apiToken = \`Token \${process.env.RAPIDPRO_TOKEN}\`;`,
      `const secret = '<set at deploy>';`,
      '',
    ].join('\n'));
    write('test/unit/login.spec.ts', `const users = { admin: { password: '${REAL}' } };\nconst header = 'Token ${HEX}';\n`);
    expect(places()).to.deep.equal([
      'src/settings.ts:line 1: "RAPIDPRO_TOKEN" is set to a literal secret',
      'src/settings.ts:line 2: "password" is set to a literal secret',
      // Test code keeps fake passwords for its local servers, but a real token shape is still a leak.
      'test/unit/login.spec.ts:line 2: a RapidPro/TextIt API token is committed here',
    ]);
  });

  it('.xlsx cells: a token in a calculation, a password=… note, across every sheet', () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([
      ['type', 'name', 'calculation'],
      ['calculate', 'auth', `concat('Token ', '${RP_TOKEN}')`],
      ['calculate', 'header', `'Authorization: Token ${HEX}'`],
    ]), 'survey');
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['note'], [`password=${REAL}`], ['password=<ask the admin>']]), 'notes');
    write('forms/app/leaky.xlsx', XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(places()).to.deep.equal([
      'forms/app/leaky.xlsx:sheet "survey" cell C3: a RapidPro/TextIt API token is committed here',
      'forms/app/leaky.xlsx:sheet "survey" cell C3: a literal Authorization header value is committed here',
      'forms/app/leaky.xlsx:sheet "notes" cell A2: "password" is set to a literal secret',
    ]);
  });

  it('files of any size are read whole: a token past 2 MB, and one across a chunk boundary of a one-line file', () => {
    write('docs/big.md', 'lorem ipsum dolor sit amet\n'.repeat(120_000) + `Authorization: Token ${HEX}\n`);
    // One 3 MB line (a minified bundle): a token straddling the 1 MiB read size, and a
    // Basic-auth URL straddling 2 MiB, where the scan of an overlong line is cut.
    const mib = 1024 * 1024;
    const token = `"Token ${HEX}"`;
    const url = `"https://admin:${REAL}@cht.health.org"`;
    const bundle = 'x'.repeat(mib - 10) + token + 'y'.repeat(mib - 10 - token.length - 20) + url + 'z'.repeat(mib);
    expect(bundle.indexOf(url)).to.be.below(2 * mib).and.above(2 * mib - url.length);
    write('minified/bundle.min.txt', bundle);
    expect(fs.statSync(path.join(dir, 'docs/big.md')).size).to.be.above(3_000_000);
    expect(places()).to.deep.equal([
      'docs/big.md:line 120001: a RapidPro/TextIt API token is committed here',
      'docs/big.md:line 120001: a literal Authorization header value is committed here',
      'minified/bundle.min.txt:line 1: a RapidPro/TextIt API token is committed here',
      'minified/bundle.min.txt:line 1: a URL with a user and password is committed here',
    ]);
  });

  it('in a git checkout: an ignored .env is not committed, a force-added one is reported', function () {
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (git('init', '-q').status !== 0) this.skip();
    write('.gitignore', '.env\n');
    write('.env', `RAPIDPRO_TOKEN=${RP_TOKEN}\n`);
    expect(places()).to.deep.equal([]);
    expect(git('add', '-f', '.env').status).to.equal(0);
    expect(places()).to.deep.equal(['.env:line 1: "RAPIDPRO_TOKEN" is set to a literal secret']);
  });

  it('the project ignores .env files (but not their examples) and cht-conf snapshots', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const ignored = (file: string): boolean => spawnSync('git', ['check-ignore', '-q', '--no-index', file], { cwd: root }).status === 0;
    expect(['.env', '.env.local', '.env.production', '.snapshots/remote.json'].filter((file) => !ignored(file))).to.deep.equal([]);
    expect(ignored('.env.example')).to.equal(false);
  });
});

describe('check: what a placeholder is', () => {
  it('is empty, an elision, a template, a RapidPro expression, your-… in letters, or a word naming the secret', () => {
    const placeholders = ['', '…', '...', '***', '••••', 'xxxx', 'XXXXXXXX', '<your token>', '<>', '${RAPIDPRO_TOKEN}', '$CHT_PASSWORD',
      '{{ token }}', '%API_KEY%', '@globals.cht_auth', '@(format_urn(contact.urn))', 'your-api-token', 'your password', 'changeme',
      'CHANGE_ME', 'password', 'token', 'secret', '[redacted]', '"<quoted>"', "'changeme'"];
    expect(placeholders.filter((value) => !isPlaceholder(value))).to.deep.equal([]);
  });

  it('is never a real-looking value, however weak', () => {
    const values = ['admin', 'pass', 'hunter2', 'admin-pass', 'changeme2024', 'example123!', 'xxxx1234', 'your-token-2024', 'P@ssw0rd',
      '@dm1n', 'secret!', 'tokenvalue', '0123456789abcdef0123456789abcdef01234567'];
    expect(values.filter((value) => isPlaceholder(value))).to.deep.equal([]);
  });

  it('secret names end with a secret word; names of credentials do not', () => {
    expect(['RAPIDPRO_TOKEN', 'chtPassword', 'db.password', 'api_key', 'apiKey', 'APIKEY', 'client-secret', 'DB_PASS', 'AWS_SECRET_ACCESS_KEY']
      .filter((name) => !isSecretName(name))).to.deep.equal([]);
    expect(['password_key', 'value_key', 'token_type', 'tokens', 'bypass', 'passport', 'credentialKey', 'cwd', 'key']
      .filter((name) => isSecretName(name))).to.deep.equal([]);
  });
});
