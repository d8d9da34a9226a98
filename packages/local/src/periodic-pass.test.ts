import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicPass } from './periodic-pass.js';

describe('startPeriodicPass', () => {
  afterEach(() => vi.useRealTimers());

  it('runs one pass at a time: a tick during a pass joins it', async () => {
    let release: () => void = () => {};
    const work = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const timer = startPeriodicPass(work, { intervalMs: 60_000, log: () => {}, name: 'test' });
    const first = timer.tick();
    const second = timer.tick();
    expect(work).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    const third = timer.tick();
    expect(work).toHaveBeenCalledTimes(2);
    release();
    await third;
    await timer.stop();
  });

  it('logs a failed pass under its name and runs the next tick', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const work = vi.fn().mockRejectedValueOnce(new Error('table gone')).mockResolvedValue(undefined);
    const timer = startPeriodicPass(work, { intervalMs: 1000, log, name: 'campaign send' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toHaveBeenCalledWith('campaign send pass failed: table gone');
    await vi.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    await timer.stop();
  });

  it('runs at start when asked, and stop waits for the pass in flight and ends the ticks', async () => {
    vi.useFakeTimers();
    let finished = false;
    const work = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      finished = true;
    });
    const timer = startPeriodicPass(work, { intervalMs: 1000, log: () => {}, name: 'x', runAtStart: true });
    expect(work).toHaveBeenCalledTimes(1);
    const stopped = timer.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
