import { describe, expect, it } from 'vitest';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyStore } from './tenant-policy.js';

type Policy = { days: number };

function memoryStore(): TenantPolicyStore<Policy> & { saved: unknown[] } {
  let stored: Awaited<ReturnType<TenantPolicyStore<Policy>['getPolicy']>>;
  const saved: unknown[] = [];
  return {
    saved,
    getPolicy: async () => stored,
    putPolicy: async (next, expectedVersion) => {
      saved.push({ next, expectedVersion });
      stored = next;
    },
  };
}

describe('tenant policy', () => {
  it('shows the default at version 0 until an admin saves one', async () => {
    expect(await readTenantPolicy(memoryStore(), { days: 30 })).toEqual({
      policy: { days: 30 },
      version: 0,
      updatedAt: null,
    });
  });

  it('saves the next version over the one read, recording who and when', async () => {
    const store = memoryStore();
    const now = new Date('2026-03-01T10:00:00.000Z');

    const view = await replaceTenantPolicy(store, {
      policy: { days: 7 },
      expectedVersion: 0,
      actorId: 'u1',
      now,
    });

    expect(view).toEqual({ policy: { days: 7 }, version: 1, updatedAt: '2026-03-01T10:00:00.000Z' });
    expect(store.saved).toEqual([
      {
        next: { policy: { days: 7 }, version: 1, updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'u1' },
        expectedVersion: 0,
      },
    ]);
    expect(await readTenantPolicy(store, { days: 30 })).toEqual(view);
  });
});
