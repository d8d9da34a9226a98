import os from 'node:os';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { newId } from '@crm/domain';
import { createTableClient, keys, type TableClient } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { createLocalDynamoDbClient, ensureTable, findFreePort, listen, startDynamoDbLocal } from '@crm/local';
import type { Benchmark, BenchResult } from './harness.js';

/**
 * Orders into ONE customer (issue 20): the API (real HTTP, keep-alive fetch) with 16 and 64
 * concurrent writers, against the floor of what DynamoDB can do on one item, a raw UpdateItem
 * `ADD` through the same client, in the same run on the same DynamoDB Local. An order is a
 * transaction (the interaction's put + the figures' ADD and first/last instants), so ≥ 0.5× of the
 * raw single write is the goal; any answer but 201 is a refusal (goal 0). The bare transaction is
 * measured too: on DynamoDB Local it alone is below 0.5× of raw ADD (docs/data-model.md).
 */

const ORDERS_PER_WRITER = 10;
const WRITER_COUNTS = [16, 64] as const;

type Server = {
  base: string;
  table: TableClient;
  /** DynamoDB calls the server's client has sent so far, by command. */
  calls: Map<string, number>;
  auth: { authorization: string };
  tenantId: string;
  close: () => Promise<void>;
};

async function startServer(): Promise<Server> {
  const tableName = 'bench-hot-customer';
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  const control = createLocalDynamoDbClient({ endpoint: dynamodb.endpoint });
  await ensureTable(control, tableName).finally(() => control.destroy());
  const table = createTableClient({ tableName, endpoint: dynamodb.endpoint });
  // Every command the API sends (retries included), to tell the cost of one order in calls.
  const calls = new Map<string, number>();
  table.doc.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? 'unknown';
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'benchCallCounter' },
  );
  const app = createApp({
    table,
    signingKey: inMemorySigningKey(),
    passwordHasher: createScryptHasher({ N: 2 ** 10 }),
  });
  const port = await findFreePort();
  const server = await listen(app, port);
  const base = `http://127.0.0.1:${port}`;
  const signup = await fetch(`${base}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName: 'Bench',
      email: `bench-${newId().toLowerCase()}@example.com`,
      password: 'bench-password-1',
    }),
  });
  const body = (await signup.json()) as { accessToken: string; tenant: { id: string } };
  return {
    base,
    table,
    calls,
    auth: { authorization: `Bearer ${body.accessToken}` },
    tenantId: body.tenant.id,
    close: async () => {
      await server.close();
      await dynamodb.stop();
    },
  };
}

/** `writers` concurrent loops of `perWriter` calls each; the seconds it took. */
async function burst(
  writers: number,
  perWriter: number,
  task: (n: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; index < perWriter; index++) await task(writer * perWriter + index);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function createCustomer(server: Server, name: string): Promise<string> {
  const response = await fetch(`${server.base}/v1/customers`, {
    method: 'POST',
    headers: { ...server.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name, kind: 'business' }),
  });
  if (response.status !== 201) throw new Error(`customer create answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'hot-customer-orders',
    run: async ({ log }) => {
      const server = await startServer();
      const results: BenchResult[] = [];
      try {
        const rawKey = keys.customer(server.tenantId, 'RAWCOUNTER');
        const rawAdd = () =>
          server.table.doc
            .send(
              new UpdateCommand({
                TableName: server.table.tableName,
                Key: rawKey,
                UpdateExpression: 'ADD #n :one',
                ExpressionAttributeNames: { '#n': 'orderCount' },
                ExpressionAttributeValues: { ':one': 1 },
              }),
            )
            .then(() => undefined);
        // The write an order cannot do with less: its put and the ADD on a real customer item
        // (which sits in the list indexes), as one transaction: where the API's cost is.
        const rawTransaction = (customerId: string) => (n: number) =>
          server.table.doc
            .send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Put: {
                      TableName: server.table.tableName,
                      Item: { pk: keys.customerPartition(server.tenantId, customerId), sk: `I#RAW#${n}` },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                  {
                    Update: {
                      TableName: server.table.tableName,
                      Key: keys.customer(server.tenantId, customerId),
                      UpdateExpression: 'ADD #s.#n :one',
                      ExpressionAttributeNames: { '#s': 'stats', '#n': 'interactionCount' },
                      ExpressionAttributeValues: { ':one': 1 },
                    },
                  },
                ],
              }),
            )
            .then(() => undefined);
        const order = (customerId: string, refusals: Map<number, number>) => async (n: number) => {
          const response = await fetch(`${server.base}/v1/customers/${customerId}/interactions`, {
            method: 'POST',
            headers: { ...server.auth, 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'order',
              amount: 100 + n,
              currency: 'CNY',
              occurredAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
            }),
          });
          await response.arrayBuffer();
          if (response.status !== 201)
            refusals.set(response.status, (refusals.get(response.status) ?? 0) + 1);
        };
        // Warm both paths (JIT, connections) on items the measurement does not use.
        const warmCustomer = await createCustomer(server, 'Warm-up');
        await burst(16, 10, order(warmCustomer, new Map()));
        await burst(16, 10, rawAdd);

        for (const writers of WRITER_COUNTS) {
          const count = writers * ORDERS_PER_WRITER;
          const customerId = await createCustomer(server, `Hot ${writers}`);
          const refusals = new Map<number, number>();
          const rawSeconds = await burst(writers, ORDERS_PER_WRITER, rawAdd);
          const transactionCustomer = await createCustomer(server, `Raw ${writers}`);
          const transactionSeconds = await burst(
            writers,
            ORDERS_PER_WRITER,
            rawTransaction(transactionCustomer),
          );
          const callsBefore = new Map(server.calls);
          const apiSeconds = await burst(writers, ORDERS_PER_WRITER, order(customerId, refusals));
          const perOrder = [...server.calls]
            .map(
              ([name, total]) =>
                [name.replace(/Command$/, ''), (total - (callsBefore.get(name) ?? 0)) / count] as const,
            )
            .filter(([, n]) => n > 0);
          const callsPerOrder = perOrder.reduce((sum, [, n]) => sum + n, 0);
          const callMix = perOrder.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(', ');
          const read = await fetch(`${server.base}/v1/customers/${customerId}`, { headers: server.auth });
          const stats = ((await read.json()) as { stats: { orderCount: number } }).stats;
          const refused = [...refusals.values()].reduce((sum, n) => sum + n, 0);
          if (stats.orderCount !== count - refused) {
            throw new Error(
              `figures drifted: ${stats.orderCount} orders counted, ${count - refused} accepted`,
            );
          }
          const raw = count / rawSeconds;
          const api = count / apiSeconds;
          const transaction = count / transactionSeconds;
          log(
            `${writers} writers: API ${api.toFixed(0)} orders/s, raw ADD ${raw.toFixed(0)}/s (API ${(api / raw).toFixed(2)}×), raw put+ADD transaction ${transaction.toFixed(0)}/s (API ${(api / transaction).toFixed(2)}×; the transaction itself ${(transaction / raw).toFixed(2)}× raw ADD), refused ${refused} ${JSON.stringify(Object.fromEntries(refusals))}; DynamoDB calls per order ${callsPerOrder.toFixed(2)} (${callMix}); load average ${os.loadavg()[0]?.toFixed(1)}`,
          );
          results.push(
            {
              name: `orders into one customer, ${writers} writers (API)`,
              value: api,
              unit: 'orders/s',
              baseline: { name: 'raw UpdateItem ADD on one item', value: raw },
              ratio: api / raw,
              goal: '>= 0.5',
              notes: `${count} orders; figures read back exact`,
            },
            {
              name: `orders into one customer, ${writers} writers (API) vs its raw transaction`,
              value: api,
              unit: 'orders/s',
              baseline: { name: 'raw put + ADD transaction on a customer item', value: transaction },
              ratio: api / transaction,
              notes:
                "what the API adds over the one write an order needs: HTTP, auth, the request bucket's write, a wrong guess of the instants",
            },
            {
              name: `raw put + ADD transaction, ${writers} writers, vs raw ADD`,
              value: transaction,
              unit: 'orders/s',
              baseline: { name: 'raw UpdateItem ADD on one item', value: raw },
              ratio: transaction / raw,
              notes: 'the ceiling of the API against raw ADD while an order is one transaction',
            },
            {
              name: `DynamoDB calls per order, ${writers} writers`,
              value: callsPerOrder,
              unit: 'calls',
              notes: `${callMix} (retries included; the stream's reactions are not running here)`,
            },
            {
              name: `refused orders, ${writers} writers`,
              value: refused,
              unit: 'requests',
              goal: '0',
              notes: `of ${count}; by status: ${JSON.stringify(Object.fromEntries(refusals))}`,
            },
          );
        }
      } finally {
        await server.close();
      }
      return results;
    },
  },
];
