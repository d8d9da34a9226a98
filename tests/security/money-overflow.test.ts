import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_MONEY_AMOUNT, MAX_MONEY_TOTAL } from '@crm/domain';
import { keys } from '@crm/dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Issue 17 finding 6 and its class: no amount on any money path (orders, payments, invoices,
 * quotes through the API; amounts in an imported file) can break a customer's figures. A single
 * amount is bounded (400); a write that would take a total past what stays exact is refused (422)
 * and changes nothing; later orders still work, and the customer always reads back. Never a 5xx.
 */

const MONEY_TYPES = ['order', 'payment', 'invoice', 'quote'] as const;
const occurredAt = '2026-05-01T00:00:00Z';

describe('money overflow', () => {
  const app = createTestApp();
  const table = testTableClient();
  let owner: SignedUpTenant;
  let customerId: string;

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Whale', kind: 'business' },
    });
    customerId = created.body.id as string;
  });

  const post = (body: Record<string, unknown>) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, { auth: owner.auth, body });

  const readStats = async () => {
    const read = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(read.status).toBe(200);
    return read.body.stats as {
      orderValue: number;
      orderValueByCurrency: Record<string, number>;
      paymentValue: number;
      orderCount: number;
    };
  };

  it('refuses the attack amount 9007199254740991 with 400 and keeps taking orders', async () => {
    const huge = await post({ type: 'order', amount: Number.MAX_SAFE_INTEGER, currency: 'CNY', occurredAt });
    const next = await post({ type: 'order', amount: 100, currency: 'CNY', occurredAt });

    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatchObject({ fields: [expect.objectContaining({ path: 'amount' })] });
    expect(next.status).toBe(201);
    expect((await readStats()).orderValue).toBe(100);
  });

  it('bounds every single amount on every money type: 400 on the amount field, never 5xx', async () => {
    const outOfRange = fc.oneof(
      fc.integer({ min: MAX_MONEY_AMOUNT + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 2 ** 60, 1e300, 1e12 + 0.5, -1),
      fc.double({ min: 0, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MONEY_TYPES), outOfRange, async (type, amount) => {
        const response = await post({ type, amount, currency: 'CNY', occurredAt });
        expect(response.status).toBe(400);
        expect(JSON.stringify(response.body.error)).toContain('"path":"amount"');
      }),
      { numRuns: 40 },
    );
  });

  it('refuses with 422 any write that would take a total past the maximum, changing nothing', async () => {
    // Totals near the bound are arranged directly in the table: thousands of orders would be slow.
    const seedTotals = (total: number) =>
      table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.customer(owner.tenantId, customerId),
          UpdateExpression: 'SET #s.#ov = :t, #s.#by.#cny = :t, #s.#pv = :t',
          ExpressionAttributeNames: {
            '#s': 'stats',
            '#ov': 'orderValue',
            '#by': 'orderValueByCurrency',
            '#cny': 'CNY',
            '#pv': 'paymentValue',
          },
          ExpressionAttributeValues: { ':t': total },
        }),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_MONEY_TOTAL - 2 * MAX_MONEY_AMOUNT, max: MAX_MONEY_TOTAL }),
        fc.integer({ min: 1, max: MAX_MONEY_AMOUNT }),
        fc.constantFrom('order', 'payment'),
        async (total, amount, type) => {
          await seedTotals(total);
          const before = await readStats();

          const response = await post({ type, amount, currency: 'CNY', occurredAt });

          const after = await readStats();
          const field = type === 'order' ? 'orderValue' : 'paymentValue';
          if (BigInt(total) + BigInt(amount) <= BigInt(MAX_MONEY_TOTAL)) {
            expect(response.status).toBe(201);
            expect(after[field]).toBe(total + amount);
          } else {
            expect(response.status).toBe(422);
            expect(response.body.error).toMatchObject({ code: 'unprocessable' });
            expect(after).toEqual(before);
          }
          // A small write in another currency always still works.
          expect((await post({ type: 'order', amount: 1, currency: 'USD', occurredAt })).status).toBe(201);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects an imported row whose amount passes the bound, importing the rest', async () => {
    const file = [
      'customer_id,date,amount',
      'W1,2026-01-02,12.34',
      `W1,2026-01-03,${'9'.repeat(17)}`,
      `W1,2026-01-04,${MAX_MONEY_AMOUNT / 100 + 1}`,
    ].join('\n');
    const response = await app.request('/v1/imports?kind=transactions&createMissingCustomers=true', {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'text/csv' },
      body: file,
    });
    const report = (await response.json()) as { rowsWritten: number; rowsRejected: number };

    expect(response.status).toBe(201);
    expect(report).toMatchObject({ rowsWritten: 1, rowsRejected: 2 });
  });
});
