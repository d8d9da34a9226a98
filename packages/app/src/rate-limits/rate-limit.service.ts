import { DomainError } from '@crm/domain';
import { type BucketDecision, type TenantClientFactory, TokenBucketRepository } from '@crm/dynamodb';
import type { Principal } from '../auth/principal.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits.js';

export type RateLimitServiceDeps = {
  tenantClient: TenantClientFactory;
  clock: () => Date;
  /** @default DEFAULT_RATE_LIMITS */
  limits?: RateLimits;
};

/**
 * Fair use per tenant and per API key: every authenticated request takes a token from its API
 * key's bucket (if it comes with one) and from its tenant's. Buckets are per tenant, so one
 * tenant's burst never refuses another's requests. Sign-in routes keep their per-address
 * throttle (AuthService), as no tenant is known there.
 */
export class RateLimitService {
  private readonly buckets: TokenBucketRepository;
  private readonly clock: () => Date;
  readonly limits: RateLimits;

  constructor(deps: RateLimitServiceDeps) {
    this.buckets = new TokenBucketRepository(deps.tenantClient);
    this.clock = deps.clock;
    this.limits = deps.limits ?? DEFAULT_RATE_LIMITS;
  }

  /** Takes the request's tokens, or throws `rate_limited` with the seconds to wait. */
  async take(principal: Principal): Promise<void> {
    const { tenantId } = principal;
    // The clock itself, not one reading: each bucket reads it as the request reaches the table.
    const clock = this.clock;
    // The key's own bucket first: a key over its limit then spends none of its tenant's tokens.
    if (principal.kind === 'apiKey') {
      const decision = await this.buckets.take({
        tenantId,
        owner: { kind: 'apiKey', keyId: principal.keyId },
        limit: this.limits.apiKey,
        clock,
      });
      refuseIfEmpty(decision, 'apiKey', 'Too many requests with this API key; slow down');
    }
    const decision = await this.buckets.take({
      tenantId,
      owner: { kind: 'tenant' },
      limit: this.limits.tenant,
      clock,
    });
    refuseIfEmpty(decision, 'tenant', "Too many requests for this tenant's limit; slow down");
  }
}

function refuseIfEmpty(decision: BucketDecision, bucket: 'tenant' | 'apiKey', message: string): void {
  if (decision.allowed) return;
  throw new DomainError('rate_limited', message, {
    details: { retryAfterSeconds: decision.retryAfterSeconds, bucket },
  });
}
