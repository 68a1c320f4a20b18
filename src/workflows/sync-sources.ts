import type { SyncSource } from '../sync/types';

/**
 * The workflows register here what `sync` and `deploy` need from them, so those commands do not
 * depend on how each workflow module is laid out.
 */

/** One response form per RapidPro flow whose runs `cht-rapidpro sync` turns into CHT records. */
export function syncSources(): SyncSource[] {
  return [];
}

/**
 * The RapidPro flows `cht-rapidpro deploy` resolves by name in the target workspace, with the
 * export file (project-relative, e.g. `rapidpro/contact-tracing.json`) to import when one is missing.
 */
export function deployedFlows(): { name: string; exportFile: string }[] {
  return [];
}
