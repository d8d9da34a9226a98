import { describe, expect, it } from 'vitest';
import { ReadThroughCache } from './read-through-cache.js';

/** A read the test answers when it wants, counting how often it was asked. */
function reads() {
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  return {
    read: () =>
      new Promise<string>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
    count: () => pending.length,
    answer: (index: number, value: string) => pending[index]?.resolve(value),
    fail: (index: number) => pending[index]?.reject(new Error('read failed')),
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A cache of life 1,000 (read again from 800 on) that read 'one' for 'k' at 0: the table's read 0. */
async function keptSinceZero() {
  const cache = new ReadThroughCache<string>({ ttlMs: 1000, refreshAfterMs: 800 });
  const table = reads();
  const first = cache.get('k', 0, table.read);
  table.answer(0, 'one');
  await first;
  return { cache, table };
}

describe('ReadThroughCache', () => {
  it('reads a key once for every caller within its life, and again after it', async () => {
    const cache = new ReadThroughCache<string>({ ttlMs: 1000, refreshAfterMs: 800 });
    const table = reads();
    const first = cache.get('k', 0, table.read);
    const second = cache.get('k', 10, table.read);
    table.answer(0, 'one');
    expect(await first).toBe('one');
    expect(await second).toBe('one');
    expect(await cache.get('k', 500, table.read)).toBe('one');
    expect(table.count()).toBe(1);
    const expired = cache.get('k', 1000, table.read);
    expect(table.count()).toBe(2);
    table.answer(1, 'two');
    expect(await expired).toBe('two');
  });

  it('serves the kept value late in its life while one read replaces it behind', async () => {
    const { cache, table } = await keptSinceZero();
    // Served at once although the read behind it has not answered; only one read is sent.
    expect(await cache.get('k', 850, table.read)).toBe('one');
    expect(await cache.get('k', 900, table.read)).toBe('one');
    expect(table.count()).toBe(2);
    table.answer(1, 'two');
    await settled();
    // The new value lives from when its read began (850), not from when it answered.
    expect(await cache.get('k', 1800, table.read)).toBe('two');
    expect(table.count()).toBe(3);
  });

  it('never serves a value past its life, even while a read behind it is still out', async () => {
    const { cache, table } = await keptSinceZero();
    void cache.get('k', 850, table.read);
    const late = cache.get('k', 1000, table.read);
    expect(table.count()).toBe(3);
    table.answer(2, 'three');
    expect(await late).toBe('three');
    // The slower read behind answers last and older: it does not replace the newer value.
    table.answer(1, 'two');
    await settled();
    expect(await cache.get('k', 1100, table.read)).toBe('three');
  });

  it('remembers no failed read, and keeps the value when a read behind it fails', async () => {
    const cache = new ReadThroughCache<string>({ ttlMs: 1000, refreshAfterMs: 800 });
    const table = reads();
    const failed = cache.get('k', 0, table.read);
    table.fail(0);
    await expect(failed).rejects.toThrow('read failed');
    const first = cache.get('k', 10, table.read);
    expect(table.count()).toBe(2);
    table.answer(1, 'one');
    await first;
    expect(await cache.get('k', 850, table.read)).toBe('one');
    table.fail(2);
    await settled();
    // Still the kept value, and the next caller late in its life tries again.
    expect(await cache.get('k', 860, table.read)).toBe('one');
    expect(table.count()).toBe(4);
  });

  it('drops a read behind a key that was forgotten meanwhile', async () => {
    const { cache, table } = await keptSinceZero();
    void cache.get('k', 850, table.read);
    cache.delete('k');
    const fresh = cache.get('k', 860, table.read);
    table.answer(2, 'fresh');
    expect(await fresh).toBe('fresh');
    table.answer(1, 'stale');
    await settled();
    expect(await cache.get('k', 870, table.read)).toBe('fresh');
  });
});
