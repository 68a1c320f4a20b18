import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderDrfError } from '../../../src/rapidpro/client';
import { backoffMs, retryAfterMs, retryDelayMs } from '../../../src/rapidpro/client/retry';
import { RapidProCredentialsError, loadRapidProCredentials } from '../../../src/rapidpro/credentials';

describe('RapidPro credentials', () => {
  const token = 'secret-token-1234567890';
  let dir: string;
  const file = (content: string): string => {
    const target = path.join(dir, 'creds.json');
    fs.writeFileSync(target, content);
    return target;
  };
  const failure = (fn: () => unknown): RapidProCredentialsError => {
    try {
      fn();
    } catch (error) {
      expect(error).to.be.instanceOf(RapidProCredentialsError);
      return error as RapidProCredentialsError;
    }
    throw new Error('expected a RapidProCredentialsError');
  };

  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-creds-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the OpenFn shape from a file and adds the trailing slash', () => {
    const creds = loadRapidProCredentials({ file: file(JSON.stringify({ host: 'https://rp.example.org', token, apiVersion: 'v2' })) });
    expect(creds).to.deep.equal({ host: 'https://rp.example.org/', token, apiVersion: 'v2' });
  });

  it('accepts a file saved with a UTF-8 byte-order mark (Windows Notepad)', () => {
    const creds = loadRapidProCredentials({ file: file('\uFEFF' + JSON.stringify({ host: 'https://rp.example.org/', token })) });
    expect(creds).to.deep.equal({ host: 'https://rp.example.org/', token, apiVersion: 'v2' });
  });

  it('reads RAPIDPRO_HOST and RAPIDPRO_TOKEN from the environment', () => {
    const creds = loadRapidProCredentials({ env: { RAPIDPRO_HOST: 'https://rp.example.org/sub', RAPIDPRO_TOKEN: token } });
    expect(creds.host).to.equal('https://rp.example.org/sub/');
  });

  it('names exactly what is missing', () => {
    expect(failure(() => loadRapidProCredentials({ env: {} })).message).to.contain('set RAPIDPRO_HOST and RAPIDPRO_TOKEN');
    expect(failure(() => loadRapidProCredentials({ env: { RAPIDPRO_HOST: 'https://x/' } })).message).to.contain('set RAPIDPRO_TOKEN in');
    const fromFile = failure(() => loadRapidProCredentials({ file: file(JSON.stringify({ host: 'https://x/' })) }));
    expect(fromFile.message).to.contain('has no "token"');
    expect(failure(() => loadRapidProCredentials({ file: path.join(dir, 'nope.json') })).message).to.contain('cannot be read (ENOENT)');
  });

  it('never quotes the token, even from a broken file', () => {
    const broken = failure(() => loadRapidProCredentials({ file: file(`{"host": "https://x/", "token": "${token}",}`) }));
    expect(broken.message).to.contain('is not valid JSON').and.not.to.contain(token);
    const badHost = failure(() => loadRapidProCredentials({ env: { RAPIDPRO_HOST: 'rp.example.org', RAPIDPRO_TOKEN: token } }));
    expect(badHost.message).to.contain('is not a URL').and.not.to.contain(token);
    const version = failure(() => loadRapidProCredentials({ file: file(JSON.stringify({ host: 'https://x/', token, apiVersion: 'v1' })) }));
    expect(version.message).to.contain('only v2');
  });
});

describe('RapidPro error rendering and retry timing', () => {
  it('renders DRF bodies: field lists, nested URN indexes, detail and non_field_errors', () => {
    expect(renderDrfError({ flow: ['This field is required.'], urns: { 1: ['URN is in use by another contact.'] } }))
      .to.equal('flow: This field is required.; urns[1]: URN is in use by another contact.');
    expect(renderDrfError({ detail: 'Invalid token' })).to.equal('Invalid token');
    expect(renderDrfError({ non_field_errors: ['Must specify at least one group, contact or URN'] })).to.equal('Must specify at least one group, contact or URN');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-06-01T00:00:00Z');
    expect(retryAfterMs('3', now)).to.equal(3000);
    expect(retryAfterMs('Sat, 01 Jun 2024 00:00:10 GMT', now)).to.equal(10_000);
    expect(retryAfterMs(null, now)).to.equal(undefined);
    expect(retryAfterMs('soon', now)).to.equal(undefined);
  });

  it('never waits less than the backoff, whatever Retry-After says', () => {
    expect(retryDelayMs(0, 0, () => 0.5)).to.equal(375);
    expect(retryDelayMs(2, undefined, () => 0.5)).to.equal(1500);
    expect(retryDelayMs(0, 5000, () => 0.5)).to.equal(5000);
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffMs(0, () => 0)).to.equal(250);
    expect(backoffMs(0, () => 0.999)).to.be.within(499, 500);
    expect(backoffMs(3, () => 0)).to.equal(2000);
    expect(backoffMs(20, () => 0.999)).to.be.at.most(30_000);
  });
});
