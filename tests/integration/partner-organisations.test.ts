import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailedToken } from '../support/mailbox.js';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';

type Member = { userId: string; email: string; auth: { Authorization: string } };
type PortalView = {
  organisation: Record<string, unknown> | null;
  customers: { customer: Record<string, unknown> }[];
  serviceRequests: { id: string }[];
  opportunities: { id: string; pipeline: string; stage: string }[];
  pipelines: { key: string; stages: Record<string, unknown>[] }[];
  figures: Record<string, unknown>;
};
type Organisation = { id: string; name: string; status: string; adminUserId: string | null; version: number };

/**
 * Channel partners as the automaker case needs them (按权限共享, DOMAIN.md §2): a dealer
 * organisation with its own admin and users, customers shared with the organisation field by
 * field, read or read-write, the dealer's edits in the customer's history, and its portal.
 */
describe('partner organisations', () => {
  const app = createTestApp();
  let stream: Awaited<ReturnType<typeof startReactions>>;
  let owner: SignedUpTenant;
  let organisation: Organisation;
  let dealerAdmin: Member;
  let salesman: Member;
  let customerId: string;

  async function accept(email: string, userId: string): Promise<Member> {
    const token = await mailedToken(email, 'accept-invitation');
    const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    expect(accepted.status).toBe(200);
    return { userId, email, auth: { Authorization: `Bearer ${accepted.body.accessToken}` } };
  }

  async function invite(auth: { Authorization: string }, organisationId: string) {
    const email = uniqueEmail('dealer');
    const invited = await call(app, 'POST', `/v1/partner-organisations/${organisationId}/invitations`, {
      auth,
      body: { email, name: 'Dealer user' },
    });
    return { invited, email };
  }

  beforeAll(async () => {
    stream = await startReactions();
    owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: '华南车行 South China Motors' },
    });
    expect(created.status).toBe(201);
    organisation = created.body as Organisation;
    const { invited, email } = await invite(owner.auth, organisation.id);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      role: 'partner',
      organisationId: organisation.id,
      status: 'invited',
    });
    dealerAdmin = await accept(email, invited.body.id as string);
    const named = await call(app, 'PATCH', `/v1/partner-organisations/${organisation.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': `"${organisation.version}"` },
      body: { adminUserId: dealerAdmin.userId },
    });
    expect(named.status).toBe(200);
    organisation = named.body as Organisation;
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Fleet buyer', kind: 'business', phone: '+86 20 1234 5678', email: 'fleet@example.cn' },
    });
    customerId = customer.body.id as string;
  });

  afterAll(async () => {
    await stream.stop();
  });

  it('lets tenant admins create, rename and disable organisations, against their version', async () => {
    const created = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: 'Renamed later' },
    });
    const id = created.body.id as string;
    const renamed = await call(app, 'PATCH', `/v1/partner-organisations/${id}`, {
      auth: owner.auth,
      body: { name: '北方车行', version: 1 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '北方车行', version: 2, status: 'active' });
    const stale = await call(app, 'PATCH', `/v1/partner-organisations/${id}`, {
      auth: owner.auth,
      body: { status: 'disabled', version: 1 },
    });
    expect(stale.status).toBe(409);
    const disabled = await call(app, 'PATCH', `/v1/partner-organisations/${id}`, {
      auth: owner.auth,
      body: { status: 'disabled', version: 2 },
    });
    expect(disabled.body.status).toBe('disabled');
    const list = await call(app, 'GET', '/v1/partner-organisations', { auth: owner.auth });
    expect((list.body.items as Organisation[]).map((item) => item.name)).toEqual(
      expect.arrayContaining(['北方车行', '华南车行 South China Motors']),
    );
    // Nobody joins a disabled organisation.
    expect((await invite(owner.auth, id)).invited.status).toBe(409);
  });

  it('answers bad input with field errors', async () => {
    const empty = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: ' ' },
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('name');
    const notMember = await call(app, 'PATCH', `/v1/partner-organisations/${organisation.id}`, {
      auth: owner.auth,
      body: { adminUserId: owner.userId, version: organisation.version },
    });
    expect(notMember.status).toBe(400);
    expect(JSON.stringify(notMember.body)).toContain('adminUserId');
    const wrongRole = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email: uniqueEmail('m'), role: 'member', organisationId: organisation.id },
    });
    expect(wrongRole.status).toBe(400);
    const past = await call(
      app,
      'PUT',
      `/v1/customers/${customerId}/organisation-shares/${organisation.id}`,
      {
        auth: owner.auth,
        body: { fields: ['phone'], validUntil: '2020-01-01T00:00:00Z' },
      },
    );
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toContain('validUntil');
  });

  it('lets the organisation’s admin invite and disable its own users, and nobody else’s', async () => {
    const { invited, email } = await invite(dealerAdmin.auth, organisation.id);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'partner', organisationId: organisation.id });
    salesman = await accept(email, invited.body.id as string);

    const members = await call(app, 'GET', `/v1/partner-organisations/${organisation.id}/users`, {
      auth: dealerAdmin.auth,
    });
    expect((members.body.items as { id: string }[]).map((user) => user.id).sort()).toEqual(
      [dealerAdmin.userId, salesman.userId].sort(),
    );
    // A plain dealer user manages nothing; the admin manages no other organisation.
    expect((await invite(salesman.auth, organisation.id)).invited.status).toBe(403);
    const other = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: 'Other' },
    });
    expect((await invite(dealerAdmin.auth, other.body.id as string)).invited.status).toBe(403);
    expect((await call(app, 'GET', '/v1/partner-organisations', { auth: dealerAdmin.auth })).status).toBe(
      403,
    );
    // Nor does it reach the tenant's users or change its own status.
    const self = await call(
      app,
      'PATCH',
      `/v1/partner-organisations/${organisation.id}/users/${dealerAdmin.userId}`,
      { auth: dealerAdmin.auth, body: { status: 'disabled', version: 1 } },
    );
    expect(self.status).toBe(403);
    const tenantUser = await call(
      app,
      'PATCH',
      `/v1/partner-organisations/${organisation.id}/users/${owner.userId}`,
      { auth: dealerAdmin.auth, body: { status: 'disabled', version: 1 } },
    );
    expect(tenantUser.status).toBe(404);
  });

  it('shares a customer with the organisation: every user sees the shared fields only', async () => {
    const granted = await call(
      app,
      'PUT',
      `/v1/customers/${customerId}/organisation-shares/${organisation.id}`,
      {
        auth: owner.auth,
        body: { fields: ['phone', 'interactions'], access: 'read-write', canAddInteractions: true },
      },
    );
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      grantee: 'organisation',
      partnerId: organisation.id,
      access: 'read-write',
      validUntil: null,
    });
    for (const member of [dealerAdmin, salesman]) {
      const seen = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: member.auth });
      expect(seen.status).toBe(200);
      expect(seen.body.phone).toBe('+86 20 1234 5678');
      expect(seen.body.email).toBeUndefined();
    }
    const shares = await call(app, 'GET', `/v1/customers/${customerId}/shares`, { auth: owner.auth });
    expect(shares.body.items).toEqual([
      expect.objectContaining({ grantee: 'organisation', partnerId: organisation.id }),
    ]);
    const ofOrganisation = await call(app, 'GET', `/v1/partner-organisations/${organisation.id}/shares`, {
      auth: owner.auth,
    });
    expect(ofOrganisation.body.items).toEqual([expect.objectContaining({ customerId })]);
  });

  it('lets a dealer change shared fields only, and the history names it and its organisation', async () => {
    const seen = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: salesman.auth });
    const hidden = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: salesman.auth,
      body: { email: 'mine@example.cn', version: seen.body.version },
    });
    expect(hidden.status).toBe(403);
    expect(JSON.stringify(hidden.body)).toContain('email');
    const changed = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: salesman.auth,
      headers: { 'If-Match': `"${seen.body.version}"` },
      body: { phone: '+86 20 8765 4321' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      phone: '+86 20 8765 4321',
      version: (seen.body.version as number) + 1,
    });
    expect(changed.body.email).toBeUndefined();
    await stream.settle();
    const history = await call(app, 'GET', `/v1/customers/${customerId}/history`, { auth: owner.auth });
    expect((history.body.items as Record<string, unknown>[])[0]).toMatchObject({
      action: 'updated',
      actorId: salesman.userId,
      organisationId: organisation.id,
      changes: { phone: ['+86 20 1234 5678', '+86 20 8765 4321'] },
    });
    // An admin's later edit is not the dealer's.
    const admin = await call(app, 'PATCH', `/v1/customers/${customerId}`, {
      auth: owner.auth,
      body: { industry: 'logistics', version: changed.body.version },
    });
    expect(admin.body.updatedByOrganisationId).toBeUndefined();
  });

  it('shows the dealer its portal: customers, requests dispatched to it, deals and order figures', async () => {
    const order = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: salesman.auth,
      body: {
        type: 'order',
        amount: 350_000,
        currency: 'CNY',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
    });
    expect(order.status).toBe(201);
    await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: {
        type: 'order',
        amount: 150_000,
        currency: 'CNY',
        occurredAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      },
    });
    const request = await call(app, 'POST', '/v1/service-requests', {
      auth: owner.auth,
      body: { customerId, summary: 'First service at 5,000 km' },
    });
    const planned = await call(app, 'POST', `/v1/service-requests/${request.body.id}/transitions`, {
      auth: owner.auth,
      body: {
        to: 'planned',
        scheduledStart: '2026-03-03T09:00:00+08:00',
        scheduledEnd: '2026-03-03T11:00:00+08:00',
      },
    });
    expect(planned.status).toBe(200);
    const dispatched = await call(app, 'POST', `/v1/service-requests/${request.body.id}/transitions`, {
      auth: owner.auth,
      body: { to: 'dispatched', assignee: { kind: 'partner', userId: salesman.userId } },
    });
    expect(dispatched.status).toBe(200);
    const deal = await call(app, 'POST', '/v1/opportunities', {
      auth: owner.auth,
      body: { customerId, name: '5 delivery vans', amount: 1_000_000, currency: 'CNY' },
    });
    expect(deal.status).toBe(201);

    const portal = await call(app, 'GET', '/v1/partner/portal', { auth: salesman.auth });
    expect(portal.status).toBe(200);
    const view = portal.body as unknown as PortalView;
    expect(view.organisation).toMatchObject({ id: organisation.id, isAdmin: false });
    expect(view.customers).toEqual([
      expect.objectContaining({
        access: 'read-write',
        organisationId: organisation.id,
        fields: ['phone', 'interactions'],
      }),
    ]);
    expect(view.customers[0]?.customer.email).toBeUndefined();
    expect(view.serviceRequests.map((item) => item.id)).toEqual([request.body.id]);
    expect(view.opportunities.map((item) => item.id)).toEqual([deal.body.id]);
    // The deal's stage can be named in both languages, and nothing else of the sales setup shows.
    const pipeline = view.pipelines.find((candidate) => candidate.key === view.opportunities[0]?.pipeline);
    expect(pipeline?.stages).toContainEqual({
      key: view.opportunities[0]?.stage,
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(pipeline?.stages.every((stage) => Object.keys(stage).length === 2)).toBe(true);
    expect(view.figures).toMatchObject({
      customers: 1,
      orders: [{ currency: 'CNY', count: 2, amount: 500_000, recordedByYou: 1 }],
    });
    // The admin's own portal says so; a tenant admin has none.
    const adminPortal = await call(app, 'GET', '/v1/partner/portal', { auth: dealerAdmin.auth });
    expect(adminPortal.body.organisation).toMatchObject({ isAdmin: true });
    expect(adminPortal.body.serviceRequests).toEqual([]);
    expect((await call(app, 'GET', '/v1/partner/portal', { auth: owner.auth })).status).toBe(403);
    const figures = await call(
      app,
      'GET',
      '/v1/partner/figures?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z',
      {
        auth: salesman.auth,
      },
    );
    expect(figures.body).toMatchObject({ customers: 1, orders: [] });
    const backwards = await call(
      app,
      'GET',
      '/v1/partner/figures?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z',
      {
        auth: salesman.auth,
      },
    );
    expect(backwards.status).toBe(400);
  });

  it('stops the organisation’s shares when it is disabled, and a disabled user at once', async () => {
    const current = await call(app, 'GET', `/v1/partner-organisations/${organisation.id}`, {
      auth: owner.auth,
    });
    const disabled = await call(app, 'PATCH', `/v1/partner-organisations/${organisation.id}`, {
      auth: owner.auth,
      body: { status: 'disabled', version: current.body.version },
    });
    expect(disabled.status).toBe(200);
    expect((await call(app, 'GET', `/v1/customers/${customerId}`, { auth: salesman.auth })).status).toBe(404);
    expect((await call(app, 'GET', '/v1/partner/customers', { auth: salesman.auth })).body.items).toEqual([]);
    const enabled = await call(app, 'PATCH', `/v1/partner-organisations/${organisation.id}`, {
      auth: owner.auth,
      body: { status: 'active', version: disabled.body.version },
    });
    expect(enabled.status).toBe(200);
    expect((await call(app, 'GET', `/v1/customers/${customerId}`, { auth: salesman.auth })).status).toBe(200);

    const members = await call(app, 'GET', `/v1/partner-organisations/${organisation.id}/users`, {
      auth: dealerAdmin.auth,
    });
    const { version } = (members.body.items as { id: string; version: number }[]).find(
      (user) => user.id === salesman.userId,
    ) as { version: number };
    const member = await call(
      app,
      'PATCH',
      `/v1/partner-organisations/${organisation.id}/users/${salesman.userId}`,
      {
        auth: dealerAdmin.auth,
        body: { status: 'disabled', version },
      },
    );
    expect(member.status).toBe(200);
    expect(member.body.status).toBe('disabled');
    expect((await call(app, 'GET', `/v1/customers/${customerId}`, { auth: salesman.auth })).status).toBe(401);
  });
});
