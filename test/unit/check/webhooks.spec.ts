import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

describe('check: record forms against the flows that post them, and flow validation', () => {
  let dir: string;
  afterEach(() => removeProject(dir));

  it('passes when every webhook to CHT is a record post that sends the record\'s fields', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] })).to.deep.equal({ errors: [], warnings: [] });
  });

  it('reports a webhook to the records API written by hand (unchecked, and sync could not recover it)', () => {
    const workflow = demoWorkflow({ handWrittenWebhook: true });
    dir = miniProject(workflow);
    const result = check(dir, { workflows: [workflow], only: ['webhooks'] });
    expect(result.errors).to.deep.equal([
      'src/workflows/demo/flows.ts:flow "Demo check" node post: posts to CHT\'s /api/v2/records with a hand-written body: check cannot match it to a record form and sync cannot recover it — call the webhook with { source: recordPost(<record form>, …) }',
    ]);
    // with its only post gone, nothing posts the record either
    expect(result.warnings).to.deep.equal([
      'src/phone/workflows/demo/model.ts:RP_DEMO: no flow posts this record form — post it from a flow with callWebhook(key, { source: recordPost(rp_demo…) }) or remove it',
    ]);
  });

  it('warns about an optional field no post sends', () => {
    const workflow = demoWorkflow({ withoutNote: true });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] })).to.deep.equal({
      errors: [],
      warnings: ['src/workflows/demo/flows.ts:RP_DEMO: field "note" is never sent by any webhook — give it a value in a post or remove it from the record form in src/phone/workflows/demo/model.ts'],
    });
  });

  it('reports a committed flow that fails validate-flows', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    const file = path.join(dir, 'rapidpro/demo.json');
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { flows: { nodes: { exits: { destination_uuid: string | null }[] }[] }[] };
    exported.flows[0].nodes[0].exits[0].destination_uuid = '00000000-0000-4000-8000-000000000000';
    fs.writeFileSync(file, JSON.stringify(exported));
    const { errors } = check(dir, { workflows: [workflow], only: ['flows'] });
    expect(errors).to.have.lengthOf.at.least(1);
    expect(errors[0]).to.match(/^rapidpro\/demo\.json:flow "Demo check" node [0-9a-f-]+: fails validate-flows: .*00000000-0000-4000-8000-000000000000.* — fix the flow in src\/workflows\/demo\/flows\.ts and run npm run build$/);
  });
});
