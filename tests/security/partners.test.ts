import { beforeAll, describe, expect, it } from 'vitest';
import type { InvitedUser } from '../support/invite-user.js';
import { mailedToken } from '../support/mailbox.js';
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
      ['GET', '/v1/kpis'],
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
      ['GET', '/v1/churn/policy'],
      ['PUT', '/v1/churn/policy', { policy: {}, version: 0 }],
      ['GET', `/v1/customers/${shared}/churn`],
      ['POST', '/v1/service-requests', { customerId: shared, summary: 'x' }],
      ['GET', '/v1/service-requests/sla-policy'],
      ['PUT', '/v1/service-requests/sla-policy', { policy: {}, version: 0 }],
      ['GET', '/v1/service-plans'],
      // Even for a customer shared with them: plans are the tenant's own service planning.
      ['GET', `/v1/customers/${shared}/service-plans`],
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
      ['POST', `/v1/surveys/${shared}/send`, { segmentId: shared }],
      ['GET', `/v1/surveys/${shared}/send-runs`],
      ['GET', `/v1/surveys/${shared}/send-runs/${shared}`],
      ['GET', `/v1/customers/${shared}/surveys`],
      // Segments and campaigns (批量沟通): the tenant's own marketing, not a partner's.
      ['GET', '/v1/segments'],
      ['POST', '/v1/segments', { name: 'x', filter: {} }],
      ['POST', '/v1/segments/preview', {}],
      ['GET', `/v1/segments/${shared}/members`],
      ['GET', '/v1/campaigns'],
      ['POST', '/v1/campaigns', { name: 'x', channel: 'sms', segmentId: shared, body: { zh: 'x', en: 'x' } }],
      ['POST', `/v1/campaigns/${shared}/send`],
      ['GET', `/v1/campaigns/${shared}/results`],
      ['GET', '/v1/campaign-settings'],
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

/**
 * The security matrix of organisation shares (issue 15): a dealer organisation's user reads only
 * what is shared with it or its organisation, only the shared fields, writes only through a
 * read-write share, and loses a share at its very next request when it is revoked or expires.
 */
describe('channel partner organisations (按权限共享)', () => {
  let now = new Date();
  const app = createTestApp({ clock: () => now });
  let owner: SignedUpTenant;
  let dealer: InvitedUser;
  let rival: InvitedUser;
  let organisationId: string;
  let otherOrganisationId: string;
  let shared: string;
  let hidden: string;

  async function member(organisation: string): Promise<InvitedUser> {
    const email = uniqueEmail('dealer');
    const invited = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email, role: 'partner', organisationId: organisation },
    });
    expect(invited.status).toBe(201);
    const token = await mailedToken(email, 'accept-invitation');
    const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    const accessToken = accepted.body.accessToken as string;
    return {
      email,
      userId: invited.body.id as string,
      accessToken,
      refreshToken: accepted.body.refreshToken as string,
      auth: { Authorization: `Bearer ${accessToken}` },
    };
  }

  const share = (customerId: string, body: Record<string, unknown>) =>
    call(app, 'PUT', `/v1/customers/${customerId}/organisation-shares/${organisationId}`, {
      auth: owner.auth,
      body,
    });

  beforeAll(async () => {
    owner = await signUpTenant(app);
    const organisation = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: 'Dealer' },
    });
    organisationId = organisation.body.id as string;
    const other = await call(app, 'POST', '/v1/partner-organisations', {
      auth: owner.auth,
      body: { name: 'Rival dealer' },
    });
    otherOrganisationId = other.body.id as string;
    [dealer, rival] = await Promise.all([member(organisationId), member(otherOrganisationId)]);
    const make = async (name: string) =>
      (
        await call(app, 'POST', '/v1/customers', {
          auth: owner.auth,
          body: {
            name,
            kind: 'consumer',
            phone: '+86 139 0000 0000',
            email: `${name}@example.com`,
            tags: ['vip'],
          },
        })
      ).body.id as string;
    [shared, hidden] = await Promise.all([make('org-shared'), make('org-hidden')]);
    expect((await share(shared, { fields: ['phone'] })).status).toBe(200);
  });

  it('reads a non-shared customer, or one shared with another organisation, as 404', async () => {
    for (const [auth, id] of [
      [dealer.auth, hidden],
      [rival.auth, shared],
    ] as const) {
      expect((await call(app, 'GET', `/v1/customers/${id}`, { auth })).status).toBe(404);
      expect(
        (
          await call(app, 'PATCH', `/v1/customers/${id}`, {
            auth,
            body: { phone: '+1 555 0100', version: 1 },
          })
        ).status,
      ).toBe(404);
    }
    expect((await call(app, 'GET', '/v1/customers', { auth: rival.auth })).body.items).toEqual([]);
  });

  it('leaves a hidden field absent everywhere the dealer looks', async () => {
    const one = await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth });
    const list = await call(app, 'GET', '/v1/customers', { auth: dealer.auth });
    const portal = await call(app, 'GET', '/v1/partner/portal', { auth: dealer.auth });
    expect(one.body.phone).toBe('+86 139 0000 0000');
    for (const body of [one.body, list.body, portal.body]) {
      expect(JSON.stringify(body)).not.toContain('org-shared@example.com');
      expect(JSON.stringify(body)).not.toContain('vip');
    }
  });

  it('refuses a write on a read-only share, and of a field not shared on a read-write one (403)', async () => {
    const readOnly = await call(app, 'PATCH', `/v1/customers/${shared}`, {
      auth: dealer.auth,
      body: { phone: '+1 555 0100', version: 1 },
    });
    expect(readOnly.status).toBe(403);
    await share(shared, { fields: ['phone'], access: 'read-write' });
    const notShared = await call(app, 'PATCH', `/v1/customers/${shared}`, {
      auth: dealer.auth,
      body: { tags: ['mine'], version: 1 },
    });
    expect(notShared.status).toBe(403);
    const owned = await call(app, 'GET', `/v1/customers/${shared}`, { auth: owner.auth });
    expect(owned.body).toMatchObject({ version: 1, phone: '+86 139 0000 0000', tags: ['vip'] });
  });

  it('refuses the dealer every admin route of organisations and shares (403)', async () => {
    const attempts: [string, string, unknown?][] = [
      ['GET', '/v1/partner-organisations'],
      ['POST', '/v1/partner-organisations', { name: 'x' }],
      ['GET', `/v1/partner-organisations/${organisationId}`],
      ['PATCH', `/v1/partner-organisations/${organisationId}`, { name: 'x', version: 1 }],
      ['GET', `/v1/partner-organisations/${organisationId}/shares`],
      ['GET', `/v1/partner-organisations/${organisationId}/users`],
      ['POST', `/v1/partner-organisations/${organisationId}/invitations`, { email: uniqueEmail('x') }],
      ['PUT', `/v1/customers/${hidden}/organisation-shares/${organisationId}`, { fields: ['email'] }],
      ['DELETE', `/v1/customers/${shared}/organisation-shares/${organisationId}`],
      ['PUT', `/v1/customers/${hidden}/shares/${dealer.userId}`, { fields: ['email'] }],
      [
        'POST',
        `/v1/partner-organisations/${organisationId}/users/${dealer.userId}/move`,
        { toOrganisationId: otherOrganisationId, version: 1 },
      ],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call(app, method, path, { auth: dealer.auth, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('takes a revoked share away at the next request', async () => {
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth })).status).toBe(200);
    const revoked = await call(
      app,
      'DELETE',
      `/v1/customers/${shared}/organisation-shares/${organisationId}`,
      {
        auth: owner.auth,
      },
    );
    expect(revoked.status).toBe(204);
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth })).status).toBe(404);
    expect((await call(app, 'GET', '/v1/partner/customers', { auth: dealer.auth })).body.items).toEqual([]);
    // A user's route never removes an organisation's share, nor the other way round.
    await share(shared, { fields: ['phone'] });
    expect(
      (await call(app, 'DELETE', `/v1/customers/${shared}/shares/${organisationId}`, { auth: owner.auth }))
        .status,
    ).toBe(404);
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth })).status).toBe(200);
  });

  it('takes an expired share away at the next request', async () => {
    const validUntil = new Date(now.getTime() + 60_000).toISOString();
    expect((await share(shared, { fields: ['phone', 'interactions'], validUntil })).status).toBe(200);
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth })).status).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect((await call(app, 'GET', `/v1/customers/${shared}`, { auth: dealer.auth })).status).toBe(404);
    expect(
      (await call(app, 'GET', `/v1/customers/${shared}/interactions`, { auth: dealer.auth })).status,
    ).toBe(404);
    expect((await call(app, 'GET', '/v1/customers', { auth: dealer.auth })).body.items).toEqual([]);
    const portal = await call(app, 'GET', '/v1/partner/portal', { auth: dealer.auth });
    expect(portal.body.customers).toEqual([]);
  });

  it('moves a user to another organisation: the old one’s shares end at its next request, the new one’s start, and the user keeps the move', async () => {
    const mover = await member(organisationId);
    const organisation = await call(app, 'GET', `/v1/partner-organisations/${organisationId}`, {
      auth: owner.auth,
    });
    const named = await call(app, 'PATCH', `/v1/partner-organisations/${organisationId}`, {
      auth: owner.auth,
      body: { adminUserId: mover.userId, version: organisation.body.version },
    });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    const make = async (name: string) =>
      (await call(app, 'POST', '/v1/customers', { auth: owner.auth, body: { name, kind: 'consumer' } })).body
        .id as string;
    const [ours, theirs] = await Promise.all([make('move-ours'), make('move-theirs')]);
    expect((await share(ours, { fields: ['phone'] })).status).toBe(200);
    const theirShare = await call(
      app,
      'PUT',
      `/v1/customers/${theirs}/organisation-shares/${otherOrganisationId}`,
      {
        auth: owner.auth,
        body: { fields: ['phone'] },
      },
    );
    expect(theirShare.status).toBe(200);
    expect((await call(app, 'GET', `/v1/customers/${ours}`, { auth: mover.auth })).status).toBe(200);
    expect((await call(app, 'GET', `/v1/customers/${theirs}`, { auth: mover.auth })).status).toBe(404);

    const moveUrl = `/v1/partner-organisations/${organisationId}/users/${mover.userId}/move`;
    const user = await call(app, 'GET', `/v1/users/${mover.userId}`, { auth: owner.auth });
    // Bad targets are field errors; a stale version is a conflict; nothing moves.
    for (const toOrganisationId of [organisationId, '01J0000000000000000000NONE']) {
      const refused = await call(app, 'POST', moveUrl, {
        auth: owner.auth,
        body: { toOrganisationId, version: user.body.version },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('"path":"toOrganisationId"');
    }
    const stale = await call(app, 'POST', moveUrl, {
      auth: owner.auth,
      body: { toOrganisationId: otherOrganisationId, version: (user.body.version as number) + 5 },
    });
    expect(stale.status).toBe(409);

    const moved = await call(app, 'POST', moveUrl, {
      auth: owner.auth,
      body: { toOrganisationId: otherOrganisationId, version: user.body.version },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      organisationId: otherOrganisationId,
      organisationMoves: [
        { from: organisationId, to: otherOrganisationId, by: owner.userId, at: expect.any(String) },
      ],
    });
    // The same session, its next request.
    expect((await call(app, 'GET', `/v1/customers/${ours}`, { auth: mover.auth })).status).toBe(404);
    expect((await call(app, 'GET', `/v1/customers/${theirs}`, { auth: mover.auth })).status).toBe(200);
    // It managed the old organisation; it does no longer.
    const old = await call(app, 'GET', `/v1/partner-organisations/${organisationId}`, { auth: owner.auth });
    expect(old.body.adminUserId).toBeNull();
    expect(
      (await call(app, 'GET', `/v1/partner-organisations/${organisationId}/users`, { auth: mover.auth }))
        .status,
    ).toBe(403);
    // Moving it again from the organisation it left: it is not there (404).
    const again = await call(app, 'POST', moveUrl, {
      auth: owner.auth,
      body: { toOrganisationId: otherOrganisationId, version: moved.body.version },
    });
    expect(again.status).toBe(404);
  });
});
