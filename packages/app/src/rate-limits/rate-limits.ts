import type { BucketLimit } from '@crm/dynamodb';

/** The request buckets every authenticated call takes a token from. */
export type RateLimits = {
  /** Shared by all of a tenant's users and keys: what one tenant may ask of the platform. */
  tenant: BucketLimit;
  /** Each API key's own: one runaway script cannot spend its whole tenant's bucket. */
  apiKey: BucketLimit;
};

/**
 * Generous on purpose: a person clicking through the SPA makes a few requests a second, a
 * tenant's whole team rarely tens; the limits are there so a script of one tenant cannot starve
 * the others, not to shape normal use. The security fuzz suite drives one tenant at some 70
 * requests a second on DynamoDB Local, hence the headroom; a stage sets its own (RATE_LIMIT_*)
 * below its API Gateway throttle.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  tenant: { capacity: 2000, refillPerSecond: 200 },
  apiKey: { capacity: 1000, refillPerSecond: 100 },
};

/** The variables `rateLimitsFromEnv` reads, each a positive number. */
export const RATE_LIMIT_VARIABLES = {
  tenantCapacity: 'RATE_LIMIT_TENANT_BURST',
  tenantRate: 'RATE_LIMIT_TENANT_PER_SECOND',
  apiKeyCapacity: 'RATE_LIMIT_API_KEY_BURST',
  apiKeyRate: 'RATE_LIMIT_API_KEY_PER_SECOND',
} as const;

export class RateLimitConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RateLimitConfigError';
  }
}

/**
 * The limits a host configures (the local runtime's and the Lambda's environment); each variable
 * left unset keeps its default.
 *
 * @example
 * rateLimitsFromEnv({ RATE_LIMIT_TENANT_PER_SECOND: '5' }).tenant // { capacity: 2000, refillPerSecond: 5 }
 */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): RateLimits {
  const read = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RateLimitConfigError(`${name} is not a positive number: ${text}`);
    }
    return value;
  };
  const names = RATE_LIMIT_VARIABLES;
  const fallback = DEFAULT_RATE_LIMITS;
  const capacity = (name: string, fallbackCapacity: number) => {
    const value = read(name, fallbackCapacity);
    // A bucket that cannot hold one whole token would refuse everything.
    if (value < 1) throw new RateLimitConfigError(`${name} must be at least 1: ${env[name]}`);
    return value;
  };
  return {
    tenant: {
      capacity: capacity(names.tenantCapacity, fallback.tenant.capacity),
      refillPerSecond: read(names.tenantRate, fallback.tenant.refillPerSecond),
    },
    apiKey: {
      capacity: capacity(names.apiKeyCapacity, fallback.apiKey.capacity),
      refillPerSecond: read(names.apiKeyRate, fallback.apiKey.refillPerSecond),
    },
  };
}
