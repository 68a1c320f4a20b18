/**
 * A JSON form and the webhooks that fill it must agree key for key: `POST /api/v2/records`
 * drops keys the form lacks and leaves required fields empty when the body does not send them.
 * Checked twice: each declared post's body, and each `call_webhook` action of the generated
 * RapidPro exports (what RapidPro will actually send).
 */
import { JsonForm } from '../../cht/json-form';
import { RapidProExportFile, Workflow } from '../../workflows/workflow';
import { closest } from '../closest';
import { BodyObject, ExpressionError, bodyObject, objectOf } from '../expression';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';

export function checkWebhooks(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  const forms = new Map<string, JsonForm>();
  for (const workflow of project.workflows) {
    const file = project.workflowFile(workflow);
    for (const responseForm of workflow.responseForms) {
      const form = responseForm.jsonForm();
      forms.set(form.meta.code, form);
      const sent = new Set<string>();
      responseForm.posts.forEach((post, index) => {
        const place = `${form.meta.code} post ${post.options.step ? `"${post.options.step}"` : index + 1}`;
        const body = readBody(post.body(), file, place, problems);
        if (!body) return;
        body.keys.forEach((key) => sent.add(key));
        problems.push(...compare(form, body, file, place, 'its webhook body', `the post's values in ${file}`));
      });
      // An optional field no post ever sends is dead weight in the JSON form (or a forgotten value).
      for (const [name, field] of Object.entries(form.fields)) {
        if (!field.required && responseForm.posts.length && !sent.has(name)) {
          problems.push(warning(file, form.meta.code, `field "${name}" is never sent by any webhook`, `give it a value in a post or remove it from the response form`));
        }
      }
    }
  }
  for (const workflow of project.workflows) problems.push(...checkExport(workflow, forms));
  return problems;
}

function readBody(template: string, file: string, place: string, problems: Problem[]): BodyObject | undefined {
  try {
    return bodyObject(template);
  } catch (caught) {
    if (!(caught instanceof ExpressionError)) throw caught;
    problems.push(error(file, place, `the webhook body cannot be read: ${caught.message}`, 'make it @(json(object("_meta", object("form", "<CODE>"), "<field>", <expression>, …)))'));
    return undefined;
  }
}

/** Keys the form lacks, required fields the body does not send, and a `_meta.form` naming the form. */
function compare(form: JsonForm, body: BodyObject, file: string, place: string, what: string, where: string): Problem[] {
  const problems: Problem[] = [];
  const fields = Object.keys(form.fields);
  for (const key of body.keys) {
    if (key === '_meta' || key in form.fields) continue;
    const suggestion = closest(key, fields);
    problems.push(error(file, place, `${what} sends "${key}" but JSON form ${form.meta.code} has no such field`,
      suggestion ? `did you mean "${suggestion}"? Rename the key or add the field to the response form` : 'add the field to the response form or remove the key'));
  }
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.required && !body.keys.includes(name)) {
      problems.push(error(file, place, `${what} does not send required field "${name}" of JSON form ${form.meta.code}`, `add "${name}" to ${where}`));
    }
  }
  return problems;
}

interface WebhookAction {
  flow: string;
  node: string;
  body: string;
  url: string;
}

/** Every call_webhook action posting to CHT's records API in a workflow's RapidPro export. */
function webhookActions(content: unknown): WebhookAction[] {
  const actions: WebhookAction[] = [];
  for (const flow of arrayAt(content, 'flows')) {
    const flowName = stringAt(flow, 'name');
    for (const node of arrayAt(flow, 'nodes')) {
      for (const action of arrayAt(node, 'actions')) {
        if (stringAt(action, 'type') !== 'call_webhook') continue;
        actions.push({ flow: flowName, node: stringAt(node, 'uuid'), body: stringAt(action, 'body'), url: stringAt(action, 'url') });
      }
    }
  }
  return actions;
}

function checkExport(workflow: Workflow, forms: Map<string, JsonForm>): Problem[] {
  const problems: Problem[] = [];
  let exported: RapidProExportFile;
  try {
    exported = workflow.rapidpro();
  } catch (caught) {
    return [error(`rapidpro/${workflow.id}.json`, undefined, `the RapidPro export cannot be generated: ${caught instanceof Error ? caught.message : String(caught)}`, `fix the flow in workflow ${workflow.id}`)];
  }
  const file = `rapidpro/${exported.file}`;
  for (const action of webhookActions(exported.content)) {
    if (!action.url.includes('/api/v2/records')) continue;
    const place = `flow "${action.flow}" node ${action.node}`;
    const body = readBody(action.body, file, place, problems);
    if (!body) continue;
    const meta = body.values.get('_meta');
    let code: string | undefined;
    try {
      const metaForm = meta ? objectOf(meta).values.get('form') : undefined;
      code = metaForm?.kind === 'string' ? metaForm.value : undefined;
    } catch (caught) {
      if (!(caught instanceof ExpressionError)) throw caught;
    }
    if (!code) {
      problems.push(error(file, place, 'the webhook to /api/v2/records has no "_meta" object with a literal "form" code', 'build the body from the response form\'s post (post.webhook())'));
      continue;
    }
    const form = forms.get(code.toUpperCase());
    if (!form) {
      problems.push(error(file, place, `the webhook posts form "${code}" but no workflow declares that JSON form`, `declare it with responseForm({ code: "${code}", … }) or fix the code`));
      continue;
    }
    problems.push(...compare(form, body, file, place, 'the webhook body', 'the webhook body (build it from the response form\'s post)'));
  }
  return problems;
}

function arrayAt(value: unknown, key: string): unknown[] {
  const child = isRecord(value) ? value[key] : undefined;
  return Array.isArray(child) ? child : [];
}

function stringAt(value: unknown, key: string): string {
  const child = isRecord(value) ? value[key] : undefined;
  return typeof child === 'string' ? child : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
