import { reviewChurnChunk } from '@crm/app/churn';
import { sharedClientFactory } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

const CUSTOMERS = 7;

/**
 * A tenant's night in chunks (issue 21): the churn review stopped after every page of two
 * customers and resumed from its cursor, as the nightly worker does when its invocation runs
 * short, reviews every buyer exactly once, with the real repositories on DynamoDB Local.
 */
describe('the nightly churn review in chunks', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  const customerIds: string[] = [];

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app, 'Nightly Chunks Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    const currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
    for (let index = 0; index < CUSTOMERS; index++) {
      const created = await call(app, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: { name: `Chunk Buyer ${index}`, kind: 'business', ownerId: owner.userId },
      });
      expect(created.status).toBe(201);
      const customerId = created.body.id as string;
      customerIds.push(customerId);
      const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body: { type: 'order', amount: 1_000 + index, currency, occurredAt: new Date().toISOString() },
      });
      expect(order.status).toBe(201);
    }
    // The stream's reaction records each customer's order stats (what the review walks).
    const deadline = Date.now() + 20_000;
    for (const customerId of customerIds) {
      for (;;) {
        const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
        if ((customer.body.stats as { lastOrderAt?: string } | undefined)?.lastOrderAt) break;
        if (Date.now() > deadline) throw new Error(`no order stats for ${customerId}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }, 60_000);
  afterAll(async () => {
    await stream.stop();
  });

  it('reviews every buyer once across several resumed chunks, and a second night moves nothing', async () => {
    // 200 days on with one order: past the default at-risk gap.
    const later = () => new Date(Date.now() + 200 * 86_400_000);
    const deps = { tenantClient: sharedClientFactory(table), clock: later };
    const chunks: { customers: number; moved: number }[] = [];
    let cursor: string | undefined;
    do {
      const chunk = await reviewChurnChunk(deps, owner.tenantId, {
        ...(cursor ? { cursor } : {}),
        pageSize: 2,
        // No time for a second page: every call stops after one and hands back its cursor.
        more: () => false,
      });
      chunks.push({ customers: chunk.customers, moved: chunk.moved });
      cursor = chunk.next;
    } while (cursor && chunks.length < 20);

    expect(chunks.map((chunk) => chunk.customers)).toEqual([2, 2, 2, 1]);
    expect(chunks.reduce((sum, chunk) => sum + chunk.moved, 0)).toBe(CUSTOMERS);
    for (const customerId of customerIds) {
      const churn = await call(app, 'GET', `/v1/customers/${customerId}/churn`, { auth: owner.auth });
      expect(churn.body).toMatchObject({ state: 'at_risk' });
    }

    const again = await reviewChurnChunk(deps, owner.tenantId, {});
    expect(again).toEqual({ customers: CUSTOMERS, moved: 0 });
  });
});
