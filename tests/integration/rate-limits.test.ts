import { type Principal, RateLimitService } from '@crm/app';
import { newId } from '@crm/domain';
import { createTableClient, TokenBucketRepository } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { call, createTestApp, signUpTenant } from '../support/test-app.js';
import { testDynamoDbEndpoint, testTableClient, testTableName } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

// Buckets that barely refill during a test: what a burst takes is not given back before the end.
const SLOW = 0.001;

describe('per-tenant request buckets', () => {
  const app = createTestApp({
    rateLimits: {
      tenant: { capacity: 6, refillPerSecond: SLOW },
      apiKey: { capacity: 2, refillPerSecond: SLOW },
    },
  });

  it("refuses one tenant's burst beyond its bucket while another tenant's requests all succeed", async () => {
    const [tenantA, tenantB] = await Promise.all([signUpTenant(app, 'Burst'), signUpTenant(app, 'Quiet')]);

    const [burst, quiet] = await Promise.all([
      Promise.all(
        Array.from({ length: 10 }, () => call(app, 'GET', '/v1/customers', { auth: tenantA.auth })),
      ),
      Promise.all(Array.from({ length: 5 }, () => call(app, 'GET', '/v1/customers', { auth: tenantB.auth }))),
    ]);

    // Parallel requests cannot all slip in: exactly the bucket's capacity passes.
    expect(burst.filter((r) => r.status === 200)).toHaveLength(6);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(4);
    for (const response of refused) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(response.body).toEqual({
        error: {
          code: 'rate_limited',
          message: expect.any(String),
          details: { retryAfterSeconds: expect.any(Number), bucket: 'tenant' },
        },
      });
    }
    expect(quiet.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('lets no read past its bucket when reads of a roomy bucket run beside their take', async () => {
    const tenant = await signUpTenant(app, 'Overlap');
    // One read first: the bucket is then known to have room, so the next reads overlap their take.
    expect((await call(app, 'GET', '/v1/customers', { auth: tenant.auth })).status).toBe(200);

    const burst = await Promise.all(
      Array.from({ length: 10 }, () => call(app, 'GET', '/v1/customers', { auth: tenant.auth })),
    );

    // 6 tokens, 1 spent: five more pass, and a refused read answers 429, not its page.
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    for (const response of refused) {
      expect(response.body).toMatchObject({ error: { code: 'rate_limited', details: { bucket: 'tenant' } } });
      expect(response.body).not.toHaveProperty('items');
    }
  });

  it("gives each API key its own bucket inside the tenant's", async () => {
    const owner = await signUpTenant(app, 'Keys');
    const created = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: 'sync', scope: 'read' },
    });
    expect(created.status).toBe(201);
    const keyAuth = { Authorization: `Bearer ${created.body.key as string}` };

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, 'GET', '/v1/me', { auth: keyAuth })).status);
    const refused = await call(app, 'GET', '/v1/me', { auth: keyAuth });

    expect(statuses).toEqual([200, 200, 429]);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', details: { bucket: 'apiKey' } } });
    // The refused key spent none of its tenant's tokens: 6 - 1 (key creation) - 2 remain.
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await call(app, 'GET', '/v1/me', { auth: owner.auth })).status);
    expect(owners).toEqual([200, 200, 200]);
    expect((await call(app, 'GET', '/v1/me', { auth: owner.auth })).status).toBe(429);
  });

  it('leaves the public sign-in routes to their per-address throttle', async () => {
    const tenant = await signUpTenant(app, 'Spent');
    const spend = [];
    for (let i = 0; i < 7; i++) spend.push((await call(app, 'GET', '/v1/me', { auth: tenant.auth })).status);
    expect(spend.at(-1)).toBe(429);

    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: tenant.email, password: tenant.password },
    });

    expect(login.status).toBe(200);
  });
});

describe('a request that waited before it reached its bucket', () => {
  // A 10-second window: ten requests at once, one back a second.
  const limits = {
    tenant: { capacity: 10, refillPerSecond: 1 },
    apiKey: { capacity: 10, refillPerSecond: 1 },
  };
  const tenantClient = () => testTableClient();
  const startedAt = Date.UTC(2026, 0, 1);
  const later = startedAt + 15_000;

  it('is judged by the time it gets there, not by a clock reading older than the window', async () => {
    const principal: Principal = {
      kind: 'user',
      tenantId: newTestTenantId(),
      userId: newId(),
      role: 'member',
    };
    // Other requests, served 15 s after this one began, took half the bucket.
    const others = new RateLimitService({ tenantClient, clock: () => new Date(later), limits });
    for (let i = 0; i < 5; i++) await others.take(principal);
    // This one read the clock as it began, then waited 15 s (a busy process) before the table.
    let readings = 0;
    const waited = new RateLimitService({
      tenantClient,
      clock: () => new Date(readings++ === 0 ? startedAt : later),
      limits,
    });

    await expect(waited.take(principal)).resolves.toBeUndefined();

    // It took one token, no more and no fewer: four are left at that moment.
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        await others.take(principal).then(
          () => 'taken',
          (error: { code?: string }) => error.code,
        ),
      );
    }
    expect(statuses).toEqual(['taken', 'taken', 'taken', 'taken', 'rate_limited']);
  });
});

describe('a busy process', () => {
  // 200 tokens: a lease is at most 10; barely refilled, so every token taken stays taken.
  const limits = {
    tenant: { capacity: 200, refillPerSecond: SLOW },
    apiKey: { capacity: 200, refillPerSecond: SLOW },
  };
  // A client of its own, to count this process's writes to its buckets.
  const client = createTableClient({ tableName: testTableName(), endpoint: testDynamoDbEndpoint() });
  let writes = 0;
  // Writes answered: a request held for its bucket's write sees this move while it waits.
  let writesDone = 0;
  client.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'UpdateItemCommand') return next(args);
      writes += 1;
      const result = await next(args);
      writesDone += 1;
      return result;
    },
    { step: 'initialize', name: 'countBucketWrites' },
  );
  let now = Date.UTC(2026, 0, 1);
  const principal = (): Principal => ({
    kind: 'user',
    tenantId: newTestTenantId(),
    userId: newId(),
    role: 'member',
  });

  /** A process of its own (its own leases) on these buckets. */
  const aProcess = () =>
    new RateLimitService({ tenantClient: () => client, clock: () => new Date(now), limits });

  /** 30 requests within the current second, and the takes they sent ahead answered. */
  async function aSecondOfThirty(service: RateLimitService, user: Principal): Promise<void> {
    for (let i = 0; i < 30; i++) await service.take(user);
    await service.idle();
  }

  /** Another process takes from the user's tenant bucket until `left` tokens remain in it. */
  async function leaveInTenantBucket(user: Principal, left: number): Promise<void> {
    const buckets = new TokenBucketRepository(() => client);
    const bucket = { tenantId: user.tenantId, owner: { kind: 'tenant' as const }, limit: limits.tenant };
    const clock = () => new Date(now);
    const seen = await buckets.take({ ...bucket, clock });
    if (!seen.allowed || seen.remaining < left) throw new Error(`the bucket holds fewer than ${left + 1}`);
    if (seen.remaining > left) await buckets.take({ ...bucket, clock, tokens: seen.remaining - left });
  }

  it('takes its tokens a lease at a time once it is busy, and never more than the bucket holds', async () => {
    const user = principal();
    const service = aProcess();
    // A first second of 30 requests: no pace known yet, so the first leases are taken as the
    // requests come, 1, 1 and 2; from then on each next lease is sent for once half of the one
    // in hand is spent, sized by the requests so far: 3, 5, 9, then the cap of 10 twice.
    await aSecondOfThirty(service, user);
    expect(writes).toBe(8);
    // 1 + 1 + 2 + 3 + 5 + 9 + 10 + 10 = 41 tokens taken for 30 requests: the last lease was sent
    // for at the 26th request, with 5 of the one before still in hand.

    // The next second at the same pace: that lease lapsed at the second's turn. A lease of 10
    // taken by the first request, the next sent for at its fifth token, and so on: 4 writes, the
    // last lease still whole when the 30th request is served.
    now += 1_000;
    writes = 0;
    await aSecondOfThirty(service, user);
    expect(writes).toBe(4);

    // Another process (its own service) sees the bucket the leases emptied: 41 + 40 taken of 200
    // (the unspent tokens of lapsed leases stay taken). It spends every token it takes: near the
    // end a lease sent for ahead is refused and adds nothing, and the last ones go one at a time.
    const other = aProcess();
    let taken = 0;
    for (;;) {
      const refused = await other.take(user).then(
        () => false,
        () => true,
      );
      if (refused) break;
      taken += 1;
    }
    await other.idle();
    expect(taken).toBe(200 - 81);
  });

  it('never holds a request for the next lease once its pace is known', async () => {
    const user = principal();
    const service = aProcess();
    await aSecondOfThirty(service, user);
    now += 1_000;
    // The first request of the second takes its lease; each of the others is answered from the
    // lease in hand while the next one is on its way: none of them waits for a write.
    await service.take(user);
    let held = 0;
    for (let i = 1; i < 30; i++) {
      const before = writesDone;
      await service.take(user);
      if (writesDone > before) held += 1;
      // Let the write in flight (if any) finish before the next request, as a paced client would.
      await service.idle();
    }
    expect(held).toBe(0);
  });

  it('sends for no other lease once the bucket refused one, and serves the rest of the lease in hand', async () => {
    const user = principal();
    const service = aProcess();
    await aSecondOfThirty(service, user);
    now += 1_000;
    await service.take(user); // a lease of 10: 9 left
    // Another process empties the bucket.
    await leaveInTenantBucket(user, 0);
    writes = 0;
    // The lease's 9 are served; at its half (the 4th) the next is sent for, and refused.
    for (let i = 0; i < 4; i++) {
      await service.take(user);
      await service.idle();
    }
    expect(writes).toBeGreaterThan(0);
    // The rest of the lease sends for no other: no write while its last 5 are served.
    writes = 0;
    for (let i = 0; i < 5; i++) {
      await service.take(user);
      await service.idle();
    }
    expect(writes).toBe(0);
    // The lease spent, the next request asks for itself and is refused.
    await expect(service.take(user)).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('lets an unspent lease lapse instead of holding it, and asks for one token when a lease has no room', async () => {
    const user = principal();
    const service = aProcess();
    for (let i = 0; i < 20; i++) await service.take(user); // leases of 1, 1, 2, 3, 5, 9, 10
    await service.idle();
    now += 1_000;
    await service.take(user); // a lease of 10: 9 left
    now += 1_500; // past the lease: its 9 lapse
    writes = 0;
    await service.take(user);
    expect(writes).toBe(1); // a fresh take (one token: the window before was quiet)

    // A bucket with fewer tokens left than a lease still serves its last ones, one at a time.
    const other = aProcess();
    await aSecondOfThirty(other, user); // busy: its next lease would be 10
    await leaveInTenantBucket(user, 5);
    now += 1_000; // its lease lapses; its pace (30 a second) is known
    const last: string[] = [];
    for (let i = 0; i < 7; i++) {
      last.push(
        await other.take(user).then(
          () => 'taken',
          (error: { code?: string }) => error.code as string,
        ),
      );
    }
    expect(last).toEqual(['taken', 'taken', 'taken', 'taken', 'taken', 'rate_limited', 'rate_limited']);
  });
});
