// check:allow-secrets-in-file: fake RapidPro tokens for the deploy tests.
/**
 * A small project for the deploy tests: base settings with CHT's SMS gateway on RapidPro, a
 * generated settings.inherit.json (one flow-start push per flow), the compiled app_settings.json
 * that `build` would commit (with stand-in rules), one app form, one contact form, translations.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthOptions } from '../../../src/project/synth';
import { DeployPush, DeployedFlow } from '../../../src/deploy';

export const EXPORTED_UUID = '11111111-1111-4111-8111-111111111111';
export const FLOWS: DeployedFlow[] = [
  { name: 'Quarantine symptom check', exportFile: 'rapidpro/contact-tracing.json' },
  { name: 'ANC training', exportFile: 'rapidpro/remote-training.json' },
];
export const PUSH_KEY = 'rapidpro:api';

/** Compiled code as cht-conf would commit it: deploy must upload these bytes unchanged. */
export const RULES = 'var tasks=[];/* \u00e9\u4e2d "quoted" \\ backslash */module.exports=tasks;';
export const SUMMARY = 'var s={fields:[]};return s;/* line\nbreak */';

/** Stands in for the workflows' synthesis: one flow-start push per flow. */
export function synthesize(options: SynthOptions): { pushes: DeployPush[] } {
  const push = (name: string, flow: string): DeployPush => {
    const uuid = options.flowUuids?.[flow] ?? EXPORTED_UUID;
    const baseUrl = options.rapidproUrl ?? 'https://rapidpro.example.org';
    return {
      name,
      flow: { name: flow, uuid },
      credentialKey: PUSH_KEY,
      baseUrl,
      config: {
        relevant_to: "doc.type === 'data_record'",
        destination: { base_url: baseUrl, path: '/api/v2/flow_starts.json', auth: { type: 'header', name: 'Authorization', value_key: PUSH_KEY } },
        mapping: { flow: { expr: `'${uuid}'` }, urns: { expr: "['tel:' + doc.fields.phone]" } },
      },
    };
  };
  return { pushes: [push('rapidpro_quarantine_start', FLOWS[0].name), push('rapidpro_training_start', FLOWS[1].name)] };
}

export const BASE_SETTINGS = {
  locale: 'en',
  contact_types: [{ id: 'person', person: true }],
  permissions: { can_create_records: ['rapidpro_webhook'] },
  outbound: {},
  sms: { outgoing_service: 'rapidpro', rapidpro: { url: 'https://rapidpro.example.org' } },
};

export const APP_FORM_XML = '<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:head><h:title>Demo</h:title><model><instance><demo id="demo"/></instance></model></h:head></h:html>\n';
export const PERSON_XML = '<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:head><h:title>New person</h:title><model><instance><data id="contact:person:create"/></instance></model></h:head></h:html>\n';

/** Writes the project to a new temporary folder and returns it. */
export function deployProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-project-'));
  const write = (relative: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  };
  write('package.json', '{"dependencies": {"cht-conf": "^6.6.1"}}\n');
  write('app_settings/base_settings.json', JSON.stringify(BASE_SETTINGS, null, 2));
  write('app_settings/forms.json', '{}\n');
  // what `build` writes and cht-conf compiles: the pushes with the exported flow UUIDs
  const { pushes } = synthesize({});
  const replace = Object.fromEntries(pushes.map((push) => [`outbound.${push.name}`, push.config]));
  write('settings.inherit.json', JSON.stringify({ inherit: '.', delete: [], merge: {}, filter: {}, replace }, null, 2));
  const compiled: Record<string, unknown> = {
    ...BASE_SETTINGS, forms: {}, contact_summary: SUMMARY, tasks: { rules: RULES, isDeclarative: true, targets: { items: [] } }, purge: {},
    outbound: Object.fromEntries(pushes.map((push) => [push.name, push.config])),
  };
  write('app_settings.json', JSON.stringify(compiled, null, 4));
  write('forms/app/demo.xml', APP_FORM_XML);
  write('forms/app/demo.xlsx', 'not uploaded');
  write('forms/contact/person-create.xml', PERSON_XML);
  write('translations/messages-en.properties', 'demo.title = Demo\nlogin.hint = Line one\\nline two\n');
  write('translations/messages-fr.properties', 'demo.title = Démo\n');
  write('src/index.ts', 'export {};\n');
  return dir;
}
