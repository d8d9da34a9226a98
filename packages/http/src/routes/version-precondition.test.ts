import { describe, expect, it } from 'vitest';
import { expectedVersion } from './version-precondition.js';

describe('expectedVersion', () => {
  it('reads If-Match in plain, quoted and weak forms', () => {
    expect(expectedVersion('3', undefined)).toBe(3);
    expect(expectedVersion('"4"', undefined)).toBe(4);
    expect(expectedVersion('W/"5"', undefined)).toBe(5);
  });

  it('falls back to the body version', () => {
    expect(expectedVersion(undefined, 7)).toBe(7);
  });

  it('refuses a missing precondition, garbage, and a disagreement', () => {
    expect(() => expectedVersion(undefined, undefined)).toThrow(/If-Match/);
    expect(() => expectedVersion('abc', undefined)).toThrow(/If-Match must be/);
    expect(() => expectedVersion('2', 3)).toThrow(/disagree/);
  });
});
