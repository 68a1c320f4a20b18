/**
 * The fake RapidPro and CHT, a temporary folder and a `run()` that syncs between them over HTTP
 * on 127.0.0.1, for the sync specs. Sleeps of both clients are recorded and instant unless a test
 * asks for real time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChtClient, ChtClientOptions, chtConnection } from '../../../src/cht/api';
import { RapidProClient } from '../../../src/rapidpro/client';
import { StateBinding, SyncOptions, SyncSummary, sync } from '../../../src/sync';
import { FakeCht } from './fake-cht';
import { FakeRapidPro } from './fake-rapidpro';
import { FORMS, symptomsSource } from './fixtures';

export class SyncSetup {
  rp!: FakeRapidPro;
  cht!: FakeCht;
  dir!: string;
  statePath!: string;
  logs: string[] = [];
  /** Sleeps asked for by either client, in ms. */
  sleeps: number[] = [];
  /** Called on each sleep (e.g. to bring CHT back). */
  onSleep?: (ms: number) => void | Promise<void>;

  async start(pageSize = 4): Promise<this> {
    this.rp = await new FakeRapidPro().start();
    this.rp.pageSize = pageSize;
    this.cht = await new FakeCht().start();
    this.cht.forms = { ...FORMS };
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
    this.statePath = path.join(this.dir, 'state', 'sync.json');
    this.logs = [];
    this.sleeps = [];
    this.onSleep = undefined;
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.rp.stop(), this.cht.stop()]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get timing(): { sleep: (ms: number) => Promise<void>; random: () => number } {
    return {
      sleep: async (ms) => {
        this.sleeps.push(ms);
        await this.onSleep?.(ms);
      },
      random: () => 0.5,
    };
  }

  rapidproClient(token = this.rp.token): RapidProClient {
    return new RapidProClient({ credentials: { host: this.rp.host, token }, timing: this.timing });
  }

  chtClient(options: ChtClientOptions = {}): ChtClient {
    return new ChtClient(chtConnection(this.cht.urlFor(), {}), { timeoutMs: 10_000, timing: this.timing, ...options });
  }

  get binding(): StateBinding {
    return { rapidpro: { host: this.rp.host, workspace: this.rp.workspace.uuid, name: this.rp.workspace.name }, cht: this.cht.origin };
  }

  run(overrides: Partial<SyncOptions> = {}): Promise<SyncSummary> {
    return sync({
      rapidpro: this.rapidproClient(),
      cht: this.chtClient(),
      sources: [symptomsSource()],
      statePath: this.statePath,
      binding: this.binding,
      log: (line) => this.logs.push(line),
      ...overrides,
    });
  }
}
