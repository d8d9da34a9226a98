import { DomainError } from '@crm/domain';
import {
  type BucketDecision,
  type BucketLimit,
  type BucketOwner,
  type TenantClientFactory,
  TokenBucketRepository,
} from '@crm/dynamodb';
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
  // Tokens this process took ahead from a bucket, and how many requests it sent the bucket lately.
  private readonly leases = new Map<string, Lease>();

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
      const decision = await this.takeOne(
        `${tenantId}#${principal.keyId}`,
        { tenantId, owner: { kind: 'apiKey', keyId: principal.keyId }, limit: this.limits.apiKey },
        clock,
      );
      refuseIfEmpty(decision, 'apiKey', 'Too many requests with this API key; slow down');
    }
    const decision = await this.takeOne(
      tenantId,
      { tenantId, owner: { kind: 'tenant' }, limit: this.limits.tenant },
      clock,
    );
    refuseIfEmpty(decision, 'tenant', "Too many requests for this tenant's limit; slow down");
  }

  /**
   * One token for one request: from this process's lease on the bucket when it holds one, else
   * from the bucket itself. A busy process takes as many tokens at once as it spent in the last
   * lease window, or so far in this one (at most a twentieth of the bucket), so its requests cost
   * one DynamoDB write per lease instead of one each. Within a burst the lease doubles (1, 1, 2,
   * 3, 5, …), so a burst after a quiet spell (a screen's requests, a script starting) no longer
   * costs a write per request until its pace is known; a single request still takes a single token.
   * Once half a lease is spent the next one is taken ahead, beside the requests that spend the
   * rest, so a process at a steady pace never holds a request for its bucket's write.
   * Leased tokens have left the bucket, so no request gets past its limit; what a lease does not
   * spend within LEASE_MS lapses (at most half a lease more than the process spent in the window
   * before: a tenant's many idle processes do not hold its bucket empty).
   */
  private async takeOne(bucket: string, source: BucketSource, clock: () => Date): Promise<Admission> {
    const lease = this.leaseOf(bucket, clock().getTime());
    if (this.spendLeased(bucket, source, clock, lease)) return LEASED;
    // The next lease is on its way: wait for it rather than write beside it.
    if (lease.ahead) {
      await lease.ahead;
      if (this.spendLeased(bucket, source, clock, lease)) return LEASED;
    }
    const size = leaseSize(source.limit, lease);
    let decision = await this.buckets.take({ ...source, clock, tokens: size });
    let taken = size;
    // Not room for a whole lease: this request alone is judged, exactly.
    if (!decision.allowed && size > 1) {
      decision = await this.buckets.take({ ...source, clock });
      taken = 1;
    }
    if (decision.allowed) {
      lease.left = taken - 1;
      lease.size = taken;
      lease.aheadRefused = false;
      lease.until = clock().getTime() + LEASE_MS;
    }
    this.see(bucket, decision);
    return decision;
  }

  /** Spends a token of the lease if it holds one, and sends for the next once half is spent. */
  private spendLeased(bucket: string, source: BucketSource, clock: () => Date, lease: Lease): boolean {
    if (lease.left <= 0 || clock().getTime() >= lease.until) return false;
    lease.left -= 1;
    if (!lease.ahead && !lease.aheadRefused && lease.left * 2 <= lease.size) {
      this.takeAhead(bucket, source, clock, lease);
    }
    return true;
  }

  /**
   * Takes the next lease while the current one still serves. Refused, it adds nothing, and the rest
   * of this lease sends for no other (a bucket that low would refuse each): the request that finds
   * the lease spent asks the bucket for itself and is judged exactly. Failed (DynamoDB
   * unreachable, a Lambda frozen mid-call), it is dropped the same way; at most one lease of tokens
   * is then taken and never spent, as when a lease lapses.
   */
  private takeAhead(bucket: string, source: BucketSource, clock: () => Date, lease: Lease): void {
    const size = leaseSize(source.limit, lease);
    lease.ahead = this.buckets
      .take({ ...source, clock, tokens: size })
      .then(
        (decision) => {
          if (decision.allowed) {
            const now = clock().getTime();
            lease.left = (now < lease.until ? lease.left : 0) + size;
            lease.size = size;
            lease.until = now + LEASE_MS;
          } else {
            lease.aheadRefused = true;
          }
          this.see(bucket, decision);
        },
        () => undefined,
      )
      .finally(() => {
        lease.ahead = undefined;
      });
  }

  /** The bucket's lease, its window of spent requests moved on to `now` and this request counted. */
  private leaseOf(bucket: string, now: number): Lease {
    let lease = this.leases.get(bucket);
    if (!lease) {
      if (this.leases.size >= MAX_SEEN_BUCKETS) this.leases.clear();
      lease = { left: 0, size: 0, until: 0, windowStart: now, spent: 0, spentBefore: 0 };
      this.leases.set(bucket, lease);
    }
    if (now - lease.windowStart >= LEASE_MS) {
      // Only the window just before counts: a process idle since spends at its new pace.
      lease.spentBefore = now - lease.windowStart < 2 * LEASE_MS ? lease.spent : 0;
      lease.windowStart = now;
      lease.spent = 0;
    }
    lease.spent += 1;
    return lease;
  }

  /** Resolves once no lease is being taken ahead (a test counting writes; a shutdown). */
  async idle(): Promise<void> {
    for (const lease of this.leases.values()) await lease.ahead;
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
/** How long tokens taken ahead stay spendable, and the window a process's pace is counted over. */
const LEASE_MS = 1_000;
/**
 * A lease is at most a twentieth of its bucket (100 of the default tenant's 2,000; 1, so no lease,
 * for buckets under 40). A process holds at most one and a half leases, and only at the pace it
 * spends them: the cap bounds what one very busy process keeps from the others.
 */
const maxLease = (limit: BucketLimit): number => Math.max(1, Math.floor(limit.capacity / 20));

/**
 * How many tokens the next take asks for: the burst's pace so far (`spent` counts the request
 * asking, so the ones before it), or the last window's, within a twentieth of the bucket.
 */
const leaseSize = (limit: BucketLimit, lease: Lease): number =>
  Math.min(maxLease(limit), Math.max(1, lease.spentBefore, lease.spent - 1));

type BucketSource = { tenantId: string; owner: BucketOwner; limit: BucketLimit };

/** A bucket's answer, or a token spent from this process's lease. */
type Admission = BucketDecision | { allowed: true; leased: true };
const LEASED: Admission = { allowed: true, leased: true };

type Lease = {
  /** Tokens taken ahead and not yet spent, spendable until `until`. */
  left: number;
  until: number;
  /** How many tokens the lease held when taken: the next is sent for once half are spent. */
  size: number;
  /** The take of the next lease, while it is in flight. */
  ahead?: Promise<void>;
  /** The bucket refused this lease's next one: no other is sent for until a take of its own. */
  aheadRefused?: boolean;
  /** Requests this process sent the bucket since `windowStart`, and in the window before. */
  windowStart: number;
  spent: number;
  spentBefore: number;
};
const MAX_SEEN_BUCKETS = 10_000;

function refuseIfEmpty(decision: Admission, bucket: 'tenant' | 'apiKey', message: string): void {
  if (decision.allowed) return;
  throw new DomainError('rate_limited', message, {
    details: { retryAfterSeconds: decision.retryAfterSeconds, bucket },
  });
}
