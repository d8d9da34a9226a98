import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, RateLimitConfigError, rateLimitsFromEnv } from './rate-limits.js';

describe('rateLimitsFromEnv', () => {
  it('keeps the defaults for unset or empty variables', () => {
    expect(rateLimitsFromEnv({ RATE_LIMIT_TENANT_BURST: '' })).toEqual(DEFAULT_RATE_LIMITS);
  });

  it('reads each bucket setting from its variable', () => {
    const limits = rateLimitsFromEnv({
      RATE_LIMIT_TENANT_BURST: '20',
      RATE_LIMIT_TENANT_PER_SECOND: '2.5',
      RATE_LIMIT_API_KEY_BURST: '4',
      RATE_LIMIT_API_KEY_PER_SECOND: '0.5',
    });

    expect(limits).toEqual({
      tenant: { capacity: 20, refillPerSecond: 2.5 },
      apiKey: { capacity: 4, refillPerSecond: 0.5 },
    });
  });

  it.each([
    ['RATE_LIMIT_TENANT_PER_SECOND', '0'],
    ['RATE_LIMIT_TENANT_PER_SECOND', 'fast'],
    ['RATE_LIMIT_API_KEY_BURST', '-3'],
    ['RATE_LIMIT_API_KEY_BURST', '0.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => rateLimitsFromEnv({ [name]: value })).toThrow(RateLimitConfigError);
    expect(() => rateLimitsFromEnv({ [name]: value })).toThrow(name);
  });
});
