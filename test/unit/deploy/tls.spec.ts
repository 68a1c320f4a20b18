// check:allow-secrets-in-file: a fake CHT password for the local test server.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { chtConnection } from '../../../src/cht/api';
import { ChtAdmin, ChtAdminError } from '../../../src/deploy';

// A CHT behind a self-signed certificate, on 127.0.0.1: verified unless the admin says --insecure-tls.
describe('deploy: TLS to CHT', () => {
  let server: https.Server | undefined;
  let origin = '';
  let dir = '';

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-tls-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (made.status !== 0) this.skip();
  });
  beforeEach(async function () {
    if (!fs.existsSync(path.join(dir, 'cert.pem'))) this.skip();
    server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, userCtx: { name: 'admin', roles: ['_admin'] } }));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const admin = (insecureTls: boolean): ChtAdmin => new ChtAdmin(chtConnection(origin, { CHT_USERNAME: 'admin', CHT_PASSWORD: 'tls-test-pass' }), { insecureTls });

  it('refuses an untrusted certificate, naming the flag that would accept it', async () => {
    let error: unknown;
    try {
      await admin(false).session();
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ChtAdminError);
    expect((error as Error).message).to.match(/is unreachable \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\) — CHT's TLS certificate is not trusted; .*--insecure-tls/);
  });

  it('accepts it with --insecure-tls, for this client only (the process-wide setting is untouched)', async () => {
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    expect(await admin(true).session()).to.deep.equal({ name: 'admin', roles: ['_admin'] });
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).to.equal(before);
    // A client without the flag still refuses it afterwards.
    let refused = false;
    try {
      await admin(false).session();
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });
});
