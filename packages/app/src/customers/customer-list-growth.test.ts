import { describe, expect, it } from 'vitest';
import { CUSTOMER_LIST_GROWTH_STEPS, growthStepFor } from './customer-list-growth.jobs.js';

describe('when a customer list grows shards', () => {
  it('grows a tenant of one shard to four at 50,000 live customers, and four to sixteen at 500,000', () => {
    expect(growthStepFor(1, 49_999)).toBeUndefined();
    expect(growthStepFor(1, 50_000)).toEqual({ from: 1, to: 4, liveCustomers: 50_000 });
    expect(growthStepFor(4, 499_999)).toBeUndefined();
    expect(growthStepFor(4, 500_000)).toEqual({ from: 4, to: 16, liveCustomers: 500_000 });
    expect(growthStepFor(16, 10_000_000)).toBeUndefined();
  });

  it('takes one step at a time: a tenant of one shard far past both thresholds goes to four first', () => {
    expect(growthStepFor(1, 2_000_000)?.to).toBe(4);
  });

  it('grows each count into a multiple of it, so the old partitions are among the new ones', () => {
    for (const step of CUSTOMER_LIST_GROWTH_STEPS) expect(step.to % step.from).toBe(0);
  });
});
