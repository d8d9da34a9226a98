import { describe, expect, it } from 'vitest';
import { deterministicUlid, idSchema, isUlid, newId } from './ids.js';

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

  it('accepts only 26 upper-case Crockford base-32 characters, without I, L, O or U', () => {
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    for (const wrong of [
      '01ARZ3NDEKTSV4RRFFQ69G5FAI',
      '01ARZ3NDEKTSV4RRFFQ69G5FAL',
      '01ARZ3NDEKTSV4RRFFQ69G5FAO',
    ]) {
      expect(isUlid(wrong)).toBe(false);
    }
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FAU')).toBe(false);
    expect(isUlid('01arz3ndektsv4rrffq69g5fav')).toBe(false);
    expect(isUlid('01ARZ3NDEKTSV4RRFFQ69G5FA')).toBe(false);
  });

  it('names the id it refuses', () => {
    const result = idSchema('a customer id').safeParse('nope');

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a customer id');
  });
});
