import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { formatProblem, validateExport, validateExportText } from '../../../src/rapidpro/validate';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'flows');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function problemsOf(name: string): string[] {
  return validateExportText(fixture(name), { file: name }).map((problem) => formatProblem(problem));
}

/** A deep copy of the valid fixture, to break one rule at a time. */
function validExport(): { flows: Array<{ nodes: Array<Record<string, unknown>> } & Record<string, unknown>> } & Record<string, unknown> {
  return JSON.parse(fixture('valid-checkin.json'));
}

/** Each fixture RapidPro's import refuses and the one error it must produce. */
const BROKEN: ReadonlyArray<[string, RegExp]> = [
  ['not-json.json', /^not-json\.json: not valid JSON/],
  ['not-an-object.json', /is a JSON object with "version" and "flows", not a list/],
  ['flows-not-array.json', /"flows" must be a list of flows/],
  ['missing-version.json', /has no "version"/],
  ['version-too-new.json', /export version 14 is not one RapidPro imports \(3 to 13\)/],
  ['spec-version-too-new.json', /flow "Daily Check-in": spec_version 15.0.0 is newer than any RapidPro reads/],
  ['invalid-uuid.json', /node not-a-uuid: uuid "not-a-uuid" is not a valid UUID/],
  ['duplicate-uuid.json', /node a2000000-0000-4000-8000-000000000004: action UUID a3000000-0000-4000-8000-000000000001 is already used by action in node a2000000-0000-4000-8000-000000000001/],
  ['unknown-destination.json', /destination f0000000-0000-4000-8000-000000000009 is not a node of this flow/],
  ['category-exit-missing.json', /category "Failure": exit_uuid f0000000-0000-4000-8000-000000000009 is not an exit of this node/],
  ['case-category-missing.json', /case a5000000-0000-4000-8000-000000000002: category f0000000-0000-4000-8000-000000000009 is not a category of this router/],
  ['default-category-missing.json', /default category f0000000-0000-4000-8000-000000000009 is not a category of this router/],
  ['timeout-category-missing.json', /wait timeout category f0000000-0000-4000-8000-000000000009 is not a category of this router/],
  ['result-name-too-long.json', /router result_name "x+\.\.\. must be text of 1 to 64 characters/],
  ['too-many-actions.json', /has 101 actions, at most 100 are allowed/],
  ['no-exits.json', /node a2000000-0000-4000-8000-000000000004: needs at least one exit/],
  ['send-msg-without-text.json', /send_msg: needs a non-empty text/],
  ['webhook-bad-method.json', /call_webhook: method "FETCH" is not one of GET, HEAD, POST, PUT, PATCH, DELETE/],
  ['webhook-without-url.json', /call_webhook: needs a non-empty url/],
  ['unknown-action-type.json', /unknown action type "send_fax"/],
  ['unknown-router-type.json', /unknown router type "lottery"/],
  ['unknown-case-test.json', /unknown case test "has_vibes"/],
  ['action-not-allowed-in-flow-type.json', /action type "call_webhook" is not allowed in a messaging_offline flow/],
  ['wait-in-background-flow.json', /a msg wait is not allowed in a messaging_background flow/],
  ['field-bad-type.json', /field "last_checkin": type "date" is not one of text, number, datetime/],
  ['group-name-too-long.json', /node a2000000-0000-4000-8000-000000000004: add_contact_groups refers to group "Contacts under .*" \(d1000000-0000-4000-8000-000000000009\), which is not in the export's groups and whose name is longer than 64 characters: RapidPro can't create it/],
  ['campaign-group-name-too-long.json', /campaign "Quarantine": group name "Contacts under .*" is longer than 64 characters: RapidPro can't create the group/],
  ['invalid-language.json', /flow "Daily Check-in": language "en" is not an ISO 639-3 code like eng, fra or swa/],
  ['localization-bad-language.json', /localization language "xyz" is not an ISO 639-3 code/],
  ['field-key-reserved.json', /field "urns": key is reserved \(RapidPro reserves has, is, fields, urns, created_on, last_seen_on\): RapidPro refuses the import/],
  ['set-field-key-invalid.json', /set_contact_field uses contact field key "Last-Checkin", which must be lowercase letters, digits and _, starting with a letter: .* use a key like "last_checkin"/],
  ['trigger-flow-missing.json', /trigger "K": starts flow "Elsewhere" .* which is not in this export: RapidPro refuses the import/],
  ['campaign-message-language.json', /campaign "Quarantine": event c2000000-0000-4000-8000-000000000002: message base language "swh" is not one RapidPro lists/],
];

/** Each fixture RapidPro imports while repairing, creating or ignoring something, and the one warning it must produce. */
const TOLERATED: ReadonlyArray<[string, RegExp]> = [
  ['warn-enter-flow-missing.json', /flow "Daily Check-in" node a2000000-0000-4000-8000-000000000004: warning: enter_flow refers to flow "Thanks" \(b1000000-0000-4000-8000-000000000001\), which is not in this export: RapidPro imports it as a missing dependency/],
  ['warn-campaign-flow-missing.json', /campaign "Quarantine": event c2000000-0000-4000-8000-000000000001: starts flow "Daily Check-in" .* RapidPro skips the event/],
  ['warn-campaign-group-missing.json', /campaign "Quarantine": group "Quarantined" is not in the export's groups: RapidPro uses the workspace's group of that name or creates an empty one/],
  ['warn-campaign-field-not-datetime.json', /relative to field "quarantine_start", which the export declares as text: RapidPro converts it to datetime/],
  ['warn-localization-unknown-uuid.json', /warning: localization fra: 1 entry is for no action, case or category of this flow \(f0000000-0000-4000-8000-000000000009\); the engine ignores them/],
  ['warn-legacy-bad-destination.json', /flow "Legacy Favorites" node e2000000-0000-4000-8000-000000000001: warning: destination "f0000000-0000-4000-8000-000000000009" is not a node of this flow: the import drops it/],
  ['warn-result-name-truncated.json', /warning: router result_name "x+\.\.\. is longer than 64 bytes: the import truncates it/],
  ['warn-case-uuid-reused.json', /node a2000000-0000-4000-8000-000000000003: warning: case UUID a5000000-0000-4000-8000-000000000001 is also the UUID of a case in node a2000000-0000-4000-8000-000000000002/],
  ['warn-expire-reset.json', /flow "Daily Check-in": warning: expire_after_minutes 7200 becomes 4320 on import; a messaging flow can expire after 5, 10, .*, 20160 minutes/],
  ['warn-group-name-cleaned.json', /warning: group "Contacts under .*": RapidPro renames it to "Contacts under daily symptom monitoring after a confirmed exposu" \(is longer than 64 characters\)/],
  ['warn-base-language.json', /flow "Daily Check-in": warning: language "base" becomes "und" \(undetermined\) on import/],
  ['warn-field-created.json', /warning: set_contact_field uses contact field "last_checkin", which is not in the export's fields: RapidPro creates it as a text field/],
  ['warn-scheduled-trigger.json', /warning: trigger "S": is a scheduled trigger: RapidPro skips it on import/],
];

describe('rapidpro validateExport', () => {
  it('accepts a valid 13.1 export and a valid legacy 11.12 export', () => {
    expect(problemsOf('valid-checkin.json')).to.deep.equal([]);
    expect(problemsOf('valid-legacy-11.json')).to.deep.equal([]);
  });

  it('has a fixture for every rule, and every fixture is covered', () => {
    const files = fs.readdirSync(FIXTURES).filter((file) => !file.startsWith('valid-'));
    expect(files.sort()).to.deep.equal([...BROKEN, ...TOLERATED].map(([file]) => file).sort());
  });

  for (const [file, expected] of BROKEN) {
    it(`reports exactly one error for ${file}`, () => {
      const problems = validateExportText(fixture(file), { file });
      const lines = problems.map((problem) => formatProblem(problem));
      expect(lines, lines.join('\n')).to.have.length(1);
      expect(problems[0].severity).to.equal('error');
      expect(lines[0]).to.match(expected);
      expect(lines[0].startsWith(`${file}: `)).to.equal(true);
    });
  }

  for (const [file, expected] of TOLERATED) {
    it(`reports exactly one warning and no error for ${file}`, () => {
      const problems = validateExportText(fixture(file), { file });
      const lines = problems.map((problem) => formatProblem(problem));
      expect(lines, lines.join('\n')).to.have.length(1);
      expect(problems[0].severity).to.equal('warning');
      expect(lines[0]).to.match(expected);
    });
  }

  it('enforces the node limit', () => {
    const exported = validExport();
    const [flow] = exported.flows;
    const last = flow.nodes[3];
    for (let i = 0; i < 996; i++) {
      const suffix = String(i).padStart(12, '0');
      flow.nodes.push({ uuid: `f2000000-0000-4000-8000-${suffix}`, actions: [], exits: [{ uuid: `f4000000-0000-4000-8000-${suffix}` }] });
    }
    expect(validateExport(exported)).to.deep.equal([]);
    flow.nodes.push({ ...last, uuid: 'f2000000-0000-4000-8000-100000000000', actions: [], exits: [{ uuid: 'f4000000-0000-4000-8000-100000000000' }] });
    expect(validateExport(exported).map((p) => p.message)).to.deep.equal(['has 1001 nodes, at most 1000 are allowed']);
  });

  it('enforces the per-router limits on exits, categories and cases', () => {
    const exported = validExport();
    const wait = exported.flows[0].nodes[1] as { router: { cases: unknown[]; categories: unknown[] }; exits: unknown[] };
    for (let i = 0; i < 100; i++) {
      const suffix = String(i).padStart(12, '0');
      wait.exits.push({ uuid: `f4000000-0000-4000-8000-${suffix}` });
      wait.router.categories.push({ uuid: `f6000000-0000-4000-8000-${suffix}`, name: `C${i}`, exit_uuid: `f4000000-0000-4000-8000-${suffix}` });
      wait.router.cases.push({ uuid: `f5000000-0000-4000-8000-${suffix}`, type: 'has_text', arguments: [], category_uuid: `f6000000-0000-4000-8000-${suffix}` });
    }
    const messages = validateExport(exported).map((p) => p.message);
    expect(messages).to.include.members([
      'has 104 exits, at most 100 are allowed',
      'router has 104 categories, at most 100 are allowed',
      'switch has 102 cases, at most 100 are allowed',
    ]);
  });

  it('checks required fields of actions it knows', () => {
    const exported = validExport();
    exported.flows[0].nodes[3].actions = [
      { uuid: 'f3000000-0000-4000-8000-000000000001', type: 'set_run_result', value: 'x' },
      { uuid: 'f3000000-0000-4000-8000-000000000002', type: 'add_contact_groups', groups: [{ name: 'no uuid' }] },
      { uuid: 'f3000000-0000-4000-8000-000000000003', type: 'set_contact_field', value: 'x' },
      { uuid: 'f3000000-0000-4000-8000-000000000004', type: 'enter_flow', flow: { name: 'x' } },
    ];
    const messages = validateExport(exported).map((p) => p.message);
    expect(messages).to.deep.equal([
      'action f3000000-0000-4000-8000-000000000001: set_run_result: needs a name',
      'action f3000000-0000-4000-8000-000000000002: add_contact_groups: group {"name":"no uuid"} needs either a uuid or a name_match',
      'action f3000000-0000-4000-8000-000000000003: set_contact_field: needs a field with a key',
      'action f3000000-0000-4000-8000-000000000004: enter_flow: needs a flow with a valid uuid (got {"name":"x"})',
    ]);
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [null, 42, 'text', [], {}, { version: '13', flows: [null, 1, 'x', [], { spec_version: '13.1.0', nodes: [null, { exits: 'no' }] }] }];
    for (const input of inputs) expect(() => validateExport(input)).to.not.throw();
    expect(validateExport(null)).to.have.length(1);
    expect(validateExport({ version: '13', flows: [{ name: 'No format' }] }).map((p) => formatProblem(p))).to.deep.equal([
      'flow "No format": is not a flow definition: it has neither a spec_version nor action_sets/rule_sets',
    ]);
  });

  it('warns that exports older than version 11 are imported by RapidPro but not checked, and refuses versions before 3', () => {
    const old = validateExport({ version: '7', flows: [] });
    expect(old.map((p) => p.severity)).to.deep.equal(['warning']);
    expect(old[0].message).to.match(/^export version 7 predates 11: RapidPro imports it through its legacy migrations, which this validator does not reproduce/);
    expect(validateExport({ version: '2', flows: [] }).map((p) => [p.severity, p.message])).to.deep.equal([['error', 'export version 2 is not one RapidPro imports (3 to 13)']]);
  });

  it('formats problems as FILE: flow "Name" node <uuid>: message', () => {
    expect(formatProblem({ severity: 'error', file: 'a.json', flow: 'F', node: 'n1', message: 'bad' })).to.equal('a.json: flow "F" node n1: bad');
    expect(formatProblem({ severity: 'error', file: 'a.json', message: 'bad' })).to.equal('a.json: bad');
    expect(formatProblem({ severity: 'error', flow: 'F', message: 'bad' })).to.equal('flow "F": bad');
    expect(formatProblem({ severity: 'error', message: 'bad' })).to.equal('bad');
    expect(formatProblem({ severity: 'warning', file: 'a.json', flow: 'F', message: 'odd' })).to.equal('a.json: flow "F": warning: odd');
  });
});
