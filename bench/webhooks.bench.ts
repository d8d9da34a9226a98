import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import { createTableClient, streamFilter } from '@crm/dynamodb';
import {
  createLocalDynamoDbClient,
  createStreamPoller,
  ensureTable,
  startWebhookDeliveryTimer,
} from '@crm/local';
import { benchTenant } from './bench-tenant.js';
import { type Benchmark, type BenchResult, quantile } from './harness.js';

/**
 * Issue 12's fan-out: customers created through the API, each event fanned out to 10 endpoints on
 * this machine, with the local runtime's own delivery timer (the AWS queue's stand-in). Measured:
 * deliveries per second and write → delivery received p50 / p95, against the write → stream handler
 * time of the same records (the baseline); then the same with one endpoint down (it accepts the
 * connection and never answers, the worst kind), where the healthy nine must not slow down.
 */

const TABLE = 'bench-webhooks';
const ENDPOINTS = 10;
const CUSTOMERS = 100;
/** The local runtime's delivery timer period (packages/local webhook-delivery-timer). */
const TIMER_MS = 1000;

type Receiver = { url: string; received: Map<string, number>; close: () => Promise<void> };

/** An endpoint that records when each customer's event arrived; a `hanging` one never answers. */
async function startReceiver(hanging: boolean): Promise<Receiver> {
  const received = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (hanging) return;
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { id?: string } };
      const id = payload.data?.id;
      if (id && !received.has(id)) received.set(id, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Round = { deliveriesPerSecond: number; p50: number; p95: number; streamP50: number; streamP95: number };

async function round(
  endpoint: string,
  downEndpoints: number,
  log: (message: string) => void,
): Promise<Round> {
  const table = createTableClient({ tableName: TABLE, endpoint });
  const { request, auth, tenantId } = await benchTenant(table, 'Webhook bench', {
    webhooks: { allowLoopback: true },
  });
  const receivers = await Promise.all(
    Array.from({ length: ENDPOINTS }, (_, index) => startReceiver(index < downEndpoints)),
  );
  for (const receiver of receivers) {
    const created = await request('POST', '/v1/webhooks', auth, {
      url: receiver.url,
      events: ['customer.created'],
    });
    if (created.status !== 201) throw new Error(`webhook create answered ${created.status}`);
  }
  const healthy = receivers.slice(downEndpoints);

  const streamed = new Map<string, number>();
  const arrival: Reaction = {
    name: 'bench-arrival',
    entityTypes: ['customer'],
    async handle(change) {
      const id = (change.after as { id?: string } | undefined)?.id;
      if (change.tenantId === tenantId && change.kind === 'created' && id)
        streamed.set(id, performance.now());
    },
  };
  const reactionTable = createTableClient({ tableName: TABLE, endpoint });
  const poller = createStreamPoller({
    endpoint,
    tableName: TABLE,
    handler: createStreamHandler({ reactions: [arrival, ...createReactions({ table: reactionTable })] }),
    filter: streamFilter,
    startingPosition: 'LATEST',
    log: () => {},
  });
  await poller.start();
  const timer = startWebhookDeliveryTimer({ table: reactionTable, intervalMs: TIMER_MS, log });
  const written = new Map<string, number>();
  try {
    const began = performance.now();
    for (let index = 0; index < CUSTOMERS; index++) {
      const started = performance.now();
      const created = await request('POST', '/v1/customers', auth, {
        name: `Hook customer ${index}`,
        kind: 'business',
      });
      if (created.status !== 201) throw new Error(`customer create answered ${created.status}`);
      written.set(created.body.id as string, started);
    }
    const expected = CUSTOMERS * healthy.length;
    const deadline = performance.now() + 300_000;
    const count = () => healthy.reduce((sum, receiver) => sum + receiver.received.size, 0);
    while (count() < expected) {
      if (performance.now() > deadline)
        throw new Error(`only ${count()} of ${expected} deliveries after 5 min`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const last = Math.max(...healthy.flatMap((receiver) => [...receiver.received.values()]));
    const latencies = healthy
      .flatMap((receiver) => [...receiver.received].map(([id, at]) => at - (written.get(id) ?? at)))
      .sort((a, b) => a - b);
    const stream = [...streamed].map(([id, at]) => at - (written.get(id) ?? at)).sort((a, b) => a - b);
    log(`${downEndpoints} down: ${expected} deliveries in ${((last - began) / 1000).toFixed(1)} s`);
    return {
      deliveriesPerSecond: expected / ((last - began) / 1000),
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      streamP50: quantile(stream, 0.5),
      streamP95: quantile(stream, 0.95),
    };
  } finally {
    await timer.stop();
    await poller.stop();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'webhooks-fanout',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, TABLE).finally(() => control.destroy());
      const all = await round(endpoint, 0, log);
      const oneDown = await round(endpoint, 1, log);
      const results: BenchResult[] = [
        {
          name: `webhook deliveries/s, ${CUSTOMERS} customer.created × ${ENDPOINTS} endpoints`,
          value: all.deliveriesPerSecond,
          unit: 'deliveries/s',
          notes: `local delivery timer every ${TIMER_MS} ms; customers written one after another`,
        },
      ];
      for (const [q, value, baseline] of [
        [50, all.p50, all.streamP50],
        [95, all.p95, all.streamP95],
      ] as const) {
        results.push({
          name: `API write → webhook received p${q} (${ENDPOINTS} endpoints)`,
          value,
          unit: 'ms',
          baseline: { name: `write → stream handler p${q}`, value: baseline },
          ratio: value / baseline,
          notes: 'lower is better; the local timer adds up to one period',
        });
      }
      results.push(
        {
          name: `webhook deliveries/s to the ${ENDPOINTS - 1} healthy endpoints, one endpoint hanging`,
          value: oneDown.deliveriesPerSecond,
          unit: 'deliveries/s',
          baseline: { name: 'all endpoints up (per delivery)', value: all.deliveriesPerSecond },
          ratio: oneDown.deliveriesPerSecond / all.deliveriesPerSecond,
          goal: '≈ 1 (the others must not slow down)',
        },
        {
          name: 'API write → webhook received p95, healthy endpoints, one hanging',
          value: oneDown.p95,
          unit: 'ms',
          baseline: { name: 'p95 with all endpoints up', value: all.p95 },
          ratio: oneDown.p95 / all.p95,
          goal: '≈ 1 (lower is better)',
        },
      );
      return results;
    },
  },
];
