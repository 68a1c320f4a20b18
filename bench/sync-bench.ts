/** The sync benchmark: runs per second through `sync` over HTTP, and peak memory at two run counts. */
import { fork } from 'child_process';
import * as path from 'path';
import { checkinFlow } from '../src/workflows/contact-tracing/flows';
import { SyncChildResult } from './sync-child';
import { fakeCht, fakeRapidPro } from './sync-servers';

export interface SyncRun extends SyncChildResult {
  runs: number;
}

/** Syncs `runs` runs into an empty CHT; servers are stopped whatever happens. */
export async function syncOnce(runs: number): Promise<SyncRun> {
  const rapidpro = await fakeRapidPro(checkinFlow.options.name, runs);
  const cht = await fakeCht();
  try {
    const result = await new Promise<SyncChildResult>((resolve, reject) => {
      const child = fork(path.join(__dirname, 'sync-child.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_RAPIDPRO: rapidpro.url, BENCH_CHT: cht.url },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let answer: SyncChildResult | undefined;
      const timer = setTimeout(() => child.kill(), 180_000);
      child.on('message', (message) => { answer = message as SyncChildResult; });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (answer) resolve(answer);
        else reject(new Error(`sync child exited with ${code} without a result`));
      });
    });
    if (result.created !== runs) throw new Error(`sync created ${result.created} records from ${runs} runs (${result.failed} failed)`);
    return { ...result, runs };
  } finally {
    await rapidpro.close();
    await cht.close();
  }
}
