/**
 * A frozen clock for the runs that check the rule sets agree: rules and CHT read "now" (targets
 * dated `now`, `Utils.now()`), so two runs a few milliseconds apart would differ by their dates.
 * Timed runs use the real clock.
 */
export async function withFrozenClock<T>(now: number, work: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [number]));
    }
    static override now(): number {
      return now;
    }
  }
  const globals = globalThis as { Date: DateConstructor };
  globals.Date = FrozenDate as DateConstructor;
  try {
    return await work();
  } finally {
    globals.Date = RealDate;
  }
}

/** The same, as a script to run in a browser page before `work` (and `restoreClock` after). */
export const FREEZE_CLOCK_SCRIPT = `
window.__realDate = window.__realDate || Date;
window.freezeClock = function (now) {
  var RealDate = window.__realDate;
  function FrozenDate() {
    var args = Array.prototype.slice.call(arguments);
    return args.length ? new (Function.prototype.bind.apply(RealDate, [null].concat(args)))() : new RealDate(now);
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = function () { return now; };
  FrozenDate.UTC = RealDate.UTC;
  FrozenDate.parse = RealDate.parse;
  window.Date = FrozenDate;
};
window.restoreClock = function () { window.Date = window.__realDate; };
`;
