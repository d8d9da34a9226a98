import { CustomerSchema } from '@crm/domain';
import { CustomerRepository } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

describe('interactions (the timeline)', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let customerId: string;

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Rice Buyer', kind: 'consumer' },
    });
    customerId = created.body.id as string;
  });

  it('records orders and payments in minor units and moves the customer figures', async () => {
    const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 12345, currency: 'CNY', occurredAt: '2026-01-02T03:04:05Z' },
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ type: 'order', amount: 12345, actorId: owner.userId, source: 'api' });
    const payment = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'payment', amount: 10000, currency: 'CNY', occurredAt: '2026-01-05T00:00:00+08:00' },
    });
    expect(payment.status).toBe(201);
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body.stats).toMatchObject({
      orderCount: 1,
      orderValue: 12345,
      paymentValue: 10000,
      interactionCount: 2,
      lastOrderAt: '2026-01-02T03:04:05.000Z',
      lastInteractionAt: '2026-01-04T16:00:00.000Z',
    });
    expect(customer.body.version).toBe(1);
  });

  it('returns the customer as documented, its figures revision staying in the table through an edit', async () => {
    const documented = Object.keys(CustomerSchema.shape);
    const customers = new CustomerRepository(testTableClient(), owner.tenantId);
    const before = await customers.getWithStatsRevision({ customerId });

    const patched = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: owner.auth,
      headers: { 'If-Match': String(before?.customer.version) },
      body: { tags: ['rice'] },
    });
    const read = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    const page = await call(app, 'GET', '/v1/customers', { auth: owner.auth });

    expect(before?.statsRevision).toBe(2);
    expect(patched.status).toBe(200);
    for (const customer of [patched.body, read.body, ...(page.body.items as Record<string, unknown>[])]) {
      expect(Object.keys(customer).filter((field) => !documented.includes(field))).toEqual([]);
    }
    expect((await customers.getWithStatsRevision({ customerId }))?.statsRevision).toBe(2);
  });

  it('counts every one of many concurrent orders exactly once', async () => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Busy', kind: 'consumer' },
    });
    const id = created.body.id as string;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        call(app, 'POST', `/v1/customers/${id}/interactions`, {
          auth: owner.auth,
          body: {
            type: 'order',
            amount: 100 + index,
            currency: 'CNY',
            occurredAt: `2026-02-0${index + 1}T00:00:00Z`,
          },
        }),
      ),
    );
    expect(results.every((result) => result.status === 201)).toBe(true);
    const customer = await call(app, 'GET', `/v1/customers/${id}`, { auth: owner.auth });
    expect(customer.body.stats).toMatchObject({ orderCount: 8, orderValue: 8 * 100 + 28 });
  });

  it('lists the timeline newest first with pagination and a type filter', async () => {
    for (const day of ['10', '11', '12']) {
      await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body: { type: 'call', channel: 'phone', text: `call ${day}`, occurredAt: `2026-03-${day}T09:00:00Z` },
      });
    }
    const first = await call(app, 'GET', `/v1/customers/${customerId}/interactions?limit=2`, {
      auth: owner.auth,
    });
    expect((first.body.items as { text: string }[]).map((item) => item.text)).toEqual(['call 12', 'call 11']);
    const second = await call(
      app,
      'GET',
      `/v1/customers/${customerId}/interactions?limit=2&cursor=${first.body.nextCursor}`,
      {
        auth: owner.auth,
      },
    );
    expect((second.body.items as { text?: string; type: string }[])[0]?.text).toBe('call 10');
    const orders = await call(app, 'GET', `/v1/customers/${customerId}/interactions?type=order`, {
      auth: owner.auth,
    });
    expect((orders.body.items as { type: string }[]).map((item) => item.type)).toEqual(['order']);
  });

  it('refuses negative or fractional money, unknown types and bad dates', async () => {
    const bad = [
      { type: 'order', amount: -1, currency: 'CNY', occurredAt: '2026-01-01T00:00:00Z' },
      { type: 'order', amount: 10.5, currency: 'CNY', occurredAt: '2026-01-01T00:00:00Z' },
      { type: 'payment', amount: 0, currency: 'CNY', occurredAt: '2026-01-01T00:00:00Z' },
      { type: 'order', amount: 1, currency: 'yuan', occurredAt: '2026-01-01T00:00:00Z' },
      { type: 'telepathy', occurredAt: '2026-01-01T00:00:00Z' },
      { type: 'note', occurredAt: 'yesterday' },
      { type: 'note', occurredAt: '2026-01-01T00:00:00Z', amount: 5 },
    ];
    for (const body of bad) {
      const response = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
        auth: owner.auth,
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((response.body.error as { fields: unknown[] }).fields.length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for an unknown customer', async () => {
    const response = await call(app, 'POST', '/v1/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV/interactions', {
      auth: owner.auth,
      body: { type: 'note', occurredAt: '2026-01-01T00:00:00Z' },
    });
    expect(response.status).toBe(404);
  });
});

describe('contacts', () => {
  const app = createTestApp();

  it('adds contacts with roles and relationships, edits with versions, and removes them', async () => {
    const owner = await signUpTenant(app);
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Dealer Co', kind: 'distributor' },
    });
    const base = `/v1/customers/${customer.body.id}/contacts`;
    const boss = await call(app, 'POST', base, {
      auth: owner.auth,
      body: { name: '李总', title: 'General manager', roles: ['decision_maker'], primary: true },
    });
    expect(boss.status).toBe(201);
    const buyer = await call(app, 'POST', base, {
      auth: owner.auth,
      body: {
        name: '王采购',
        roles: ['buyer'],
        relations: [{ type: 'reports_to', contactId: boss.body.id }],
      },
    });
    expect(buyer.status).toBe(201);
    const dangling = await call(app, 'POST', base, {
      auth: owner.auth,
      body: { name: 'Ghost', relations: [{ type: 'reports_to', contactId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }] },
    });
    expect(dangling.status).toBe(400);
    const list = await call(app, 'GET', base, { auth: owner.auth });
    expect((list.body.items as unknown[]).length).toBe(2);
    const edited = await call(app, 'PATCH', `${base}/${buyer.body.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { title: 'Purchasing lead', phone: '+86 139 0000 0000' },
    });
    expect(edited.body).toMatchObject({ version: 2, title: 'Purchasing lead' });
    const stale = await call(app, 'PATCH', `${base}/${buyer.body.id}`, {
      auth: owner.auth,
      body: { title: 'x', version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await call(app, 'DELETE', `${base}/${buyer.body.id}`, { auth: owner.auth })).status).toBe(204);
    expect((await call(app, 'GET', `${base}/${buyer.body.id}`, { auth: owner.auth })).status).toBe(404);
  });
});

describe('custom fields', () => {
  const app = createTestApp();

  it('validates customer values against admin definitions, enforces unique values, and filters by them', async () => {
    const owner = await signUpTenant(app);
    const defs = [
      { key: 'tier', label: { en: 'Tier', zh: '等级' }, type: 'enum', options: ['gold', 'silver'] },
      { key: 'vat_number', label: { en: 'VAT number', zh: '税号' }, type: 'text', unique: true },
      { key: 'credit_limit', label: { en: 'Credit limit' }, type: 'money', currency: 'CNY' },
    ];
    for (const def of defs) {
      expect((await call(app, 'POST', '/v1/custom-fields', { auth: owner.auth, body: def })).status).toBe(
        201,
      );
    }
    expect((await call(app, 'POST', '/v1/custom-fields', { auth: owner.auth, body: defs[0] })).status).toBe(
      409,
    );

    const first = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: {
        name: 'Gold One',
        kind: 'business',
        customFields: { tier: 'gold', vat_number: 'CN-1', credit_limit: 500000 },
      },
    });
    expect(first.status).toBe(201);
    const wrong = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Wrong', kind: 'business', customFields: { tier: 'bronze', credit_limit: 1.5, nope: 1 } },
    });
    expect(wrong.status).toBe(400);
    const wrongPaths = (wrong.body.error as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(wrongPaths).toEqual(
      expect.arrayContaining(['customFields.tier', 'customFields.credit_limit', 'customFields.nope']),
    );
    const duplicate = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Copycat', kind: 'business', customFields: { vat_number: 'cn-1' } },
    });
    expect(duplicate.status).toBe(400);
    expect((duplicate.body.error as { fields: { path: string }[] }).fields[0]?.path).toBe(
      'customFields.vat_number',
    );

    await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Silver One', kind: 'business', customFields: { tier: 'silver' } },
    });
    const gold = await call(app, 'GET', '/v1/customers?customField=tier:gold', { auth: owner.auth });
    expect((gold.body.items as { name: string }[]).map((c) => c.name)).toEqual(['Gold One']);

    // Archiving a definition keeps stored values intact; new values for it are refused.
    const archived = await call(app, 'PATCH', '/v1/custom-fields/tier', {
      auth: owner.auth,
      body: { archived: true, version: 1 },
    });
    expect(archived.status).toBe(200);
    const kept = await call(app, 'GET', `/v1/customers/${first.body.id}`, { auth: owner.auth });
    expect(kept.body.customFields).toMatchObject({ tier: 'gold' });
    const refused = await call(app, 'PATCH', `/v1/customers/${first.body.id}`, {
      auth: owner.auth,
      body: { customFields: { tier: 'silver' }, version: 1 },
    });
    expect(refused.status).toBe(400);
    // Moving the unique value frees the old one.
    const moved = await call(app, 'PATCH', `/v1/customers/${first.body.id}`, {
      auth: owner.auth,
      body: { customFields: { vat_number: 'CN-2' }, version: 1 },
    });
    expect(moved.status).toBe(200);
    const reuse = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Reuser', kind: 'business', customFields: { vat_number: 'CN-1' } },
    });
    expect(reuse.status).toBe(201);
  });
});
