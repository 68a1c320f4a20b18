import type { SyncSource } from '../sync/types';
import { synthesize } from '../project/synth';
import { Workflow } from './workflow';

/**
 * What `sync` and `deploy` need from the workflows, read from the synthesized assembly (the flows'
 * webhook nodes keep their record posts), so those commands do not depend on how each workflow is
 * laid out.
 */

/** One source per (flow, record form) whose runs `cht-rapidpro sync` turns into CHT records. */
export function syncSources(workflows?: readonly Workflow[]): SyncSource[] {
  return synthesize({ workflows }).recordSources.map((source) => ({
    flowName: source.flowName,
    formCode: source.record.code,
    recordsFromRun: (run) => source.recordsFromRun(run),
    // The post whose step is the rp_event_id's suffix (after the run uuid) reads these results.
    resultsRead: (record) => {
      const slash = record.rp_event_id.indexOf('/');
      const step = slash === -1 ? '' : record.rp_event_id.slice(slash + 1);
      return source.posts.find((post) => (post.options.step ?? '') === step)?.resultKeys();
    },
  }));
}

/**
 * The RapidPro flows `cht-rapidpro deploy` resolves by name in the target workspace, with the
 * export file (project-relative) to import when one is missing.
 */
export function deployedFlows(workflows?: readonly Workflow[]): { name: string; exportFile: string }[] {
  return synthesize({ workflows }).flows.map((flow) => ({ name: flow.name, exportFile: flow.exportFile }));
}
