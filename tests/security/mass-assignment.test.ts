import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';

describe('mass assignment', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let customerId: string;

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Target', kind: 'business' },
    });
    customerId = created.body.id as string;
  });

  // [what, method, path, body]; the first word of `what` is the field that must be refused.
  const forbidden: [string, string, (customerId: string) => string, Record<string, unknown>][] = [
    ['tenantId on create', 'POST', () => '/v1/customers', { name: 'x', kind: 'consumer', tenantId: 'T' }],
    ['version on create', 'POST', () => '/v1/customers', { name: 'x', kind: 'consumer', version: 7 }],
    [
      'id on create',
      'POST',
      () => '/v1/customers',
      { name: 'x', kind: 'consumer', id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
    ],
    [
      'computed stats on create',
      'POST',
      () => '/v1/customers',
      { name: 'x', kind: 'consumer', stats: { orderValue: 1 } },
    ],
    [
      'computed scores on create',
      'POST',
      () => '/v1/customers',
      { name: 'x', kind: 'consumer', scores: { clv: 1 } },
    ],
    [
      'createdAt on create',
      'POST',
      () => '/v1/customers',
      { name: 'x', kind: 'consumer', createdAt: '2020-01-01T00:00:00Z' },
    ],
    [
      'archivedAt on patch',
      'PATCH',
      (id) => `/v1/customers/${id}`,
      { archivedAt: '2020-01-01T00:00:00Z', version: 1 },
    ],
    ['tenantId on patch', 'PATCH', (id) => `/v1/customers/${id}`, { tenantId: 'T', version: 1 }],
    ['stats on patch', 'PATCH', (id) => `/v1/customers/${id}`, { stats: { orderCount: 1 }, version: 1 }],
    [
      'role on sign-up',
      'POST',
      () => '/v1/auth/signup',
      { tenantName: 'x', email: 'a@b.co', password: '0123456789', role: 'owner' },
    ],
    [
      'tenantId on interaction',
      'POST',
      (id) => `/v1/customers/${id}/interactions`,
      { type: 'note', occurredAt: '2026-01-01T00:00:00Z', tenantId: 'T' },
    ],
    [
      'createdBy on interaction',
      'POST',
      (id) => `/v1/customers/${id}/interactions`,
      { type: 'note', occurredAt: '2026-01-01T00:00:00Z', createdBy: 'me' },
    ],
    ['version on contact create', 'POST', (id) => `/v1/customers/${id}/contacts`, { name: 'c', version: 3 }],
    ['tenantId on tenant settings', 'PATCH', () => '/v1/tenant', { tenantId: 'T', version: 1 }],
    ['secretHash on API key', 'POST', () => '/v1/api-keys', { name: 'k', scope: 'read', secretHash: 'x' }],
    [
      'status on invitation',
      'POST',
      () => '/v1/users/invitations',
      { email: 'x@example.com', role: 'member', status: 'active' },
    ],
  ];

  for (const [name, method, path, body] of forbidden) {
    it(`refuses ${name} with a 400 naming the field`, async () => {
      const response = await call(app, method, path(customerId), { auth: owner.auth, body });
      expect(response.status).toBe(400);
      const fields = (response.body.error as { fields: { path: string }[] }).fields
        .map((field) => field.path)
        .join(',');
      const field = name.split(' ')[0] as string;
      expect(fields).toContain(field === 'computed' ? name.split(' ')[1] : field);
    });
  }

  it('left the target customer untouched', async () => {
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body).toMatchObject({ version: 1, name: 'Target' });
    expect(customer.body.archivedAt).toBeUndefined();
  });
});
