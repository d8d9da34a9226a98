import { CustomerSchema } from '@crm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';

/**
 * Finding 8 of issue 17: after a partner added an order the history showed an "updated" entry by
 * the owner, with the owner's old timestamp and internal keys (gsi3sk, gsi4sk); and a partner
 * could record an interaction in the owner's name (`actorId` in the body). The actor is always the
 * authenticated principal; history shows only profile fields, and who made each change and when.
 */

type HistoryEntry = { action: string; actorId: string; at: string; changes?: Record<string, unknown> };

describe('the audit trail', () => {
  const app = createTestApp();
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let owner: SignedUpTenant;
  let partner: { userId: string; auth: { Authorization: string } };
  let customerId: string;

  beforeAll(async () => {
    stream = await startReactions();
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
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Audited Motors', kind: 'business', industry: 'auto' },
    });
    customerId = created.body.id as string;
    const grant = await call(app, 'PUT', `/v1/customers/${customerId}/shares/${partner.userId}`, {
      auth: owner.auth,
      body: { fields: ['interactions'], canAddInteractions: true },
    });
    expect(grant.status).toBe(200);
  });

  afterAll(async () => {
    await stream.stop();
  });

  const order = { type: 'order', amount: 250_00, currency: 'CNY', occurredAt: '2026-02-01T09:00:00Z' };

  it('refuses an interaction body that names its own actor', async () => {
    const spoofed = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: partner.auth,
      body: { ...order, actorId: owner.userId },
    });
    expect(spoofed.status).toBe(400);
    expect(JSON.stringify(spoofed.body)).toContain('actorId');
  });

  it('records the authenticated principal as the actor', async () => {
    const added = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: partner.auth,
      body: order,
    });
    expect(added.status).toBe(201);
    expect(added.body.actorId).toBe(partner.userId);
  });

  it('shows only profile fields, and each change with its real actor and time', async () => {
    await stream.settle();
    // The partner's order moved figures only: nobody edited the profile.
    let history = await call(app, 'GET', `/v1/customers/${customerId}/history`, { auth: owner.auth });
    expect((history.body.items as HistoryEntry[]).map((entry) => entry.action)).toEqual(['created']);

    const before = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    const patched = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: owner.auth,
      body: { industry: 'automotive', version: before.body.version },
    });
    expect(patched.status).toBe(200);
    await stream.settle();
    history = await call(app, 'GET', `/v1/customers/${customerId}/history`, { auth: owner.auth });
    const [latest] = history.body.items as HistoryEntry[];
    expect(latest).toMatchObject({
      action: 'updated',
      actorId: owner.userId,
      at: patched.body.updatedAt,
      changes: { industry: ['auto', 'automotive'] },
    });
    const profileFields = new Set(Object.keys(CustomerSchema.shape));
    for (const entry of history.body.items as HistoryEntry[]) {
      for (const field of Object.keys(entry.changes ?? {})) expect(profileFields).toContain(field);
    }
  });
});
