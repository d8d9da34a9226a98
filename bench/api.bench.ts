import { readFileSync } from 'node:fs';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { type Customer, emptyCustomerStats, newId } from '@crm/domain';
import {
  CUSTOMER_LIST_LAYOUT_TTL_MS,
  createTableClient,
  customerFields,
  customerItem,
  customerListLayoutItem,
  customerListPartition,
  keys,
  type TableClient,
  TenantTable,
  toItem,
} from '@crm/dynamodb';
import { createApp } from '@crm/http';
import {
  cdnowMasterPath,
  createLocalDynamoDbClient,
  ensureTable,
  findFreePort,
  listen,
  startDynamoDbLocal,
} from '@crm/local';
import { Hono } from 'hono';
import { type Benchmark, quantile } from './harness.js';

/**
 * Our API against raw DynamoDB through the same client, in one run on one DynamoDB Local, over
 * real HTTP (@hono/node-server, keep-alive fetch), concurrency 16.
 */

const CONCURRENCY = 16;
/** The list page's latency samples: interleaved rounds of each kind of page. */
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 10);
const PAGES_PER_ROUND = 200;

async function concurrently(count: number, task: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < count; index = next++) await task(index);
    }),
  );
  return (performance.now() - started) / 1000;
}

type Server = {
  base: string;
  table: TableClient;
  auth: { authorization: string };
  tenantId: string;
  close: () => Promise<void>;
};

/**
 * The API on its own in-memory DynamoDB Local: what one benchmark leaves behind (100,000 customers
 * in a few GSI partitions) slows DynamoDB Local for the next, so each measures on a fresh one.
 */
export async function startServer(tableName: string): Promise<Server> {
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  const endpoint = dynamodb.endpoint;
  const control = createLocalDynamoDbClient({ endpoint });
  await ensureTable(control, tableName).finally(() => control.destroy());
  const table = createTableClient({ tableName, endpoint });
  const app = createApp({
    table,
    signingKey: inMemorySigningKey(),
    passwordHasher: createScryptHasher({ N: 2 ** 10 }),
  });
  const port = await findFreePort();
  const server = await listen(app, port);
  const base = `http://127.0.0.1:${port}`;
  const owner = await signUp(base, 'Bench');
  return {
    base,
    table,
    ...owner,
    close: async () => {
      await server.close();
      await dynamodb.stop();
    },
  };
}

/** A new tenant through the API, and its owner's credentials. */
async function signUp(base: string, tenantName: string) {
  const signup = await fetch(`${base}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName,
      email: `bench-${newId().toLowerCase()}@example.com`,
      password: 'bench-password-1',
    }),
  });
  const body = (await signup.json()) as { accessToken: string; tenant: { id: string } };
  return { auth: { authorization: `Bearer ${body.accessToken}` }, tenantId: body.tenant.id };
}

export function rawCustomer(index: number): Customer {
  const now = new Date().toISOString();
  return {
    id: newId(),
    name: `Customer ${index}`,
    kind: 'consumer',
    status: 'prospect',
    tags: ['bench'],
    customFields: {},
    email: `c${index}@example.com`,
    phone: '+86 10 5555 0100',
    stats: emptyCustomerStats(),
    createdAt: now,
    updatedAt: now,
    createdBy: 'bench',
    version: 1,
  };
}

/**
 * `count` bench customers written straight to the table (5,000 at a time), with the tenant's list
 * laid out in `shards`: what the list benchmark and its probes page through.
 */
export async function loadListedCustomers(
  client: TableClient,
  tenantId: string,
  count: number,
  shards: 1 | 4,
): Promise<void> {
  const table = new TenantTable(client, tenantId);
  await table.put(customerListLayoutItem(tenantId, { shards }));
  for (let start = 0; start < count; start += 5000) {
    await table.batchPut(
      Array.from({ length: Math.min(5000, count - start) }, (_, i) =>
        customerItem(tenantId, rawCustomer(start + i), { listShards: shards }),
      ),
      { concurrency: 16 },
    );
  }
}

// The 100,000-customer list benchmark runs last: its load slows the shared DynamoDB Local for
// whatever follows it.
export const benchmarks: Benchmark[] = [
  {
    name: 'api-create-customer',
    run: async ({ log }) => {
      const server = await startServer('bench-api');
      const post = (index: number) =>
        fetch(`${server.base}/v1/customers`, {
          method: 'POST',
          headers: { ...server.auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Customer ${index}`,
            kind: 'consumer',
            tags: ['bench'],
            email: `c${index}@example.com`,
            phone: '+86 10 5555 0100',
          }),
        }).then(async (response) => {
          if (response.status !== 201) throw new Error(`create answered ${response.status}`);
          await response.arrayBuffer();
        });
      const put = (index: number) =>
        server.table.doc
          .send(
            new PutCommand({
              TableName: server.table.tableName,
              Item: customerItem(server.tenantId, rawCustomer(index), { listShards: 1 }),
            }),
          )
          .then(() => undefined);
      try {
        await concurrently(500, put);
        await concurrently(500, post);
        const rawSeconds = await concurrently(3000, put);
        const apiSeconds = await concurrently(3000, post);
        const raw = 3000 / rawSeconds;
        const api = 3000 / apiSeconds;
        log(`raw PutItem ${raw.toFixed(0)}/s, API ${api.toFixed(0)}/s`);
        return [
          {
            name: 'create customer via API (HTTP)',
            value: api,
            unit: 'customers/s',
            baseline: { name: 'raw PutItem of the same item', value: raw },
            ratio: api / raw,
            goal: '>= 0.7',
            notes:
              'the API writes the customer and its history entry in one transaction, after reading the custom-field definitions',
          },
        ];
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'api-import-cdnow',
    run: async ({ log }) => {
      const server = await startServer('bench-import');
      const master = readFileSync(cdnowMasterPath(), 'utf8');
      try {
        const started = performance.now();
        const response = await fetch(
          `${server.base}/v1/imports?kind=transactions&layout=cdnow&createMissingCustomers=true&currency=USD&mapping=${encodeURIComponent(
            JSON.stringify({ amount: 'dollar_value', quantity: 'number_of_cds' }),
          )}`,
          { method: 'POST', headers: { ...server.auth, 'content-type': 'text/csv' }, body: master },
        );
        const report = (await response.json()) as { rowsWritten: number; customersCreated: number };
        const apiSeconds = (performance.now() - started) / 1000;
        log(
          `API import: ${report.rowsWritten} rows, ${report.customersCreated} customers in ${apiSeconds.toFixed(1)} s`,
        );
        // The same number of items, written raw: customers (+ their external-id items) and orders.
        const tenantId = newId();
        const raw = new TenantTable(server.table, tenantId);
        const items: Record<string, unknown>[] = [];
        const customerIds: string[] = [];
        for (let i = 0; i < report.customersCreated; i++) {
          const customer = rawCustomer(i);
          customerIds.push(customer.id);
          items.push(customerItem(tenantId, customer, { listShards: 1 }));
          items.push(
            toItem('externalCustomer', keys.externalCustomer(tenantId, String(i)), {
              customerId: customer.id,
            }),
          );
        }
        // Spread over the customers as the import spreads them (one partition per customer): a
        // single partition of 69,659 items is pathologically slow on DynamoDB Local.
        for (let i = 0; i < report.rowsWritten; i++) {
          const customerId = customerIds[i % customerIds.length] as string;
          items.push(
            toItem(
              'interaction',
              keys.interaction(tenantId, customerId, new Date(i).toISOString(), newId()),
              {
                amount: i,
              },
            ),
          );
        }
        const rawStarted = performance.now();
        await raw.batchPut(items, { concurrency: 16 });
        const rawSeconds = (performance.now() - rawStarted) / 1000;
        const rowsPerSecond = 69_659 / apiSeconds;
        return [
          {
            name: 'import CDNOW master via API (rows/s)',
            value: rowsPerSecond,
            unit: 'rows/s',
            baseline: { name: 'raw BatchWriteItem of the same items, seconds', value: rawSeconds },
            ratio: rawSeconds / apiSeconds,
            notes: `API ${apiSeconds.toFixed(1)} s vs raw ${rawSeconds.toFixed(1)} s for ${items.length} items; ratio = raw time / API time (1 = no overhead)`,
          },
        ];
      } finally {
        await server.close();
      }
    },
  },
  {
    name: 'api-auth-overhead',
    run: async () => {
      const server = await startServer('bench-api');
      // The same GetItem of the tenant's record behind a bare route (no token, no guard, no rate
      // limit): what the API adds to a one-read route. (/health answers from a 2-second cache.)
      const tenantKey = keys.tenant(server.tenantId);
      const bare = await listen(
        new Hono().get('/tenant', async (c) =>
          c.json((await new TenantTable(server.table, server.tenantId).get(tenantKey)) ?? {}),
        ),
        await findFreePort(),
      );
      const time = async (url: string, headers: Record<string, string>) => {
        const out: number[] = [];
        for (let i = 0; i < 1000; i++) {
          const started = performance.now();
          const response = await fetch(url, { headers });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
          out.push(performance.now() - started);
        }
        return out.sort((a, b) => a - b);
      };
      try {
        const api = () => time(`${server.base}/v1/tenant`, server.auth);
        const raw = () => time(`${bare.url}/tenant`, {});
        await raw();
        await api();
        const [rawFirst, apiFirst, rawSecond, apiSecond] = [
          await raw(),
          await api(),
          await raw(),
          await api(),
        ];
        const bareSamples = [...rawFirst, ...rawSecond].sort((a, b) => a - b);
        const tenant = [...apiFirst, ...apiSecond].sort((a, b) => a - b);
        const p50 = (samples: number[]) => quantile(samples, 0.5);
        return [
          {
            name: 'authenticated GET /v1/tenant (JWT verify + tenant guard + rate limit + 1 GetItem), p50',
            value: p50(tenant),
            unit: 'ms',
            baseline: { name: 'the same GetItem behind a bare HTTP route, p50', value: p50(bareSamples) },
            ratio: p50(tenant) / p50(bareSamples),
            notes: 'same process, same run, interleaved; both routes make one DynamoDB call',
          },
        ];
      } finally {
        await bare.close();
        await server.close();
      }
    },
  },
  {
    name: 'api-list-page',
    run: async ({ log }) => {
      const server = await startServer('bench-list');
      // The signed-up tenant is small (below the grow threshold): one shard, a page is one Query.
      // A second tenant of the same size is laid out in 4 shards, as every tenant was before
      // counts were per tenant, to compare in the same run.
      const small = { tenantId: server.tenantId, auth: server.auth, shards: 1 };
      const four = { ...(await signUp(server.base, 'Bench four shards')), shards: 4 };
      const total = 20_000;
      for (const tenant of [small, four]) {
        await loadListedCustomers(server.table, tenant.tenantId, total, tenant.shards as 1 | 4);
        log(`${total} customers loaded in ${tenant.shards} shard(s)`);
      }
      // Let the processes' cached layouts expire: the four-shard tenant's was read at sign-up.
      await new Promise((resolve) => setTimeout(resolve, CUSTOMER_LIST_LAYOUT_TTL_MS + 100));
      const apiPage = (auth: { authorization: string }) => async () => {
        const started = performance.now();
        const response = await fetch(`${server.base}/v1/customers?limit=50&sort=createdAt&order=desc`, {
          headers: auth,
        });
        const body = (await response.json()) as { items: unknown[] };
        if (body.items.length !== 50) throw new Error('short page');
        return performance.now() - started;
      };
      // The raw Query reads whole items; `projected` reads only what the API's page reads (the
      // customer's fields and the index's sort key: the table keys follow from the ids).
      const listAttributes = [...new Set([...customerFields, 'gsi2sk'])];
      const listQuery = (projected: boolean) => () =>
        server.table.doc.send(
          new QueryCommand({
            TableName: server.table.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': customerListPartition(small.tenantId, false, 0) },
            ...(projected
              ? {
                  ProjectionExpression: listAttributes.map((_, index) => `#p${index}`).join(', '),
                  ExpressionAttributeNames: Object.fromEntries(
                    listAttributes.map((name, index) => [`#p${index}`, name]),
                  ),
                }
              : {}),
            ScanIndexForward: false,
            Limit: 50,
          }),
        );
      const rawQuery = listQuery(false);
      const projectedQuery = listQuery(true);
      const rawPage = async () => {
        const started = performance.now();
        await rawQuery();
        return performance.now() - started;
      };
      // Both Queries behind a bare HTTP server (the same @hono/node-server, no auth, no rate limit,
      // no mapping): what any HTTP API pays to move 50 items, which the raw Query does not. The
      // API's p99 over the first is the cost of the API's own work; the projected one, which reads
      // what the API reads, is the floor of any HTTP API for this page.
      const hop = await listen(
        new Hono()
          .get('/page', async (c) => c.json({ items: (await rawQuery()).Items ?? [] }))
          .get('/projected-page', async (c) => c.json({ items: (await projectedQuery()).Items ?? [] })),
        await findFreePort(),
      );
      const hopPageAt = (path: string) => async () => {
        const started = performance.now();
        const response = await fetch(`${hop.url}${path}`);
        const body = (await response.json()) as { items: unknown[] };
        if (body.items.length !== 50) throw new Error('short page');
        return performance.now() - started;
      };
      const hopPage = hopPageAt('/page');
      const projectedHopPage = hopPageAt('/projected-page');
      try {
        const samples = async (run: () => Promise<number>, count: number) => {
          const out: number[] = [];
          for (let i = 0; i < count; i++) out.push(await run());
          return out.sort((a, b) => a - b);
        };
        const smallPage = apiPage(small.auth);
        const fourPage = apiPage(four.auth);
        await samples(rawPage, 50);
        await samples(hopPage, 50);
        await samples(projectedHopPage, 50);
        await samples(smallPage, 50);
        await samples(fourPage, 50);
        // Interleaved rounds, so a burst of load from elsewhere on the machine falls on all four.
        const raw: number[] = [];
        const hopped: number[] = [];
        const projectedHopped: number[] = [];
        const one: number[] = [];
        const many: number[] = [];
        // 2,000 pages each: a p99 over a few hundred is one of the five slowest pages, and moved
        // by a fifth between runs of the same code.
        for (let round = 0; round < ROUNDS; round++) {
          raw.push(...(await samples(rawPage, PAGES_PER_ROUND)));
          hopped.push(...(await samples(hopPage, PAGES_PER_ROUND)));
          projectedHopped.push(...(await samples(projectedHopPage, PAGES_PER_ROUND)));
          one.push(...(await samples(smallPage, PAGES_PER_ROUND)));
          many.push(...(await samples(fourPage, PAGES_PER_ROUND)));
        }
        for (const list of [raw, hopped, projectedHopped, one, many]) list.sort((a, b) => a - b);
        const rawP99 = quantile(raw, 0.99);
        // Throughput under the create benchmark's 16 connections: one page's latency hides what a
        // page costs DynamoDB Local and the server when requests queue behind each other.
        const rawSeconds = await concurrently(2000, () => rawPage().then(() => undefined));
        const oneSeconds = await concurrently(1000, () => smallPage().then(() => undefined));
        const manySeconds = await concurrently(1000, () => fourPage().then(() => undefined));
        const rawPerSecond = 2000 / rawSeconds;
        log(
          `16 connections: raw Query ${rawPerSecond.toFixed(0)}/s, API list 1 shard ${(1000 / oneSeconds).toFixed(0)}/s, 4 shards ${(1000 / manySeconds).toFixed(0)}/s`,
        );
        const rawBaseline = { name: 'raw Query (one partition, Limit 50) p99', value: rawP99 };
        return [
          {
            name: `list page of 50 (${total.toLocaleString('en')} customers, 1 shard) via API, ${CONCURRENCY} connections`,
            value: 1000 / oneSeconds,
            unit: 'pages/s',
            baseline: {
              name: `raw Query (one partition, Limit 50), ${CONCURRENCY} connections`,
              value: rawPerSecond,
            },
            ratio: 1000 / oneSeconds / rawPerSecond,
            notes: 'higher is better',
          },
          {
            name: `list page of 50 (${total.toLocaleString('en')} customers, 4 shards) via API, ${CONCURRENCY} connections`,
            value: 1000 / manySeconds,
            unit: 'pages/s',
            baseline: {
              name: `raw Query (one partition, Limit 50), ${CONCURRENCY} connections`,
              value: rawPerSecond,
            },
            ratio: 1000 / manySeconds / rawPerSecond,
            notes: 'higher is better',
          },
          {
            name: 'list page of 50 via API, small tenant (1 shard), p50',
            value: quantile(one, 0.5),
            unit: 'ms',
            baseline: { name: 'raw Query p50', value: quantile(raw, 0.5) },
            ratio: quantile(one, 0.5) / quantile(raw, 0.5),
          },
          {
            name: 'list page of 50 via API, small tenant (1 shard), p99',
            value: quantile(one, 0.99),
            unit: 'ms',
            baseline: rawBaseline,
            ratio: quantile(one, 0.99) / rawP99,
            goal: '<= 1.2',
            notes: 'one Query plus HTTP + auth; lower is better',
          },
          {
            name: 'list page of 50 via API, small tenant (1 shard), p50, against the same Query over HTTP',
            value: quantile(one, 0.5),
            unit: 'ms',
            baseline: {
              name: 'raw Query (Limit 50) behind a bare HTTP route, p50',
              value: quantile(hopped, 0.5),
            },
            ratio: quantile(one, 0.5) / quantile(hopped, 0.5),
          },
          {
            name: 'list page of 50 via API, small tenant (1 shard), p99, against the same Query over HTTP',
            value: quantile(one, 0.99),
            unit: 'ms',
            baseline: {
              name: 'raw Query (Limit 50) behind a bare HTTP route, p99',
              value: quantile(hopped, 0.99),
            },
            ratio: quantile(one, 0.99) / quantile(hopped, 0.99),
            notes:
              "the API's own work (auth, rate limit, routing, mapping) beside the hop every HTTP API pays",
          },
          {
            name: "the floor of any HTTP API for this page: the Query, projected like the API's, behind a bare HTTP route, p99",
            value: quantile(projectedHopped, 0.99),
            unit: 'ms',
            baseline: rawBaseline,
            ratio: quantile(projectedHopped, 0.99) / rawP99,
            notes:
              "no auth, no rate limit, no mapping: the hop and the serialising alone; the API's p99 goal (<= 1.2 of the raw Query) is below this when the ratio exceeds 1.2",
          },
          {
            name: 'list page of 50 via API, same size in 4 shards, p99',
            value: quantile(many, 0.99),
            unit: 'ms',
            baseline: rawBaseline,
            ratio: quantile(many, 0.99) / rawP99,
            notes: 'the API merges 4 list shards (4 parallel Queries) and adds HTTP + auth; lower is better',
          },
        ];
      } finally {
        await hop.close();
        await server.close();
      }
    },
  },
];
