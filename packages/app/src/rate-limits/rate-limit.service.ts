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
  // Each bucket's room as this process last saw it: `mayOverlap` lets a read run beside its take.
  private readonly lastSeen = new Map<string, { remaining: number; at: number }>();

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
      this.see(`${tenantId}#${principal.keyId}`, decision);
      refuseIfEmpty(decision, 'apiKey', 'Too many requests with this API key; slow down');
    }
    const decision = await this.buckets.take({
      tenantId,
      owner: { kind: 'tenant' },
      limit: this.limits.tenant,
      clock,
    });
    this.see(tenantId, decision);
    refuseIfEmpty(decision, 'tenant', "Too many requests for this tenant's limit; slow down");
  }

  /**
   * Whether a side-effect-free read may run while its tokens are taken instead of after: every
   * bucket it takes from was seen within the last second with over a tenth of its capacity left.
   * The take still decides: a refused read's answer is replaced by the 429, so no read gets past
   * its bucket; near the limit reads wait for the take as before, so the wasted work is bounded.
   */
  mayOverlap(principal: Principal): boolean {
    const now = this.clock().getTime();
    const roomy = (bucket: string, capacity: number): boolean => {
      const seen = this.lastSeen.get(bucket);
      return seen !== undefined && now - seen.at < OVERLAP_FRESH_MS && seen.remaining > capacity / 10;
    };
    if (
      principal.kind === 'apiKey' &&
      !roomy(`${principal.tenantId}#${principal.keyId}`, this.limits.apiKey.capacity)
    ) {
      return false;
    }
    return roomy(principal.tenantId, this.limits.tenant.capacity);
  }

  private see(bucket: string, decision: BucketDecision): void {
    if (this.lastSeen.size >= MAX_SEEN_BUCKETS) this.lastSeen.clear();
    this.lastSeen.set(bucket, {
      remaining: decision.allowed ? decision.remaining : 0,
      at: this.clock().getTime(),
    });
  }
}

const OVERLAP_FRESH_MS = 1_000;
const MAX_SEEN_BUCKETS = 10_000;

function refuseIfEmpty(decision: BucketDecision, bucket: 'tenant' | 'apiKey', message: string): void {
  if (decision.allowed) return;
  throw new DomainError('rate_limited', message, {
    details: { retryAfterSeconds: decision.retryAfterSeconds, bucket },
  });
}
