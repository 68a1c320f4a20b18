import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, miniProject, removeProject } from './mini-project';
import { check } from './helpers';
import { Workflow } from '../../../src/workflows/workflow';

/** The uuid of the node holding the flow's call_webhook action. */
function webhookNode(workflow: Workflow): string {
  const content = workflow.rapidpro().content as { flows: { nodes: { uuid: string; actions: { type: string }[] }[] }[] };
  const node = content.flows[0].nodes.find((candidate) => candidate.actions.some((action) => action.type === 'call_webhook'));
  if (!node) throw new Error('no webhook node');
  return node.uuid;
}

describe('check: JSON forms against webhook bodies, and flow validation', () => {
  let dir: string;
  afterEach(() => removeProject(dir));

  it('reports a key the flow webhook sends that the JSON form lacks', () => {
    const workflow = demoWorkflow({ flowBody: (body) => body.replace('"answer", ', '"colour", "red", "answer", ') });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      `rapidpro/demo.json:flow "Demo check" node ${webhookNode(workflow)}: the webhook body sends "colour" but JSON form RP_DEMO has no such field — add the field to the response form or remove the key`,
    ]);
  });

  it('suggests the JSON form field a misspelt key was meant to be', () => {
    const workflow = demoWorkflow({ flowBody: (body) => body.replace('"note", ', '"notes", ') });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] }).errors).to.deep.equal([
      `rapidpro/demo.json:flow "Demo check" node ${webhookNode(workflow)}: the webhook body sends "notes" but JSON form RP_DEMO has no such field — did you mean "note"? Rename the key or add the field to the response form`,
    ]);
  });

  it('reports a required JSON form field the webhook does not send', () => {
    const workflow = demoWorkflow({ flowBody: (body) => body.replace(/, "answer", default\(results\.answer\.value, null\)/, '') });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] }).errors).to.deep.equal([
      `rapidpro/demo.json:flow "Demo check" node ${webhookNode(workflow)}: the webhook body does not send required field "answer" of JSON form RP_DEMO — add "answer" to the webhook body (build it from the response form's post)`,
    ]);
  });

  it('reports a webhook to the records API for a form no workflow declares', () => {
    const workflow = demoWorkflow({ flowBody: (body) => body.replace('"form", "RP_DEMO"', '"form", "RP_OTHER"') });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] }).errors).to.deep.equal([
      `rapidpro/demo.json:flow "Demo check" node ${webhookNode(workflow)}: the webhook posts form "RP_OTHER" but no workflow declares that JSON form — declare it with responseForm({ code: "RP_OTHER", … }) or fix the code`,
    ]);
  });

  it('reports a body that is not json(object(…))', () => {
    const workflow = demoWorkflow({ flowBody: () => '@(json(object("_meta", object("form", "RP_DEMO"), "patient_id"' });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] }).errors).to.have.lengthOf(1)
      .and.to.match(/^rapidpro\/demo\.json:flow "Demo check" node [0-9a-f-]+: the webhook body cannot be read: /);
  });

  it('warns about an optional JSON form field no post sends', () => {
    const workflow = demoWorkflow();
    const values = workflow.responseForms[0].posts[0].options.values as Record<string, unknown>;
    delete values.note;
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['webhooks'] })).to.deep.equal({
      errors: [],
      warnings: ['src/workflows/demo.ts:RP_DEMO: field "note" is never sent by any webhook — give it a value in a post or remove it from the response form'],
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
    expect(errors[0]).to.match(/^rapidpro\/demo\.json:flow "Demo check" node [0-9a-f-]+: fails validate-flows: .*00000000-0000-4000-8000-000000000000.* — fix the flow in src\/workflows\/demo\.ts and run npm run build$/);
  });
});
