/** Mocha root hooks (loaded by .mocharc.json): stop the run's one Chromium when every spec is done. */
import { stopHarnessAfterRun, stopSharedHarness } from './harness';

stopHarnessAfterRun();

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSharedHarness();
  },
};
