export type PeriodicPass = {
  stop: () => Promise<void>;
  /** One pass now (tests use it to avoid waiting for the next tick). */
  tick: () => Promise<void>;
};

/**
 * The local stand-in for a scheduled Lambda: `work` every `intervalMs`, one pass at a time (a tick
 * while a pass runs joins it rather than starting a second), a failed pass logged and the next
 * tick tried as usual, and `stop` waiting for the pass in flight so a shutdown cuts nothing off.
 */
export function startPeriodicPass(
  work: () => Promise<void>,
  options: { intervalMs: number; log: (message: string) => void; name: string; runAtStart?: boolean },
): PeriodicPass {
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = () => {
    running ??= work()
      .catch((error: Error) => options.log(`${options.name} pass failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  if (options.runAtStart) void pass();
  const timer = setInterval(() => {
    if (!stopped) void pass();
  }, options.intervalMs);
  // The HTTP server keeps the process alive; this timer must never be the reason it stays.
  timer.unref();
  return {
    tick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
