import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { KpiSnapshotRepository, keys, sharedClientFactory } from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

type Count = {
  count: number;
  examined: number;
  capped: boolean;
  source: 'live' | 'snapshot';
  asOf: string | null;
};

const statuses = ['prospect', 'active', 'dormant', 'lost'] as const;
const stages = ['identification', 'development', 'stability', 'decline'] as const;
const rfmSegments = ['champions', 'at-risk', 'hibernating'] as const;
const tagSets = [[], ['vip'], ['vip', 'north'], ['华北, 区'], ['north']] as const;

/**
 * A segment counted from the customer figures snapshot (a large book's count, docs/campaigns.md)
 * agrees exactly with the same segment counted live over the customer items, on DynamoDB Local:
 * one fixture book with every kind of condition, counted both ways.
 */
describe('segments counted from the customer figures snapshot', () => {
  const table = testTableClient();
  // Every book counts from its snapshot here; the product counts books below 2,000 customers live.
  const fromSnapshot = createTestApp({ table, kpiSnapshotMinCustomers: 0 });
  const live = createTestApp({ table });
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  const ids: string[] = [];

  const setScores = (customerId: string, index: number) =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(owner.tenantId, customerId),
        UpdateExpression: 'SET scores = :scores',
        ExpressionAttributeValues: {
          ':scores': {
            abcClass: (['A', 'B', 'C', null] as const)[index % 4],
            segment: index % 5 === 4 ? null : rfmSegments[index % 3],
            rfm: null,
            pAlive: (index % 10) / 10 + 0.05,
            expectedPurchases90d: 0,
            nextPurchaseAt: null,
            clv: index % 6 === 5 ? null : index * 1_000 + 0.5,
            expectedSpend: null,
            valueIndex: null,
            lifecycleSuggestion: { stage: 'development', name: '发展期', rule: 'fixture' },
            inputs: {
              x: 0,
              tx: 0,
              T: 1,
              firstOrderOn: '2026-01-01',
              lastOrderOn: '2026-01-01',
              totalAmount: 0,
              spendCount: 0,
              meanSpend: 0,
            },
            scoredAt: '2026-01-03T00:00:00.000Z',
            modelFittedAt: '2026-01-03T00:00:00.000Z',
            fitId: 'fixture',
          },
        },
      }),
    );

  beforeAll(async () => {
    [owner, other] = await Promise.all([
      signUpTenant(live, 'Snapshot Segments 快照'),
      signUpTenant(live, 'Else'),
    ]);
    for (const def of [
      { key: 'tier', label: { en: 'Tier' }, type: 'enum', options: ['gold', 'silver'] },
      { key: 'score', label: { en: 'Score' }, type: 'number' },
      { key: 'member', label: { en: 'Member' }, type: 'boolean' },
    ]) {
      const defined = await call(live, 'POST', '/v1/custom-fields', { auth: owner.auth, body: def });
      expect(defined.status, JSON.stringify(defined.body)).toBe(201);
    }
    for (let index = 0; index < 24; index++) {
      const created = await call(live, 'POST', '/v1/customers', {
        auth: owner.auth,
        body: {
          name: `Customer ${index} 客户`,
          kind: 'consumer',
          status: statuses[index % 4],
          ...(index % 5 === 0 ? {} : { lifecycleStage: stages[index % 4] }),
          tags: [...tagSets[index % 5]!],
          ...(index % 3 === 0 ? { ownerId: owner.userId } : {}),
          customFields: {
            ...(index % 2 === 0 ? { tier: index % 4 === 0 ? 'gold' : 'silver' } : {}),
            ...(index % 3 === 1 ? { score: index % 2 === 0 ? 7 : -1.5 } : {}),
            ...(index % 4 === 1 ? { member: index % 8 === 1 } : {}),
          },
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const customerId = created.body.id as string;
      ids.push(customerId);
      // 0, 1 or 2 orders: none, new and returning buyers.
      for (let n = 0; n < index % 3; n++) {
        const ordered = await call(live, 'POST', `/v1/customers/${customerId}/interactions`, {
          auth: owner.auth,
          body: { type: 'order', amount: 1_000, currency: 'CNY', occurredAt: `2026-01-0${n + 1}T08:00:00Z` },
        });
        expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
      }
      if (index % 7 !== 6) await setScores(customerId, index);
    }
    // An archived customer is in neither count.
    const archived = await call(live, 'DELETE', `/v1/customers/${ids[1]}`, { auth: owner.auth });
    expect(archived.status).toBe(200);
    // Another tenant's customer, matching everything, counts for that tenant only.
    const elsewhere = await call(live, 'POST', '/v1/customers', {
      auth: other.auth,
      body: { name: 'Not yours', kind: 'consumer', status: 'active', tags: ['vip'] },
    });
    expect(elsewhere.status).toBe(201);
  });

  const filters: Record<string, unknown>[] = [
    {},
    { buyers: 'none' },
    { buyers: 'new' },
    { buyers: 'returning' },
    { status: ['active', 'dormant'] },
    { lifecycleStage: ['stability'] },
    { lifecycleStage: ['identification', 'decline'] },
    { abcClass: ['A'] },
    { abcClass: ['B', 'C'] },
    { segment: ['champions', 'at-risk'] },
    { pAlive: { min: 0.35, max: 0.75 } },
    { pAlive: { max: 0.25 } },
    { clv: { min: 5_000 } },
    { clv: { min: 3_000.5, max: 12_000.5 } },
    { tags: ['vip'] },
    { tags: ['vip', 'north'] },
    { tags: ['华北, 区'] },
    { customField: { key: 'tier', value: 'gold' } },
    { customField: { key: 'score', value: 7 } },
    { customField: { key: 'score', value: -1.5 } },
    { customField: { key: 'member', value: true } },
    { customField: { key: 'member', value: false } },
    { buyers: 'returning', status: ['active', 'lost'], abcClass: ['A', 'B', 'C'] },
    { tags: ['north'], pAlive: { min: 0.1 }, segment: ['champions', 'hibernating'] },
  ];

  const counted = async (app: typeof live, filter: Record<string, unknown>) => {
    const response = await call(app, 'POST', '/v1/segments/preview', { auth: owner.auth, body: filter });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as unknown as Count;
  };

  it('counts every kind of condition exactly as the live count does', async () => {
    const before = Date.now();
    const liveCounts: number[] = [];
    for (const filter of filters) {
      const [fromItems, fromSnap] = [await counted(live, filter), await counted(fromSnapshot, filter)];
      expect(fromItems).toMatchObject({ source: 'live', asOf: null });
      expect(fromSnap.source).toBe('snapshot');
      expect({ filter, count: fromSnap.count }).toEqual({ filter, count: fromItems.count });
      liveCounts.push(fromItems.count);
    }
    // The fixture tells the conditions apart: not every count is the whole book, or none.
    expect(liveCounts[0]).toBe(23);
    expect(new Set(liveCounts).size).toBeGreaterThan(8);
    expect(liveCounts.filter((count) => count === 0)).toHaveLength(0);
    // The filter ownerId is checked too (the owner's customers: every third, the archived one is 1).
    const owned = { ownerId: owner.userId };
    expect((await counted(fromSnapshot, owned)).count).toBe((await counted(live, owned)).count);
    expect((await counted(live, owned)).count).toBe(8);
    const head = await new KpiSnapshotRepository(
      sharedClientFactory(table)(owner.tenantId),
      owner.tenantId,
    ).head();
    expect(head).toMatchObject({ customers: 23, format: 2 });
    expect(Date.parse(head?.takenAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('says when the snapshot was taken, and counts a change from the next snapshot only', async () => {
    const first = await counted(fromSnapshot, { tags: ['late'] });
    expect(first).toMatchObject({ count: 0, examined: 23, capped: false, source: 'snapshot' });
    // Customer 6 has no scores (the others' are written straight into the table).
    const read = await call(live, 'GET', `/v1/customers/${ids[6]}`, { auth: owner.auth });
    expect(read.status).toBe(200);
    const tagged = await call(live, 'PATCH', `/v1/customers/${ids[6]}`, {
      auth: owner.auth,
      headers: { 'If-Match': String(read.body.version) },
      body: { tags: ['late'] },
    });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    expect((await counted(live, { tags: ['late'] })).count).toBe(1);
    const stale = await counted(fromSnapshot, { tags: ['late'] });
    expect(stale).toMatchObject({ count: 0, asOf: first.asOf });
    // A saved segment's read and its count carry the same figures.
    const saved = await call(fromSnapshot, 'POST', '/v1/segments', {
      auth: owner.auth,
      body: { name: 'VIPs', filter: { tags: ['vip'] } },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ source: 'snapshot', asOf: first.asOf });
    const again = await call(fromSnapshot, 'GET', `/v1/segments/${saved.body.id as string}/count`, {
      auth: owner.auth,
    });
    expect(again.body).toMatchObject({ count: saved.body.count, source: 'snapshot', asOf: first.asOf });
  });

  it('another tenant counts its own book', async () => {
    const response = await call(fromSnapshot, 'POST', '/v1/segments/preview', {
      auth: other.auth,
      body: { tags: ['vip'] },
    });
    expect(response.body).toMatchObject({ count: 1, examined: 1, source: 'snapshot' });
  });
});
