import { expect } from 'chai';
import * as path from 'path';
import { CommandIO } from '../../../src/cli/command';
import { main } from '../../../src/cli';
import { DEFAULT_URN } from '../../../src/cli/commands/run-flow';

const ROOT = path.join(__dirname, '..', '..', '..');
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'flows', name);
const ours = (name: string) => path.join(ROOT, 'rapidpro', name);
const NOW = ['--now', '2026-05-01T09:00:00Z'];
const GLOBALS = ['--globals', JSON.stringify({ cht_url: 'https://cht.example.org', cht_auth: 'Basic dXNlcjpwYXNz' })];

async function runFlow(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (line) => out.push(line), err: (line) => err.push(line), projectDir: ROOT, env: {}, isTTY: false };
  const code = await main(['run-flow', ...args], io);
  return { code, out, err };
}

describe('cht-rapidpro run-flow', () => {
  it('runs the first flow for the contact RapidPro creates from a URN alone: no name, no language', async () => {
    const { code, out, err } = await runFlow(ours('contact-tracing.json'), ...NOW, '--params', JSON.stringify({ cht_contact_id: 'c-1', quarantine_start: '2026-04-28', quarantine_length: 14 }));
    expect(code).to.equal(0);
    expect(err).to.deep.equal([]);
    expect(out[0]).to.equal(`contact: ${DEFAULT_URN}, name (none), language (unset)`);
    expect(out[1]).to.equal('▶ flow "Quarantine Enrolment" started');
    expect(out).to.include('✎ contact field cht_contact_id = "c-1"');
    expect(out).to.include('+ group "Quarantine"');
    // what production sends a contact without a name
    expect(out.find((line) => line.startsWith('→ message to tel:+12065551212 [eng]: Hello '))).to.be.a('string');
    expect(out[out.length - 1]).to.equal('run of "Quarantine Enrolment" completed');
  });

  it('consumes replies in order at each wait, takes the timeout category on --timeout, and shows the webhook it would call', async () => {
    const contact = { name: 'Amina', language: 'swa', urns: ['tel:+254700000001'], fields: { quarantine_start: '2026-04-28', quarantine_length: 14, chw_phone: '+254700000002' } };
    const { code, out } = await runFlow(ours('contact-tracing.json'), '--flow', 'Quarantine Daily Check-in', '--contact', JSON.stringify(contact), ...GLOBALS, ...NOW, '--reply', 'ndiyo', '--reply', 'hapana', '--timeout');
    expect(code).to.equal(0);
    expect(out[0]).to.equal('contact: tel:+254700000001, name "Amina", language swa');
    const results = out.filter((line) => line.startsWith('✎ result'));
    expect(results).to.include.members(['✎ result "fever" = "ndiyo" (category Yes)', '✎ result "cough" = "hapana" (category No)', '✎ result "breathing" = "" (category No Response)']);
    expect(out).to.include('⏱ the wait times out (no reply)');
    expect(out.some((line) => line.startsWith('→ broadcast to tel:+254700000002: COVID-19 ALERT: Amina'))).to.equal(true);
    const webhook = out.findIndex((line) => line.startsWith('⇢ webhook POST https://cht.example.org/api/v2/records'));
    expect(out[webhook]).to.match(/\(not performed; treated as answering 200 \{\}\)$/);
    expect(out.slice(webhook, webhook + 5)).to.include('  Authorization: Basic ••••••');
    expect(out.join('\n')).to.not.include('dXNlcjpwYXNz');
    expect(out[out.length - 1]).to.equal('run of "Quarantine Daily Check-in" completed');
  });

  it('stops and says the run is waiting when the replies run out (exit 0); --expire expires it', async () => {
    const waiting = await runFlow(fixture('valid-checkin.json'), ...NOW);
    expect(waiting.code).to.equal(0);
    expect(waiting.out).to.include('… waits for a reply (times out after 6 hours)');
    expect(waiting.out[waiting.out.length - 1]).to.equal('run of "Daily Check-in" is waiting for a reply (give --reply TEXT, --timeout or --expire to go on)');
    const expired = await runFlow(fixture('valid-checkin.json'), ...NOW, '--expire', '--reply', 'late');
    expect(expired.out).to.include('⏱ the run expires');
    expect(expired.out[expired.out.length - 1]).to.equal('run of "Daily Check-in" expired; 1 scripted step left unused');
  });

  it('--lang picks the translation; a configured webhook status routes to Failure; subflows run', async () => {
    const { out } = await runFlow(fixture('valid-checkin.json'), '--lang', 'fra', '--webhook-status', '503', '--webhook-body', '{"error":"down"}', ...GLOBALS, ...NOW, '--reply', 'oui');
    expect(out).to.include('→ message to tel:+12065551212 [fra]: Avez-vous de la fièvre ?');
    expect(out).to.include('  quick replies: Oui | Non');
    expect(out).to.include('⇢ webhook POST https://cht.example.org/api/v2/records (not performed; treated as answering 503 {"error":"down"})');
    expect(out).to.include('✎ result "CHT Post" = "503" (category Failure)');
    const good = await runFlow(fixture('valid-checkin.json'), ...GLOBALS, ...NOW, '--reply', 'yes');
    expect(good.out.slice(-4)).to.deep.equal(['→ message to tel:+12065551212 [eng]: Thank you', '■ flow "Thanks" completed', '■ flow "Daily Check-in" completed', 'run of "Daily Check-in" completed']);
    expect(good.out).to.include('▶ flow "Thanks" started (from "Daily Check-in")');
  });

  it('--json prints one event per line, the webhook masked and marked not performed, then how the session ended', async () => {
    const { code, out } = await runFlow(fixture('valid-checkin.json'), '--json', ...GLOBALS, ...NOW, '--reply', 'yes');
    expect(code).to.equal(0);
    const events = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.type)).to.deep.equal([
      'run_started',
      'msg_created',
      'msg_wait',
      'msg_received',
      'run_result_changed',
      'webhook_called',
      'run_result_changed',
      'contact_field_changed',
      'run_started',
      'msg_created',
      'run_ended',
      'run_ended',
      'session_ended',
    ]);
    expect(events[1]).to.deep.equal({ type: 'msg_created', to: 'tel:+12065551212', text: 'Do you have fever?', quick_replies: ['Yes', 'No'], language: 'eng' });
    expect(events[5]).to.deep.include({ type: 'webhook_called', method: 'POST', url: 'https://cht.example.org/api/v2/records', body: '{"fever":"Yes"}', status: 200, performed: false });
    expect(events[5].headers).to.deep.equal({ 'Content-Type': 'application/json', Authorization: 'Basic ••••••' });
    expect(events[5].response).to.deep.equal({ status: 200, body: '{}' });
    expect(events[12]).to.deep.include({ type: 'session_ended', flow: 'Daily Check-in', status: 'completed', unused_steps: 0 });
    expect((events[12].contact as Record<string, unknown>).fields).to.deep.equal({ last_checkin: '2026-05-01', quarantine_start: null });
  });

  it('refuses bad flags, JSON and files with one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /give the RapidPro export to run/],
      [[fixture('valid-checkin.json'), fixture('valid-legacy-11.json')], /unexpected argument ".*": run-flow takes one export file/],
      [[fixture('valid-checkin.json'), '--flow', 'Nope'], /valid-checkin\.json: no flow named "Nope" \(flows: "Daily Check-in", "Thanks"\)/],
      [[fixture('valid-checkin.json'), '--contact', '{"name":'], /--contact is not valid JSON/],
      [[fixture('valid-checkin.json'), '--contact', '{"nickname":"x"}'], /--contact: unknown key "nickname" \(keys: name, language, urns, fields, groups\)/],
      [[fixture('valid-checkin.json'), '--contact', '{"urns":["0700000001"]}'], /--contact: urns must be a non-empty list of URNs/],
      [[fixture('valid-checkin.json'), '--params', '[1]'], /--params must be a JSON object/],
      [[fixture('valid-checkin.json'), '--lang', 'french'], /--lang "french" is not an ISO 639-3 code/],
      [[fixture('valid-checkin.json'), '--webhook-status', 'ok'], /--webhook-status "ok" is not an HTTP status code/],
      [[fixture('valid-checkin.json'), '--now', 'tomorrow'], /--now "tomorrow" is not a date and time/],
      [[fixture('valid-checkin.json'), '--replies', 'x'], /unknown option --replies/],
      [[fixture('valid-checkin.json'), '--reply'], /--reply needs a value/],
      [[fixture('missing.json')], /missing\.json: cannot read the file/],
      [[fixture('not-json.json')], /not-json\.json: not valid JSON/],
      [[fixture('group-name-too-long.json')], /group-name-too-long\.json: RapidPro would refuse this export: flow "Daily Check-in" node .*: add_contact_groups refers to group/],
    ];
    for (const [args, expected] of cases) {
      const { code, out, err } = await runFlow(...args);
      expect(code, args.join(' ')).to.equal(2);
      expect(out).to.deep.equal([]);
      expect(err, args.join(' ')).to.have.length(1);
      expect(err[0]).to.match(/^cht-rapidpro run-flow: /);
      expect(err[0]).to.match(expected);
    }
  });

  it('runs every flow of our own exports to a wait or the end', async () => {
    for (const file of ['contact-tracing.json', 'remote-training.json', 'chw-wellbeing.json']) {
      const exported = (await import(ours(file))) as { flows: Array<{ name: string }> };
      for (const flow of exported.flows) {
        const { code, out, err } = await runFlow(ours(file), '--flow', flow.name, ...GLOBALS, ...NOW, '--reply', '1');
        expect(code, `${file} ${flow.name}: ${err.join(' ')}`).to.equal(0);
        expect(out[out.length - 1]).to.match(new RegExp(`^run of "${flow.name.replace(/[()]/g, '\\$&')}" (completed|is waiting|failed)`));
      }
    }
  });
});
