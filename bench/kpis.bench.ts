import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { type Customer, emptyCustomerStats, newId } from '@crm/domain';
import { createTableClient, customerItem, TenantTable } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { createLocalDynamoDbClient, ensureTable } from '@crm/local';
import type { Benchmark, BenchResult } from './harness.js';

/**
 * GET /v1/kpis on a tenant of the CDNOW demo's size (23,570 scored customers), against the
 * segment builder's live count of the same book (POST /v1/segments/preview read live: an app that
 * counts every book live), which reads every customer item, in the same run. Goal (issue 15):
 * the KPIs answer in about 1–2 s locally. The first request reads every customer and takes the
 * customer figures snapshot (docs/kpis.md "Cost"); the later ones read the snapshot: both are
 * measured. Then the segment count the product gives a book this size (from the same snapshot,
 * docs/campaigns.md) against the live count of the same filter, and a members page (always live).
 */

const CUSTOMERS = 23_570;
const RUNS = 5;
/** The live count reads every customer item for tens of seconds a run: three tell its median. */
const COUNT_RUNS = 3;
const DAY_MS = 86_400_000;

function scoredCustomer(index: number, now: number): Customer {
  const first = now - (30 + (index % 540)) * DAY_MS;
  const orders = 1 + (index % 7);
  const last = Math.min(now - DAY_MS, first + (orders - 1) * 41 * DAY_MS);
  const at = new Date(now - (index % 700) * DAY_MS).toISOString();
  return {
    id: newId(),
    name: `CDNOW customer ${index}`,
    kind: 'consumer',
    status: index % 5 === 0 ? 'dormant' : 'active',
    tags: index % 10 === 0 ? ['vip'] : [],
    customFields: {},
    externalId: String(index),
    stats: {
      ...emptyCustomerStats(),
      interactionCount: orders,
      orderCount: orders,
      orderValue: orders * 1_599,
      orderValueByCurrency: { USD: orders * 1_599 },
      firstOrderAt: new Date(first).toISOString(),
      lastOrderAt: new Date(last).toISOString(),
      lastInteractionAt: new Date(last).toISOString(),
    },
    scores: {
      segment: 'loyal',
      rfm: { r: 3, f: 4, m: 2, fm: 3, code: '342' },
      abcClass: index % 5 === 0 ? 'A' : 'B',
      pAlive: (index % 100) / 100,
      expectedPurchases90d: 0.42,
      nextPurchaseAt: '2026-09-01',
      clv: 12_345,
      expectedSpend: 1_599,
      valueIndex: 1.1,
      lifecycleSuggestion: { stage: 'stability', name: 'Stability', rule: 'x ≥ 2 and P(alive) ≥ 0.5' },
      inputs: {
        x: orders - 1,
        tx: (last - first) / DAY_MS / 7,
        T: (now - first) / DAY_MS / 7,
        firstOrderOn: new Date(first).toISOString().slice(0, 10),
        lastOrderOn: new Date(last).toISOString().slice(0, 10),
        totalAmount: orders * 1_599,
        spendCount: orders,
        meanSpend: 1_599,
      },
      scoredAt: at,
      modelFittedAt: at,
      fitId: newId(),
    } as Customer['scores'],
    createdAt: at,
    updatedAt: at,
    createdBy: 'import',
    version: 1,
  };
}

async function timed(run: () => Response | Promise<Response>, runs = RUNS): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    const response = await run();
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

export const benchmarks: Benchmark[] = [
  {
    name: 'kpis-demo-size',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const tableName = `bench-kpis-${Date.now()}`;
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, tableName).finally(() => control.destroy());
      const table = createTableClient({ tableName, endpoint });
      const signingKey = inMemorySigningKey();
      const passwordHasher = createScryptHasher({ N: 2 ** 10 });
      const app = createApp({ table, signingKey, passwordHasher });
      // The same product on the same table, counting every book live: the baseline.
      const liveApp = createApp({
        table,
        signingKey,
        passwordHasher,
        kpiSnapshotMinCustomers: Number.MAX_SAFE_INTEGER,
      });
      const signup = await app.request('/v1/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          tenantName: 'KPI bench',
          email: `bench-${newId().toLowerCase()}@example.com`,
          password: 'correct-horse-battery',
        }),
      });
      const body = (await signup.json()) as { tenant: { id: string }; accessToken: string };
      const tenantId = body.tenant.id;
      const headers = { authorization: `Bearer ${body.accessToken}`, 'content-type': 'application/json' };
      const now = Date.now();
      log(`seeding ${CUSTOMERS} scored customers`);
      const tenantTable = new TenantTable(table, tenantId);
      const items = Array.from({ length: CUSTOMERS }, (_, index) =>
        customerItem(tenantId, scoredCustomer(index, now), { listShards: 1 }),
      );
      await tenantTable.batchPut(items, { concurrency: 8 });
      const bytes = Buffer.byteLength(JSON.stringify(items[0]));
      log(`seeded (an item ≈ ${bytes} bytes of JSON)`);

      // No snapshot yet: this request reads every customer and stores the snapshot.
      const [first = 0] = await timed(() => app.request('/v1/kpis', { headers }), 1);
      const kpis = await timed(() => app.request('/v1/kpis', { headers }));
      const preview = (on: typeof app, filter: object) => () =>
        on.request('/v1/segments/preview', { method: 'POST', headers, body: JSON.stringify(filter) });
      const count = await timed(preview(liveApp, {}), COUNT_RUNS);
      // A builder's filter: dormant value class A customers likely still alive (~10 % of the book).
      const filter = { status: ['dormant'], abcClass: ['A'], pAlive: { min: 0.5 } };
      const liveFiltered = await timed(preview(liveApp, filter), COUNT_RUNS);
      const fromSnapshot = await timed(preview(app, filter));
      const [liveAnswer, snapshotAnswer] = await Promise.all([
        Promise.resolve(preview(liveApp, filter)()).then(
          (response) => response.json() as Promise<{ count: number; source: string }>,
        ),
        Promise.resolve(preview(app, filter)()).then(
          (response) => response.json() as Promise<{ count: number; source: string }>,
        ),
      ]);
      if (liveAnswer.count !== snapshotAnswer.count || snapshotAnswer.source !== 'snapshot') {
        throw new Error(`counts disagree: ${JSON.stringify({ liveAnswer, snapshotAnswer })}`);
      }
      log(`segment count ${snapshotAnswer.count} both ways`);
      const saved = await app.request('/v1/segments', {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Bench', filter }),
      });
      const segmentId = ((await saved.json()) as { id: string }).id;
      const members = await timed(() =>
        app.request(`/v1/segments/${segmentId}/members?limit=50`, { headers }),
      );
      const median = (samples: number[]) => samples[Math.floor(samples.length / 2)] as number;
      const results: BenchResult[] = [
        {
          name: `GET /v1/kpis, ${CUSTOMERS} customers, first request (takes the snapshot)`,
          value: Math.round(first),
          unit: 'ms',
          baseline: {
            name: 'POST /v1/segments/preview (live count of the same book)',
            value: Math.round(median(count)),
          },
          ratio: first / median(count),
          goal: 'no slower than the live count',
          notes: 'ratio = kpis ÷ live count (lower is better)',
        },
        {
          name: `GET /v1/kpis, ${CUSTOMERS} customers, from the snapshot (median of ${RUNS})`,
          value: Math.round(median(kpis)),
          unit: 'ms',
          baseline: {
            name: 'POST /v1/segments/preview (live count of the same book)',
            value: Math.round(median(count)),
          },
          ratio: median(kpis) / median(count),
          goal: '≈ 1–2 s locally',
          notes: `kpis ${kpis.map(Math.round).join(', ')} ms; live count ${count.map(Math.round).join(', ')} ms; ratio = kpis ÷ live count (lower is better)`,
        },
        {
          name: `POST /v1/segments/preview, ${CUSTOMERS} customers, from the snapshot (median of ${RUNS})`,
          value: Math.round(median(fromSnapshot)),
          unit: 'ms',
          baseline: {
            name: 'the same filter counted live (median of 3)',
            value: Math.round(median(liveFiltered)),
          },
          ratio: median(fromSnapshot) / median(liveFiltered),
          goal: '≈ 1–2 s locally; the same count',
          notes: `count ${snapshotAnswer.count} both ways; snapshot ${fromSnapshot.map(Math.round).join(', ')} ms; live ${liveFiltered.map(Math.round).join(', ')} ms; ratio = snapshot ÷ live (lower is better)`,
        },
        {
          name: `GET /v1/segments/{id}/members?limit=50, ${CUSTOMERS} customers, live (median of ${RUNS})`,
          value: Math.round(median(members)),
          unit: 'ms',
          baseline: {
            name: 'the live count of the same filter',
            value: Math.round(median(liveFiltered)),
          },
          ratio: median(members) / median(liveFiltered),
          goal: 'a page in about a second',
          notes: `members ${members.map(Math.round).join(', ')} ms (the first page of a ~10 % segment)`,
        },
      ];
      table.doc.destroy();
      return results;
    },
  },
];
