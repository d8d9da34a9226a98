import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createStreamHandler } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import { newId } from '@crm/domain';
import { createTableClient, keys, type TableClient } from '@crm/dynamodb';
import { createLocalDynamoDbClient, createStreamPoller, ensureTable } from '@crm/local';
import { type Benchmark, quantile } from './harness.js';

const TABLE = 'bench';
const CONCURRENCY = 16;

async function benchTable(endpoint: string): Promise<TableClient> {
  const control = createLocalDynamoDbClient({ endpoint });
  await ensureTable(control, TABLE).finally(() => control.destroy());
  // The project's client settings: the same factory the API and the stream handlers use.
  return createTableClient({ tableName: TABLE, endpoint });
}

/** A customer-sized item (~400 bytes), keyed like real tenant data. */
function customerItem(tenantId: string, index: number) {
  const customerId = newId();
  return {
    ...keys.customer(tenantId, customerId),
    entityType: 'customer',
    customerId,
    name: `Customer ${index}`,
    email: `customer-${index}@example.com`,
    phone: '+86 10 5555 0100',
    city: 'Shanghai',
    tags: ['bench', 'retail'],
    creditLimitMinor: 500_000,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
  };
}

/** Runs `task(i)` for i in [0, count) with `concurrency` workers; resolves with the elapsed ms. */
async function runConcurrently(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) await task(index);
    }),
  );
  return performance.now() - started;
}

async function putItemsPerSecond(table: TableClient, count: number): Promise<number> {
  const tenantId = newId();
  const elapsed = await runConcurrently(count, CONCURRENCY, async (index) => {
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: customerItem(tenantId, index) }));
  });
  return count / (elapsed / 1000);
}

async function batchWriteItemsPerSecond(table: TableClient, batches: number): Promise<number> {
  const tenantId = newId();
  let items = 0;
  const elapsed = await runConcurrently(batches, CONCURRENCY, async () => {
    let requests = Array.from({ length: 25 }, (_, index) => ({
      PutRequest: { Item: customerItem(tenantId, index) },
    }));
    while (requests.length > 0) {
      const result = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
      );
      items += requests.length;
      requests = (result.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
      items -= requests.length;
    }
  });
  return items / (elapsed / 1000);
}

export const benchmarks: Benchmark[] = [
  {
    name: 'dynamodb-local-writes',
    run: async ({ dynamodbEndpoint, log }) => {
      const table = await benchTable(await dynamodbEndpoint());
      // Warm the JVM (JIT) first: the first seconds of DynamoDB Local are much slower.
      await putItemsPerSecond(table, 2000);
      await batchWriteItemsPerSecond(table, 80);
      const put = await putItemsPerSecond(table, 5000);
      log(`PutItem: ${put.toFixed(0)} items/s`);
      const batch = await batchWriteItemsPerSecond(table, 400);
      log(`BatchWriteItem: ${batch.toFixed(0)} items/s`);
      return [
        {
          name: `PutItem, concurrency ${CONCURRENCY} (raw DynamoDB Local, project client)`,
          value: put,
          unit: 'items/s',
          notes: 'baseline for API write ratios; warm JVM, 5,000 customer-sized items',
        },
        {
          name: `BatchWriteItem 25/request, concurrency ${CONCURRENCY}`,
          value: batch,
          unit: 'items/s',
          baseline: { name: 'PutItem', value: put },
          ratio: batch / put,
          notes: 'baseline for import ratios; warm JVM, 10,000 items',
        },
      ];
    },
  },
  {
    name: 'stream-latency',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const table = await benchTable(endpoint);
      const tenantId = newId();
      const writtenAt = new Map<string, number>();
      const latencies: number[] = [];
      const reaction: Reaction = {
        name: 'bench-latency',
        entityTypes: ['customer'],
        handle: async (change) => {
          const id = String(change.after?.customerId);
          const at = writtenAt.get(id);
          if (change.tenantId === tenantId && at !== undefined) latencies.push(performance.now() - at);
        },
      };
      // The poller with its default settings (idle backoff 50 → 250 ms) and the real stream handler.
      const poller = createStreamPoller({
        endpoint,
        tableName: TABLE,
        handler: createStreamHandler({ reactions: [reaction] }),
        startingPosition: 'LATEST',
        log: () => {},
      });
      await poller.start();
      const writes = 200;
      try {
        for (let index = 0; index < writes; index++) {
          // Irregular gaps (0–200 ms) so writes meet the poller both busy and backed off.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
          const item = customerItem(tenantId, index);
          writtenAt.set(item.customerId, performance.now());
          await table.doc.send(new PutCommand({ TableName: TABLE, Item: item }));
        }
        const deadline = performance.now() + 10_000;
        while (latencies.length < writes && performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await poller.stop();
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      log(`${sorted.length}/${writes} writes reached the handler`);
      const notes = `${sorted.length}/${writes} writes, gaps 0–200 ms; from PutItem sent to reaction called`;
      return [
        { name: 'write → stream handler p50', value: quantile(sorted, 0.5), unit: 'ms', notes },
        { name: 'write → stream handler p99', value: quantile(sorted, 0.99), unit: 'ms', notes },
        { name: 'write → stream handler max', value: sorted.at(-1) ?? Number.NaN, unit: 'ms', notes },
      ];
    },
  },
];
