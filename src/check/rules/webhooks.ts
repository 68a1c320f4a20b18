/**
 * A record form and the webhooks that fill it must agree key for key: `POST /api/v2/records`
 * drops keys the JSON form lacks and leaves required fields empty when the body does not send
 * them. Read from the flows themselves: each webhook node keeps the record post it calls, so the
 * keys it sends are known without parsing its body.
 * - every post sends every required field (the types already insist; this catches casts);
 * - an optional field no post sends is dead weight (or a forgotten value): a warning;
 * - a record form no flow posts never reaches CHT: a warning;
 * - a webhook to CHT's records API that is not a record post is unchecked and unsynced: an error.
 */
import { RecordFieldSpec } from '../../phone/kit/record';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';

export function checkWebhooks(project: CheckProject): Problem[] {
  const assembly = project.assembly;
  if (!assembly) return [];
  const problems: Problem[] = [];
  for (const workflow of project.workflows) {
    const file = `src/workflows/${workflow.id}/flows.ts`;
    for (const record of workflow.rules.records) {
      const posts = assembly.recordSources.filter((source) => source.record === record).flatMap((source) => source.posts);
      if (posts.length === 0) {
        problems.push(warning(project.modelFile(workflow), record.code, 'no flow posts this record form', `post it from a flow with callWebhook(key, { source: recordPost(${record.code.toLowerCase()}…) }) or remove it`));
        continue;
      }
      const fields = record.allFields as Record<string, RecordFieldSpec>;
      const sent = new Set<string>();
      for (const post of posts) {
        const keys = ['patient_id', 'rp_event_id', ...Object.keys(post.options.values)];
        keys.forEach((key) => sent.add(key));
        const place = `${record.code} post ${post.options.step ? `"${post.options.step}"` : ''}`.trim();
        for (const key of keys) {
          if (!(key in fields)) problems.push(error(file, place, `sends "${key}" but record form ${record.code} has no such field`, `add the field in ${project.modelFile(workflow)} or remove the value`));
        }
        for (const [name, spec] of Object.entries(fields)) {
          if (spec.required && !keys.includes(name)) problems.push(error(file, place, `does not send required field "${name}" of ${record.code}`, `give "${name}" a value in the post`));
        }
      }
      for (const [name, spec] of Object.entries(fields)) {
        if (!spec.required && !sent.has(name)) {
          problems.push(warning(file, record.code, `field "${name}" is never sent by any webhook`, `give it a value in a post or remove it from the record form in ${project.modelFile(workflow)}`));
        }
      }
    }
    for (const flow of workflow.rapidpro.flows) {
      for (const call of flow.webhookCalls()) {
        if (call.source || !call.url.includes('/api/v2/records')) continue;
        problems.push(error(file, `flow "${flow.options.name}" node ${call.key}`, 'posts to CHT\'s /api/v2/records with a hand-written body: check cannot match it to a record form and sync cannot recover it',
          'call the webhook with { source: recordPost(<record form>, …) }'));
      }
    }
  }
  return problems;
}
