/**
 * One sync in its own process, so its peak memory is its own (not the servers'): reads
 * BENCH_RAPIDPRO and BENCH_CHT, syncs the contact-tracing check-in flow, and sends the result to
 * the parent. Heap is sampled every 1,000 runs; the peak RSS comes from the OS.
 */
import { ChtClient } from '../src/cht/api/client';
import { RapidProClient } from '../src/rapidpro/client/client';
import { sync } from '../src/sync';
import { syncSources } from '../src/workflows/sync-sources';
import { CHT_PASSWORD, CHT_USER, RAPIDPRO_TOKEN } from './sync-servers';

export interface SyncChildResult {
  fetchedRuns: number;
  created: number;
  failed: number;
  ms: number;
  peakHeapBytes: number;
  peakRssBytes: number;
}

async function main(): Promise<void> {
  const sources = syncSources().filter((source) => source.formCode === 'RP_SYMPTOMS');
  const rapidpro = new RapidProClient({ credentials: { host: `${process.env.BENCH_RAPIDPRO ?? ''}/`, token: RAPIDPRO_TOKEN } });
  const cht = new ChtClient({ origin: process.env.BENCH_CHT ?? '', username: CHT_USER, password: CHT_PASSWORD });
  let peakHeap = process.memoryUsage().heapUsed;
  let next = 0;
  const start = performance.now();
  const summary = await sync({
    rapidpro,
    cht,
    sources,
    onProgress: (progress) => {
      if (progress.fetchedRuns < next) return;
      next = progress.fetchedRuns + 1000;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  const ms = performance.now() - start;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const result: SyncChildResult = {
    fetchedRuns: summary.fetchedRuns,
    created: summary.created,
    failed: summary.failed + (summary.aborted ? 1 : 0),
    ms,
    peakHeapBytes: peakHeap,
    // maxRSS is in kilobytes
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  if (summary.aborted) process.stderr.write(`sync aborted: ${summary.aborted}\n`);
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
