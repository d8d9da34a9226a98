import { describe, expect, it } from 'vitest';
import { runBounded } from './run-bounded.js';

describe('runBounded', () => {
  it('never has more than the limit in flight and keeps every outcome in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const outcomes = await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 * (n % 3)));
      inFlight -= 1;
      if (n === 4) throw new Error('four refused');
      return n * 10;
    });

    expect(peak).toBe(3);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'done',
      'done',
      'done',
      'failed',
      'done',
      'done',
      'done',
    ]);
    expect(outcomes[6]).toEqual({ item: 7, status: 'done', result: 70 });
  });

  it('reports progress once per item and copes with nothing to do', async () => {
    const seen: number[] = [];
    await runBounded(
      ['a', 'b'],
      4,
      async (item) => item,
      (finished) => seen.push(finished),
    );
    expect(seen).toEqual([1, 2]);
    expect(await runBounded([], 4, async () => 1)).toEqual([]);
  });
});
