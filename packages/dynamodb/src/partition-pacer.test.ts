import { describe, expect, it } from 'vitest';
import { PartitionPacer } from './partition-pacer.js';

/** A pacer on a clock that only moves when it sleeps. */
function pacedOnFakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  const pacer = new PartitionPacer(
    { capacity: 200, refillPerSecond: 800 },
    {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  );
  return { pacer, sleeps, now: () => now };
}

describe('PartitionPacer', () => {
  it('holds one partition to its budget: 1,600 units after the first 200 take 1.75 s', async () => {
    const { pacer, now } = pacedOnFakeClock();

    for (let take = 0; take < 12; take++) await pacer.take('T#t#CUSTOMERS#LIVE#0', 150);

    // 1,800 units: 200 at once, 1,600 at 800 a second.
    expect(now()).toBeCloseTo(2000);
  });

  it('paces each partition on its own budget', async () => {
    const { pacer, sleeps } = pacedOnFakeClock();

    await pacer.take('T#t#CUSTOMERS#LIVE#0', 200);
    await pacer.take('T#t#CUSTOMERS#LIVE#1', 200);
    await pacer.take('T#t#CUSTOMERS#LIVE#0', 80);

    // Partition 1's first 200 go at once although partition 0 spent its burst; 0 then waits.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeCloseTo(100);
  });

  it('lines concurrent takes of one partition up behind each other', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new PartitionPacer(
      { capacity: 200, refillPerSecond: 800 },
      {
        now: () => now,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );

    await Promise.all(Array.from({ length: 4 }, () => pacer.take('P', 200)));
    now = 0;

    // Taken at the same instant: 0, 250, 500 and 750 ms.
    expect([0, ...waits].map((ms) => Math.round(ms))).toEqual([0, 250, 500, 750]);
  });
});
