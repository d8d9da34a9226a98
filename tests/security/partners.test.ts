import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';

describe('channel partners (按权限共享)', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let partner: { userId: string; auth: { Authorization: string } };
  let shared: string;
  let hidden: string;

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const email = uniqueEmail('dealer');
    const invite = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email, role: 'partner' },
    });
    const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
    const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === email);
    const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
    const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    partner = {
      userId: invite.body.id as string,
      auth: { Authorization: `Bearer ${accepted.body.accessToken}` },
    };
    const make = async (name: string) =>
      (
        await call(app, 'POST', '/v1/customers', {
          auth: owner.auth,
          body: {
            name,
            kind: 'consumer',
            phone: '+86 139 1111 2222',
            email: `${name}@example.com`,
            tags: ['secret-tag'],
          },
        })
      ).body.id as string;
    shared = await make('shared');
    hidden = await make('hidden');
    const grant = await call(app, 'PUT', `/v1/customers/${shared}/shares/${partner.userId}`, {
      auth: owner.auth,
      body: { fields: ['phone', 'interactions'] },
    });
    expect(grant.status).toBe(200);
  });

  it('lists only the customers shared with the partner, with only the granted fields', async () => {
    const list = await call(app, 'GET', '/v1/customers', { auth: partner.auth });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: shared, name: 'shared', phone: '+86 139 1111 2222' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain('secret-tag');
    expect(JSON.stringify(list.body)).not.toContain('shared@example.com');
  });

  it('reads a shared customer projected, and a non-shared one as 404', async () => {
    const seen = await call(app, 'GET', `/v1/customers/${shared}`, { auth: partner.auth });
    expect(seen.status).toBe(200);
    expect(seen.body.email).toBeUndefined();
    expect(seen.body.tags).toBeUndefined();
    expect((await call(app, 'GET', `/v1/customers/${hidden}`, { auth: partner.auth })).status).toBe(404);
    expect(
      (await call(app, 'GET', `/v1/customers/${hidden}/interactions`, { auth: partner.auth })).status,
    ).toBe(404);
  });

  it('reads the timeline only when granted, and writes it only with canAddInteractions', async () => {
    expect(
      (await call(app, 'GET', `/v1/customers/${shared}/interactions`, { auth: partner.auth })).status,
    ).toBe(200);
    const visit = { type: 'visit', text: 'showroom visit', occurredAt: '2026-03-01T10:00:00Z' };
    expect(
      (await call(app, 'POST', `/v1/customers/${shared}/interactions`, { auth: partner.auth, body: visit }))
        .status,
    ).toBe(403);
    await call(app, 'PUT', `/v1/customers/${shared}/shares/${partner.userId}`, {
      auth: owner.auth,
      body: { fields: ['phone', 'interactions'], canAddInteractions: true },
    });
    expect(
      (await call(app, 'POST', `/v1/customers/${shared}/interactions`, { auth: partner.auth, body: visit }))
        .status,
    ).toBe(201);
  });

  it('cannot create, change, archive, export or manage anything', async () => {
    const attempts: [string, string, unknown?][] = [
      ['POST', '/v1/customers', { name: 'x', kind: 'consumer' }],
      ['PATCH', `/v1/customers/${shared}`, { name: 'x', version: 1 }],
      ['DELETE', `/v1/customers/${shared}`],
      ['GET', '/v1/customers/export'],
      ['GET', `/v1/customers/${shared}/history`],
      ['GET', `/v1/customers/${shared}/contacts`],
      ['GET', '/v1/tenant'],
      ['GET', '/v1/users'],
      ['GET', '/v1/custom-fields'],
      ['PUT', `/v1/customers/${hidden}/shares/${partner.userId}`, { fields: ['email'] }],
      ['GET', '/v1/workflows'],
      [
        'POST',
        '/v1/workflows',
        { name: 'x', trigger: { type: 'manual' }, actions: [{ type: 'wait', hours: 1 }] },
      ],
      // Sales: shares do not cover leads and deals, not even of a shared customer.
      ['GET', '/v1/leads'],
      ['POST', '/v1/leads', { name: 'x', source: 'partner' }],
      ['GET', `/v1/opportunities?customerId=${shared}`],
      ['POST', '/v1/opportunities', { customerId: shared, name: 'x', amount: 1, currency: 'USD' }],
      ['GET', '/v1/pipelines'],
      ['GET', '/v1/funnel'],
      ['GET', '/v1/sales/lost-deals'],
      // Quotes: ids need not exist, the role is refused before any lookup.
      [
        'POST',
        `/v1/opportunities/${shared}/quotes`,
        { lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] },
      ],
      ['GET', `/v1/opportunities/${shared}/quotes`],
      ['GET', `/v1/quotes/${shared}`],
      ['POST', '/v1/quotes/totals', { lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] }],
      ['PATCH', `/v1/quotes/${shared}`, { note: 'x', version: 1 }],
      ['POST', `/v1/quotes/${shared}/send`, {}],
      ['POST', `/v1/quotes/${shared}/accept`, {}],
      ['POST', `/v1/quotes/${shared}/reject`, {}],
      ['GET', '/v1/members/tier-policy'],
      ['POST', '/v1/service-requests', { customerId: shared, summary: 'x' }],
      ['GET', '/v1/service-plans'],
      [
        'POST',
        '/v1/service-plans',
        { customerId: shared, title: 'x', every: { count: 1, unit: 'months' }, startsOn: '2026-01-01' },
      ],
      // Surveys: not even a shared customer's answers.
      ['GET', '/v1/surveys'],
      [
        'POST',
        '/v1/surveys',
        { title: { en: 'x', zh: 'x' }, questions: [{ id: 'nps', kind: 'nps', text: { en: 'x', zh: 'x' } }] },
      ],
      ['POST', `/v1/surveys/${shared}/send`, { customerIds: [shared] }],
      ['GET', `/v1/surveys/${shared}/results`],
      ['GET', `/v1/customers/${shared}/surveys`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call(app, method, path, { auth: partner.auth, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('loses access when the share is withdrawn', async () => {
    expect(
      (await call(app, 'DELETE', `/v1/customers/${shared}/shares/${partner.userId}`, { auth: owner.auth }))
        .status,
    ).toBe(204);
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: partner.auth })).status).toBe(404);
    expect((await call(app, 'GET', '/v1/customers', { auth: partner.auth })).body.items).toEqual([]);
  });

  it('shares only with partner users', async () => {
    const response = await call(app, 'PUT', `/v1/customers/${shared}/shares/${owner.userId}`, {
      auth: owner.auth,
      body: { fields: [] },
    });
    expect(response.status).toBe(400);
  });
});
