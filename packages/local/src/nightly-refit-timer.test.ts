import { describe, expect, it } from 'vitest';
import { msUntilNextRun } from './nightly-refit-timer.js';

const HOUR = 3_600_000;

describe('msUntilNextRun', () => {
  it('waits until the hour later the same day', () => {
    expect(msUntilNextRun(new Date('2026-11-24T00:30:00Z'), 2)).toBe(1.5 * HOUR);
  });

  it('waits until the next day once the hour has passed, or is exactly now', () => {
    expect(msUntilNextRun(new Date('2026-11-24T16:00:00Z'), 2)).toBe(10 * HOUR);
    expect(msUntilNextRun(new Date('2026-11-24T02:00:00Z'), 2)).toBe(24 * HOUR);
  });

  it('crosses month and year ends in UTC', () => {
    expect(msUntilNextRun(new Date('2026-12-31T23:00:00Z'), 2)).toBe(3 * HOUR);
    expect(
      new Date(
        Date.parse('2026-12-31T23:00:00Z') + msUntilNextRun(new Date('2026-12-31T23:00:00Z'), 2),
      ).toISOString(),
    ).toBe('2027-01-01T02:00:00.000Z');
  });
});
