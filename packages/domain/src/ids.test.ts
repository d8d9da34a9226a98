import { describe, expect, it } from 'vitest';
import { deterministicUlid, isUlid, newId } from './ids.js';

describe('ids', () => {
  it('makes time-ordered ULIDs', () => {
    const first = newId();
    const second = newId();
    expect(isUlid(first)).toBe(true);
    expect(second > first).toBe(true);
  });

  it('makes the same ULID from the same time and seed, ordered by time', () => {
    const a = deterministicUlid(Date.UTC(1997, 0, 1), 'ab'.repeat(16));
    expect(a).toBe(deterministicUlid(Date.UTC(1997, 0, 1), 'ab'.repeat(16)));
    expect(isUlid(a)).toBe(true);
    expect(deterministicUlid(Date.UTC(1997, 0, 2), '00'.repeat(16)) > a).toBe(true);
    expect(deterministicUlid(Date.UTC(1997, 0, 1), 'ac'.repeat(16))).not.toBe(a);
  });
});
