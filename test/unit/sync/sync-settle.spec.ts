/**
 * `sync` posts only answers a run has settled: runs of our real flows (rapidpro/*.json), built
 * with the flow simulator and caught at every wait — first asks and re-asks alike — are served by
 * the fake RapidPro exactly as runs.json would show them (path, values with the node that saved
 * each, no exit), with flows.json listing which nodes save each result. Whatever sync posts must
 * be what the flow's webhook finally posts under that rp_event_id; what the webhook has already
 * posted must be posted.
 */
import { expect } from 'chai';
import { synthesize } from '../../../src/project/synth';
import type { RapidProRun } from '../../../src/rapidpro/client/types';
import type { FlowDefinition, FlowNode, RapidProExport, SwitchRouter } from '../../../src/rapidpro/flow/types';
import { ScriptedReply, SimulateOptions, SimulationResult, simulateFlow } from '../../../src/rapidpro/simulator';
import { uuidV5 } from '../../../src/rapidpro/uuid';
import type { SyncSource } from '../../../src/sync';
import { syncSources } from '../../../src/workflows/sync-sources';
import { SyncSetup } from '../../support/servers/sync-setup';

const NOW = '2026-01-03T09:00:00.000Z';
const CONTACT = { urn: 'tel:+254700000001', name: 'Amina' };
/** Every flow-start param our pushes send, with plausible values (extra ones are ignored by a flow). */
const PARAMS = {
  language: 'en', cht_contact_id: 'contact-1', chw_id: 'chw-1', enrollment_id: 'enrol-1', quarantine_start: '2026-01-01',
  quarantine_length: 14, chw_phone: '+254700000002', supervisor_phone: '+254700000003', first_check: '2026-01-03', chw_name: 'Amina CHW',
};
const GLOBALS = { cht_url: 'https://cht.example.org', cht_auth: 'Basic [test]' };
/** A reply no case of our flows takes: the flow re-asks. */
const UNCLEAR = 'zzq hmm';

/** The run uuid of the simulated conversations; each run served to sync gets its own in its place. */
const TEMPLATE_RUN = '00000000-0000-4000-8000-000000000000';

interface Stop {
  /** The run simulated up to here, with TEMPLATE_RUN as its uuid. */
  result: SimulationResult;
  /** The wait the run is caught at; undefined once the run has exited. */
  waitingAt?: string;
}

interface FlowUnderTest {
  exported: RapidProExport;
  flow: FlowDefinition;
  /** How the run starts: params, or the contact an enrolment flow left. */
  start: Pick<SimulateOptions, 'contact' | 'params'>;
}

function waits(flow: FlowDefinition): FlowNode[] {
  return (flow.nodes ?? []).filter((node) => (node.router as SwitchRouter | undefined)?.wait);
}

/** A reply the node's first case takes, as a person would type it. */
function validReply(node: FlowNode): string {
  const router = node.router as SwitchRouter;
  const [first] = router.cases;
  const argument = String(first?.arguments[0] ?? 'ok');
  return /^has_number/.test(first?.type ?? '') ? argument : argument.split(/\s+/)[0] || 'ok';
}

function simulate(test: FlowUnderTest, replies: readonly ScriptedReply[]): SimulationResult {
  return simulateFlow(test.exported, test.flow.name, {
    ...test.start, globals: GLOBALS, runUuid: TEMPLATE_RUN, replies, now: NOW,
    webhook: () => ({ status: 200, body: '{"success":true,"id":"x"}' }),
  });
}

/** Where the run waits, per goflow: the last node of its path in this flow. */
function waitingAt(test: FlowUnderTest, result: SimulationResult): string | undefined {
  if (result.status !== 'waiting') return undefined;
  return [...result.path].reverse().find((step) => step.flow === test.flow.name)?.node;
}

/** The conversation that visits every wait: for each question, first a reply that matches nothing (the re-ask), then one that does. */
function stopsAtEveryWait(test: FlowUnderTest): Stop[] {
  const replies: ScriptedReply[] = [];
  const unclearSent = new Set<string>();
  const stops: Stop[] = [];
  for (let turn = 0; turn < 200; turn++) {
    const result = simulate(test, replies);
    const at = waitingAt(test, result);
    stops.push({ result, waitingAt: at });
    if (!at) return stops;
    const node = (test.flow.nodes ?? []).find((n) => n.uuid === at)!;
    const question = (node.router as SwitchRouter).result_name ?? at;
    if (unclearSent.has(question)) {
      replies.push(validReply(node));
    } else {
      unclearSent.add(question);
      replies.push(UNCLEAR);
    }
  }
  throw new Error(`${test.flow.name}: the conversation does not end`);
}

/** The webhook bodies of a simulated run, as run `uuid` sends them. */
function bodies(result: SimulationResult, uuid: string): Record<string, unknown>[] {
  return result.webhooks.map((call) => JSON.parse(call.body.split(TEMPLATE_RUN).join(uuid)) as Record<string, unknown>);
}

/** The run as `GET runs.json` shows it. */
function asRun(test: FlowUnderTest, result: SimulationResult, uuid: string): RapidProRun {
  const time = NOW;
  const status = result.status;
  return {
    uuid,
    flow: { uuid: test.flow.uuid, name: test.flow.name },
    contact: { uuid: uuidV5(`contact/${CONTACT.urn}`), urn: CONTACT.urn, name: CONTACT.name },
    start: null,
    responded: true,
    path: result.path.filter((step) => step.flow === test.flow.name).map((step) => ({ node: step.node, time })),
    values: Object.fromEntries(Object.entries(result.results).map(([key, r]) => [key, { name: r.name, value: r.value, category: r.category, node: r.node, time, input: r.input }])),
    created_on: time,
    modified_on: time,
    exited_on: status === 'waiting' ? null : time,
    exit_type: status === 'waiting' ? null : status,
  };
}

/** The flows that post records, each with how its runs start (an enrolment flow sets the contact up for the check-ins). */
function flowsUnderTest(): FlowUnderTest[] {
  const names = [...new Set(syncSources().map((source) => source.flowName))];
  return names.map((name) => {
    const exported = synthesize().exports.map((e) => e.content).find((e) => e.flows.some((f) => f.name === name))!;
    const flow = exported.flows.find((f) => f.name === name)!;
    const enrolment = exported.flows.find((f) => f.name !== name && /enrol/i.test(f.name));
    if (!enrolment) return { exported, flow, start: { contact: CONTACT, params: PARAMS } };
    const enrolled = simulateFlow(exported, enrolment.name, { contact: CONTACT, params: PARAMS, now: NOW, globals: GLOBALS });
    return { exported, flow, start: { contact: { ...CONTACT, fields: enrolled.contactFields, language: enrolled.contactLanguage, groups: enrolled.groups } } };
  });
}

/** The record fields CHT keeps from a body: the JSON form's fields. */
function stored(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => fields.includes(key)));
}

describe('sync posts only answers a run has settled (our real flows, runs caught at every wait)', function () {
  this.timeout(30_000);
  const setup = new SyncSetup();
  const forms = synthesize().jsonForms;
  let tests: { test: FlowUnderTest; stops: Stop[] }[];
  let allSources: SyncSource[];

  before(() => {
    tests = flowsUnderTest().map((test) => ({ test, stops: stopsAtEveryWait(test) }));
    allSources = syncSources();
  });

  beforeEach(async () => {
    await setup.start(250);
    setup.cht.forms = Object.fromEntries(Object.entries(forms).map(([code, form]) => [code, Object.keys(form.fields)]));
  });
  afterEach(() => setup.stop());

  it('covers the three check-in and quiz flows', () => {
    expect(tests.map((t) => t.test.flow.name)).to.have.length(3);
  });

  for (const withReads of [true, false]) {
    const title = withReads
      ? 'posts exactly the final answer of every settled question, and every answer whose webhook has fired'
      : 'without the results each record reads (a source that does not say), still never posts an unsettled answer';
    it(title, async () => {
      let unsettled = 0;
      let hazards = 0;
      for (const { test, stops } of tests) {
        const caught = new Set(stops.map((stop) => stop.waitingAt).filter(Boolean));
        expect([...caught].sort(), `${test.flow.name}: every wait`).to.deep.equal(waits(test.flow).map((n) => n.uuid).sort());

        setup.rp.addFlowDefinition(test.flow);
        const expected = new Map<string, Record<string, unknown>>();
        const fired = new Set<string>();
        for (const [index, stop] of stops.entries()) {
          const runUuid = uuidV5(`settle/${test.flow.name}/${index}`);
          for (const body of bodies(stops[stops.length - 1].result, runUuid)) expected.set(String(body.rp_event_id), body);
          for (const body of bodies(stop.result, runUuid)) fired.add(String(body.rp_event_id));
          const run = setup.rp.addRun(asRun(test, stop.result, runUuid));
          // The hazard is real: read naively, a run at a re-ask gives a record the webhook will contradict.
          const source = allSources.find((s) => s.flowName === test.flow.name)!;
          for (const record of source.recordsFromRun(run)) {
            const body = expected.get(record.rp_event_id);
            const code = String(record._meta.form);
            if (body && JSON.stringify(stored(record, Object.keys(forms[code].fields))) !== JSON.stringify(stored(body, Object.keys(forms[code].fields)))) hazards++;
          }
        }

        const sources: SyncSource[] = allSources
          .filter((s) => s.flowName === test.flow.name)
          .map((s) => (withReads ? s : { flowName: s.flowName, formCode: s.formCode, recordsFromRun: (r) => s.recordsFromRun(r) }));
        const summary = await setup.run({ sources, settleSeconds: 0, now: () => Date.parse('2026-06-01T00:00:00Z') });
        expect(summary.failed, `${test.flow.name}: ${setup.logs.join('\n')}`).to.equal(0);
        unsettled += summary.unsettled;

        for (const doc of setup.cht.docs.filter((d) => expected.has(String(d.fields.rp_event_id)))) {
          const body = expected.get(String(doc.fields.rp_event_id))!;
          expect(doc.fields, `${test.flow.name}: ${String(doc.fields.rp_event_id)} as the webhook finally posts it`).to.deep.equal(stored(body, Object.keys(forms[doc.form].fields)));
        }
        if (withReads) {
          for (const id of fired) expect(setup.cht.countOf(id), `${test.flow.name}: ${id}, whose webhook has fired, is posted`).to.equal(1);
        }
      }
      expect(hazards, 'runs caught at a re-ask that a naive sync would post wrongly').to.be.greaterThan(0);
      expect(unsettled).to.be.greaterThan(0);
    });
  }
});
