import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { apiAccess } from '../../../src/deployment/api-access';
import { contactDocs, phones } from '../../../src/deployment/audit';
import { buildHierarchy } from '../../../src/deployment/hierarchy';
import { compilePurgeFn } from '../../../src/deployment/purge-run';
import { Doc, DocIndex, ReplicationSettings, allowedDocIds, isOffline } from '../../../src/deployment/replication';
import { INTEGRATION_CREDENTIALS, PLACEMENTS, ROLES } from '../../../src/deployment/roles';
import { REPO_ROOT } from '../../support/harness';

/** What CHT receives. */
const settings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'app_settings.json'), 'utf8')) as ReplicationSettings & { purge: { fn: string } };
const WEBHOOK = [ROLES.webhook];
// CHT adds mm-online to a user whose roles are all online (user-management `users.js`)
const SYNC = [ROLES.sync, 'mm-online'];

describe('deployment: what each integration credential can do on CHT 4.11', () => {
  it('has exactly the permissions its README line states, and the placement\'s online or offline role', () => {
    for (const credential of INTEGRATION_CREDENTIALS) {
      const granted = Object.entries(settings.permissions ?? {}).filter(([, roles]) => roles.includes(credential.role)).map(([permission]) => permission);
      expect(granted, credential.role).to.deep.equal([...credential.permissions]);
      const placement = PLACEMENTS.find((candidate) => candidate.role === credential.role);
      expect(isOffline(settings, [credential.role]), credential.role).to.equal(placement?.offline);
    }
  });

  it('the webhook user creates records, and cannot query the database', () => {
    expect(apiAccess(settings, WEBHOOK, 'POST', '/api/v2/records')).to.deep.equal({ allowed: true, scope: 'creates a report' });
    for (const [method, route] of [['POST', '/medic/_find'], ['GET', '/medic/_design/medic-client/_view/contacts_by_phone'], ['POST', '/medic/_explain'], ['GET', '/medic/_security']] as const) {
      expect(apiAccess(settings, WEBHOOK, method, route), route).to.deep.equal({ allowed: false, status: 403, error: 'Offline users are not allowed access to this endpoint' });
    }
    for (const [method, route] of [['GET', '/medic/_all_docs'], ['GET', '/medic/_changes'], ['POST', '/medic/_bulk_get'], ['GET', '/medic/some-report'], ['POST', '/medic/_bulk_docs']] as const) {
      expect(apiAccess(settings, WEBHOOK, method, route), route).to.deep.equal({ allowed: true, scope: 'replicated' });
    }
  });

  it('what replicates to the webhook user, placed alone in its own place, is nothing: it reads no contact, report or message, and may write none about anyone', () => {
    const hierarchy = buildHierarchy({ areas: [[2, 1], [1]], membersPerHousehold: 2, tracedPerHousehold: 1 });
    const docs = contactDocs(hierarchy).map((entry) => entry.doc);
    const held = phones(settings, hierarchy, docs, compilePurgeFn(settings.purge.fn)).get(hierarchy.integration.user) as Set<string>;
    expect([...held]).to.deep.equal(['org.couchdb.user:rapidpro']);
    // a write is allowed only for a doc that would replicate to it: a report about a traced contact is not
    const traced = hierarchy.chws[0].households[0].traced[0];
    const forged: Doc = { _id: 'forged', type: 'data_record', form: 'RP_SYMPTOMS', fields: { patient_id: traced._id }, contact: { _id: hierarchy.integration.person._id } };
    expect(allowedDocIds(settings, new DocIndex([...hierarchy.docs, ...docs, forged]), hierarchy.integration.user).has('forged')).to.equal(false);
  });

  it('the sync user creates records and reads every document (it needs _find), but cannot write one', () => {
    expect(apiAccess(settings, SYNC, 'POST', '/api/v2/records')).to.deep.equal({ allowed: true, scope: 'creates a report' });
    expect(apiAccess(settings, SYNC, 'POST', '/medic/_find')).to.deep.equal({ allowed: true, scope: 'all' });
    expect(apiAccess(settings, SYNC, 'GET', '/medic/some-report')).to.deep.equal({ allowed: true, scope: 'all' });
    for (const [method, route] of [['PUT', '/medic/some-report'], ['POST', '/medic/_bulk_docs'], ['DELETE', '/medic/some-report'], ['POST', '/medic/']] as const) {
      expect(apiAccess(settings, SYNC, method, route), `${method} ${route}`).to.deep.equal({ allowed: false, status: 500, error: 'Server error' });
    }
  });

  it('a role without can_create_records is refused by the records API', () => {
    expect(apiAccess({ ...settings, permissions: { ...settings.permissions, can_create_records: [] } }, WEBHOOK, 'POST', '/api/v2/records')).to.deep.equal({ allowed: false, status: 403, error: 'Insufficient privileges' });
    // the webhook user made online would read everything: why it is offline
    const online: ReplicationSettings = { ...settings, roles: { ...settings.roles, [ROLES.webhook]: { offline: false } } };
    expect(apiAccess(online, WEBHOOK, 'POST', '/medic/_find')).to.deep.equal({ allowed: true, scope: 'all' });
  });
});
