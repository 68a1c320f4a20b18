import type { SyncProgress } from './sync';

export interface ProgressLine {
  update(progress: SyncProgress): void;
  /** Draws the latest numbers and ends the line, so other output starts on a fresh one; later updates start a new line. */
  done(): void;
}

/**
 * A one-line live counter for terminals (RapidPro does not say how many runs there are, so there
 * is no percentage). Redraws at most every `intervalMs` so a fast sync does not flood the terminal.
 */
export function progressLine(write: (text: string) => void, intervalMs = 100, now: () => number = Date.now): ProgressLine {
  let last = 0;
  let pending: SyncProgress | undefined;
  let width = 0;
  const draw = (progress: SyncProgress): void => {
    const text = `${progress.flowName}: ${progress.fetchedRuns} runs, ${progress.created} created, ${progress.skippedExisting} already in CHT, ${progress.failed} failed` +
      (progress.outstanding ? `, ${progress.outstanding} outstanding` : '');
    write(`\r${text.padEnd(width)}`);
    width = Math.max(width, text.length);
  };
  return {
    update(progress: SyncProgress): void {
      pending = progress;
      if (now() - last < intervalMs) return;
      last = now();
      draw(progress);
      pending = undefined;
    },
    done(): void {
      if (pending) draw(pending);
      pending = undefined;
      if (width) write('\n');
      width = 0;
    },
  };
}
