// check:allow-secrets-in-file: fake credentials and tokens, to test masking.
import { expect } from 'chai';
import { MIN_MASKED_SECRET_LENGTH, redactText } from '../../../src/util/redact';
import { ChtClient, ChtError, chtConnection } from '../../../src/cht/api';
import { FakeCht } from '../../support/servers/fake-cht';

describe('redactText: masking by exact value and URL position only', () => {
  it('masks the password of URL userinfo, keeping the user, whatever the password', () => {
    expect(redactText('GET https://gw:gw@cht.example.org/api failed')).to.equal('GET https://gw:[redacted]@cht.example.org/api failed');
    // An unencoded @ in the password: masked whole, not cut at the first @.
    expect(redactText('url http://admin:p@ss@host:5988/medic')).to.equal('url http://admin:[redacted]@host:5988/medic');
    expect(redactText('http://127.0.0.1:5988/medic has no userinfo')).to.equal('http://127.0.0.1:5988/medic has no userinfo');
  });

  it('does not mask a short password or one equal to the user name by value: messages stay readable', () => {
    expect(redactText('user "gw" lacks the permission', ['gw'], { publicValues: ['gw'] })).to.equal('user "gw" lacks the permission');
    // A one-letter password would otherwise garble every message.
    expect(redactText('CHT answered a 403', ['a'])).to.equal('CHT answered a 403');
    expect('pass'.length).to.be.below(MIN_MASKED_SECRET_LENGTH);
    expect(redactText('password incorrect, pass it again', ['pass'])).to.equal('password incorrect, pass it again');
    const same = 'administrator-2024';
    expect(redactText(`user "${same}" lacks the permission`, [same], { publicValues: [same] })).to.contain(`user "${same}"`);
  });

  it('masks a long secret by exact value where it stands as a whole token, never inside another word', () => {
    const secret = 'S3cret-Pass!';
    expect(redactText(`body echoed "${secret}" back`, [secret])).to.equal('body echoed "[redacted]" back');
    expect(redactText(`token rp-secret-token-0123456789abcdef, again rp-secret-token-0123456789abcdef.`, ['rp-secret-token-0123456789abcdef']))
      .to.equal('token [redacted], again [redacted].');
    expect(redactText('xhunter2024yy stays', ['hunter2024'])).to.equal('xhunter2024yy stays');
    expect(redactText('hunter2024 goes', ['hunter2024'])).to.equal('[redacted] goes');
  });

  it('masks Authorization scheme values and phone numbers by position', () => {
    expect(redactText('Authorization: Token 0123456789abcdef0123')).to.equal('Authorization: Token [redacted]');
    expect(redactText('to +254712345678')).to.equal('to +2547•••••678');
  });

  describe('in CHT client errors (over HTTP)', () => {
    let cht: FakeCht;
    before(async () => { cht = await new FakeCht().start(); });
    after(() => cht.stop());

    it('a user gw with password gw is named in a 403, not "[redacted]"', async () => {
      cht.users.gw = { password: 'gw', admin: false };
      const url = new URL(cht.origin);
      url.username = 'gw';
      url.password = 'gw';
      const client = new ChtClient(chtConnection(url.href, {}));
      let error: unknown;
      try {
        await client.setCredential('rapidpro:api', 'Token x');
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ChtError);
      expect((error as Error).message).to.contain('user "gw" lacks the permission').and.not.to.contain('[redacted]');
    });
  });
});
