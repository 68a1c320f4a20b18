import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from './helpers';
import { demoWorkflow, editXlsx, miniProject, removeProject } from './mini-project';

const ROOT = path.resolve(__dirname, '../../..');

interface Settings {
  roles: Record<string, { name: string; offline: boolean }>;
  permissions: Record<string, string[]>;
  replication_depth: { role: string; depth: number }[];
}

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-deployment-'));
  for (const entry of ['app_settings', 'forms/app']) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

function editSettings(dir: string, edit: (settings: Settings) => void): void {
  const file = path.join(dir, 'app_settings/base_settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Settings;
  edit(settings);
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

const depth = (settings: Settings, role: string, value: number) => {
  settings.replication_depth = [...settings.replication_depth.filter((entry) => entry.role !== role), { role, depth: value }];
};

describe('check: the deployment model in base_settings.json', () => {
  let dir: string;
  beforeEach(() => { dir = copyProject(); });
  afterEach(() => removeProject(dir));

  const errors = () => check(dir, { only: ['deployment'] }).errors;

  it('passes the committed settings', () => {
    expect(errors()).to.deep.equal([]);
  });

  it('reports CHT\'s usual supervisor depth (1): their CHWs\' reports would never reach them', () => {
    editSettings(dir, (settings) => depth(settings, 'chw_supervisor', 1));
    const found = errors();
    expect(found[0]).to.equal('app_settings/base_settings.json:replication_depth: role chw_supervisor replicates to depth 1; its placement needs depth 2 (facility: their supervision area (district_hospital), several with can_have_multiple_places; contact: their person doc directly in (one of) those areas, never inside a CHW area.) — set { "role": "chw_supervisor", "depth": 2 } in replication_depth');
  });

  it('computes what a report depth does to the phones: the traced contacts\' reports no longer reach their CHW', () => {
    editSettings(dir, (settings) => {
      settings.replication_depth = settings.replication_depth.map((entry) => (entry.role === 'chw' ? { ...entry, report_depth: 1 } : entry));
    });
    const found = errors();
    expect(found).to.include('app_settings/base_settings.json:replication_depth: a CHW would not receive RP_SYMPTOMS (it is about sa1-ca1-hh1-p1, a traced contact in their CHW area) — computed with CHT 4.11\'s replication rules on a hierarchy placed as the README says — restore the placement\'s roles and depths (see src/deployment/roles.ts), or change the report design and its audit (src/deployment/audit.ts) together');
    expect(found.every((line) => !line.includes('supervisor'))).to.equal(true);
  });

  it('catches a form that stops naming its subject: CHT then replicates it by its submitter, up to the supervisor', () => {
    editXlsx(path.join(dir, 'forms/app/symptomatic_follow_up.xlsx'), (form) => {
      form.survey = form.survey.filter((row) => row.name !== 'patient_id' && row.name !== 'patient_uuid');
    });
    expect(errors()).to.deep.equal(['app_settings/base_settings.json:replication_depth: a supervisor would receive symptomatic_follow_up (it is about sa1-ca1-hh1-p1, a traced contact: their data stays with their CHW) — computed with CHT 4.11\'s replication rules on a hierarchy placed as the README says — restore the placement\'s roles and depths (see src/deployment/roles.ts), or change the report design and its audit (src/deployment/audit.ts) together']);
  });

  it('reports an integration role that is online, replicates, or holds more than can_create_records', () => {
    editSettings(dir, (settings) => {
      settings.roles.rapidpro_webhook.offline = false;
      settings.permissions.can_view_contacts.push('rapidpro_webhook');
      settings.permissions.can_edit.push('rapidpro_sync');
      settings.replication_depth = settings.replication_depth.filter((entry) => entry.role !== 'rapidpro_webhook');
    });
    expect(errors()).to.deep.equal([
      'app_settings/base_settings.json:roles.rapidpro_webhook: role rapidpro_webhook is online; the placement needs it offline — set "offline": true (an online user reads the whole medic database)',
      'app_settings/base_settings.json:replication_depth: role rapidpro_webhook replicates without a depth limit; its placement needs depth 0 (facility: a place of its own with nothing below it (a top-level district_hospital named e.g. "RapidPro integration"); contact: a person in that place.) — set { "role": "rapidpro_webhook", "depth": 0 } in replication_depth',
      'app_settings/base_settings.json:permissions: integration role rapidpro_webhook has can_view_contacts: more than it needs (can_create_records) — remove "rapidpro_webhook" from can_view_contacts',
      'app_settings/base_settings.json:permissions: integration role rapidpro_sync has can_edit: more than it needs (can_create_records) — remove "rapidpro_sync" from can_edit',
    ]);
  });

  it('reports an integration role that cannot create records', () => {
    editSettings(dir, (settings) => { settings.permissions.can_create_records = settings.permissions.can_create_records.filter((role) => role !== 'rapidpro_webhook'); });
    expect(errors()).to.deep.equal(['app_settings/base_settings.json:permissions: integration role rapidpro_webhook lacks can_create_records: RapidPro\'s flow webhooks (the `cht_auth` workspace global) cannot create records — add "rapidpro_webhook" to can_create_records']);
  });

  it('leaves a project without the workflows\' roles alone', () => {
    const workflow = demoWorkflow();
    const mini = miniProject(workflow);
    try {
      expect(check(mini, { only: ['deployment'], workflows: [workflow] }).errors).to.deep.equal([]);
    } finally {
      removeProject(mini);
    }
  });
});
