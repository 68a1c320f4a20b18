import type { SyncSource } from '../sync/types';
import { workflows as allWorkflows } from './index';
import { Workflow } from './workflow';

/**
 * What `sync` and `deploy` need from the workflows, derived from the workflow modules so those
 * commands do not depend on how each workflow is laid out.
 */

interface ExportedFlow {
  name: string;
  nodes?: { actions?: { type?: string; body?: string }[] }[];
}

/** Names of the flows in an export that post a record of `formCode` from a webhook. */
function flowsPosting(content: unknown, formCode: string): string[] {
  const flows = ((content as { flows?: ExportedFlow[] }).flows ?? []);
  const marker = `"form", "${formCode}"`;
  return flows
    .filter((flow) => (flow.nodes ?? []).some((node) => (node.actions ?? [])
      .some((action) => action.type === 'call_webhook' && (action.body ?? '').includes(marker))))
    .map((flow) => flow.name);
}

/** One source per (flow, response form) whose runs `cht-rapidpro sync` turns into CHT records. */
export function syncSources(workflows: Workflow[] = allWorkflows): SyncSource[] {
  return workflows.flatMap((workflow) => {
    const content = workflow.rapidpro().content;
    return workflow.responseForms.flatMap((form) => flowsPosting(content, form.code).map((flowName) => ({
      flowName,
      formCode: form.code,
      recordsFromRun: (run) => form.recordsFromRun(run),
      // The post whose step is the rp_event_id's suffix (after the run uuid) reads these results.
      resultsRead: (record) => {
        const slash = record.rp_event_id.indexOf('/');
        const step = slash === -1 ? '' : record.rp_event_id.slice(slash + 1);
        return form.posts.find((post) => (post.options.step ?? '') === step)?.resultKeys();
      },
    })));
  });
}

/**
 * The RapidPro flows `cht-rapidpro deploy` resolves by name in the target workspace, with the
 * export file (project-relative) to import when one is missing.
 */
export function deployedFlows(workflows: Workflow[] = allWorkflows): { name: string; exportFile: string }[] {
  return workflows.flatMap((workflow) => {
    const exported = workflow.rapidpro();
    return exported.flowNames.map((name) => ({ name, exportFile: `rapidpro/${exported.file}` }));
  });
}
