import { memberTierReaction } from '@crm/app/reactions';
import { type CatalogEvent, type EntityChange, toCatalogEvents } from '@crm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../support/invite-user.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

type FieldIssue = { path: string; message: string };

const tiers = [
  { key: 'customer', name: { en: 'Customer', zh: '客户' }, minValue: 0, minOrders: 0 },
  { key: 'member', name: { en: 'Member', zh: '会员' }, minValue: 10_000, minOrders: 2 },
  { key: 'advocate', name: { en: 'Advocate', zh: '推荐者' }, minValue: 100_000, minOrders: 3 },
];

/** Member tiers (issue 15) on DynamoDB Local, with the real reactions on its stream. */
describe('members: tiers and upgrades', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  const events: CatalogEvent[] = [];

  const order = (customerId: string, amount: number) =>
    call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount, currency, occurredAt: new Date().toISOString() },
    });
  const tierOf = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth })).body.memberTier as
      | string
      | undefined;
  const until = async (customerId: string, tier: string) => {
    const deadline = Date.now() + 10_000;
    while ((await tierOf(customerId)) !== tier && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return tierOf(customerId);
  };

  beforeAll(async () => {
    stream = await startReactions([
      {
        name: 'member-tiers-test-events',
        entityTypes: ['memberTierChange'],
        handle: async (change) => {
          if (change.tenantId === owner?.tenantId) events.push(...toCatalogEvents(change));
        },
      },
    ]);
    owner = await signUpTenant(app, 'Members Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('serves the default programme, then saves the admin’s rules by version', async () => {
    const initial = await call(app, 'GET', '/v1/members/tier-policy', { auth: owner.auth });
    expect(initial.body).toMatchObject({ version: 0, policy: { valueBasis: 'monetary', windowDays: 365 } });
    expect((initial.body.policy as { tiers: { key: string }[] }).tiers.map((tier) => tier.key)).toEqual([
      'customer',
      'member',
      'advocate',
    ]);

    const bad = await call(app, 'PUT', '/v1/members/tier-policy', {
      auth: owner.auth,
      body: { version: 0, policy: { valueBasis: 'monetary', windowDays: 30, tiers: [tiers[1], tiers[0]] } },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error as { fields: FieldIssue[] }).fields.map((field) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['policy.tiers.0.minValue', 'policy.tiers.1.minValue']));

    const saved = await call(app, 'PUT', '/v1/members/tier-policy', {
      auth: owner.auth,
      body: { version: 0, policy: { valueBasis: 'monetary', windowDays: 30, tiers } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1 });
    const stale = await call(app, 'PUT', '/v1/members/tier-policy', {
      auth: owner.auth,
      body: { version: 0, policy: { valueBasis: 'monetary', windowDays: 30, tiers } },
    });
    expect(stale.status).toBe(409);
    const member = await inviteUser(app, owner.auth, 'member');
    const byMember = await call(app, 'PUT', '/v1/members/tier-policy', {
      auth: member.auth,
      body: { version: 1, policy: { valueBasis: 'monetary', windowDays: 30, tiers } },
    });
    expect(byMember.status).toBe(403);
    expect((await call(app, 'GET', '/v1/members/tier-policy', { auth: member.auth })).status).toBe(200);
  });

  it('upgrades a customer once when an order meets value and frequency, with one event and one care task', async () => {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name: 'Loyal Co', kind: 'business' },
    });
    const customerId = created.body.id as string;

    expect((await order(customerId, 6_000)).status).toBe(201);
    await stream.settle();
    // ¥60 and one order: value and frequency both short of a member.
    expect(await tierOf(customerId)).toBeUndefined();

    const second = await order(customerId, 6_000);
    expect(second.status).toBe(201);
    expect(await until(customerId, 'member')).toBe('member');
    await stream.settle();

    // The same order delivered again changes nothing: the tier is reached, the task exists.
    const replay: EntityChange = {
      eventId: 'member-tier-replay',
      sequenceNumber: '1',
      tenantId: owner.tenantId,
      entityType: 'interaction',
      kind: 'created',
      occurredAt: new Date().toISOString(),
      after: second.body,
    };
    const reaction = memberTierReaction({ table: testTableClient() });
    await reaction.handle(replay);
    await reaction.handle(replay);
    await stream.settle();

    const changed = events.filter((event) => event.type === 'member.tier_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.data).toMatchObject({
      customerId,
      from: null,
      to: 'member',
      figures: { monetary: 12_000, recentOrders: 2 },
    });
    const tasks = await call(app, 'GET', `/v1/tasks?customerId=${customerId}`, { auth: owner.auth });
    const upgrades = (tasks.body.items as { kind: string; ref: string; assigneeId: string | null }[]).filter(
      (task) => task.kind === 'member_upgrade',
    );
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body).toMatchObject({ memberTier: 'member', stats: { orderValue: 12_000 } });
    // The care task goes to the customer's owner.
    expect(upgrades).toEqual([
      expect.objectContaining({
        ref: 'member',
        assigneeId: (customer.body.ownerId as string | undefined) ?? null,
      }),
    ]);
  });

  it('filters the customer list by tier: the lowest tier also lists customers without one', async () => {
    const create = async (name: string) =>
      (await call(app, 'POST', '/v1/customers', { auth: owner.auth, body: { name, kind: 'business' } })).body
        .id as string;
    const upgraded = await create('Tier Filter Member Co');
    const plain = await create('Tier Filter Plain Co');
    expect((await order(upgraded, 6_000)).status).toBe(201);
    expect((await order(upgraded, 6_000)).status).toBe(201);
    expect(await until(upgraded, 'member')).toBe('member');
    const listed = async (query: string) => {
      const page = await call(app, 'GET', `/v1/customers?limit=200&${query}`, { auth: owner.auth });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return (page.body.items as { id: string }[]).map((customer) => customer.id);
    };

    const members = await listed('tier=member');
    const lowest = await listed('tier=customer');
    const searched = await listed('tier=member&q=Tier%20Filter');

    expect(members).toContain(upgraded);
    expect(members).not.toContain(plain);
    expect(lowest).toContain(plain);
    expect(lowest).not.toContain(upgraded);
    expect(searched).toEqual([upgraded]);
    const bad = await call(app, 'GET', '/v1/customers?tier=Gold!', { auth: owner.auth });
    expect(bad.status).toBe(400);
  });
});
