import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTableClient, toCreateTableInput } from '@crm/dynamodb';
import { createLocalDynamoDbClient, startDynamoDbLocal } from '@crm/local';
import type { Benchmark, BenchResult } from './harness.js';

const ITEMS = Number(process.env.STORAGE_BENCH_ITEMS ?? 3000);
const CONCURRENCY = 8;

type Variant = { name: string; dbPath?: string; stream: boolean };

/** An order-sized item in one of 3,000 customer partitions, as the demo seed writes them. */
function orderItem(index: number) {
  const customer = `c${index % 3000}`;
  return {
    pk: `T#bench#C#${customer}`,
    sk: `I#1997-01-0${(index % 9) + 1}T00:00:00.000Z#${String(index).padStart(8, '0')}`,
    entityType: 'interaction',
    id: `i${index}`,
    customerId: customer,
    type: 'order',
    amount: 1234,
    currency: 'USD',
    quantity: 2,
    occurredAt: '1997-01-01T00:00:00.000Z',
    source: 'import:bench',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'bench',
    version: 1,
  };
}

/** BatchWriteItem of `count` items after `from`, 25 a request, `CONCURRENCY` in flight: items/s. */
async function itemsPerSecond(endpoint: string, tableName: string, from: number, count: number) {
  const table = createTableClient({ tableName, endpoint });
  const chunks: Record<string, unknown>[][] = [];
  for (let start = from; start < from + count; start += 25) {
    chunks.push(Array.from({ length: Math.min(25, from + count - start) }, (_, k) => orderItem(start + k)));
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chunks.length) {
        let requests = (chunks[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const result = await table.doc.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function measure(variant: Variant): Promise<number> {
  const server = await startDynamoDbLocal(variant.dbPath ? { dbPath: variant.dbPath } : { inMemory: true });
  try {
    const control = createLocalDynamoDbClient({ endpoint: server.endpoint });
    const input = toCreateTableInput('storage-bench');
    if (!variant.stream) delete input.StreamSpecification;
    await control.send(new CreateTableCommand(input));
    control.destroy();
    await itemsPerSecond(server.endpoint, 'storage-bench', 0, 500); // warm the JVM
    return await itemsPerSecond(server.endpoint, 'storage-bench', 500, ITEMS);
  } finally {
    await server.stop();
  }
}

/**
 * Why the first start stages its database in memory-backed storage: the same item writes against
 * DynamoDB Local in memory, with `-dbPath` on disk (with and without the table's stream), and
 * with `-dbPath` in `/dev/shm` (tmpfs), each its own JVM, in one run.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'dynamodb-local-storage',
    run: async ({ log }) => {
      const disk = mkdtempSync(join(tmpdir(), 'crm-storage-bench-'));
      const shm = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'crm-storage-bench-')) : undefined;
      const variants: Variant[] = [
        { name: 'in memory (-inMemory)', stream: true },
        { name: 'on disk (-dbPath)', dbPath: join(disk, 'a'), stream: true },
        { name: 'on disk, table without stream', dbPath: join(disk, 'b'), stream: false },
        ...(shm ? [{ name: 'tmpfs (-dbPath in /dev/shm)', dbPath: join(shm, 'a'), stream: true }] : []),
      ];
      const results: BenchResult[] = [];
      try {
        let memory: number | undefined;
        for (const variant of variants) {
          const rate = await measure(variant);
          memory ??= rate;
          log(`${variant.name}: ${rate.toFixed(0)} items/s`);
          results.push({
            name: `BatchWriteItem, ${variant.name}`,
            value: rate,
            unit: 'items/s',
            baseline: { name: 'in memory', value: memory },
            ratio: rate / memory,
          });
        }
      } finally {
        rmSync(disk, { recursive: true, force: true });
        if (shm) rmSync(shm, { recursive: true, force: true });
      }
      return results;
    },
  },
];
