import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import { newId } from '@crm/domain';
import { createTableClient, keys, TenantTable, toItem } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import { createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { dynamoDbStreamEvent, dynamoDbStreamRecord, testInteraction } from '@crm/testing';
import type { Context } from 'aws-lambda';
import type { Benchmark } from './harness.js';
import { countItems } from './item-counter.js';

/**
 * Issue 11's stream figure: the stream handler (every registry reaction: history, scores, credit,
 * churn, member tiers, tasks, webhooks…) on 1,000 order records, in batches of 100 as the event
 * source mapping delivers them, against the raw DynamoDB writes it performs: the same number of
 * items put one after another on the same DynamoDB Local. The ratio says what the reactions cost
 * beyond their own writes (their reads, conditions, decisions); 1 would be nothing.
 */

const TABLE = 'bench-stream';
const RECORDS = Number(process.env.STREAM_BENCH_RECORDS ?? 1_000);
const CUSTOMERS = 50;
const BATCH = 100;

export const benchmarks: Benchmark[] = [
  {
    name: 'stream-throughput',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, TABLE).finally(() => control.destroy());
      const table = createTableClient({ tableName: TABLE, endpoint });
      const app = createApp({
        table,
        signingKey: inMemorySigningKey(),
        passwordHasher: createScryptHasher({ N: 2 ** 10 }),
      });
      const request = async (path: string, auth: Record<string, string>, body: unknown) => {
        const response = await app.request(path, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await response.json()) as Record<string, unknown>;
      };
      const signup = await request(
        '/v1/auth/signup',
        {},
        {
          tenantName: 'Stream bench',
          email: `stream-bench-${Date.now()}@example.com`,
          password: 'bench-password-1',
        },
      );
      const auth = { authorization: `Bearer ${signup.accessToken as string}` };
      const tenantId = (signup.tenant as { id: string }).id;
      const userId = (signup.user as { id: string }).id;
      const customerIds: string[] = [];
      for (let index = 0; index < CUSTOMERS; index++) {
        const created = await request('/v1/customers', auth, {
          name: `Stream customer ${index}`,
          kind: 'business',
        });
        customerIds.push(created.id as string);
      }

      // The orders as the API stores them, and the records their writes put on the stream.
      const started = Date.now() - RECORDS * 60_000;
      const items = Array.from({ length: RECORDS }, (_, index) => {
        const at = new Date(started + index * 60_000).toISOString();
        const order = testInteraction({
          id: newId(),
          customerId: customerIds[index % CUSTOMERS] as string,
          amount: 1_000 + index,
          currency: 'CNY',
          occurredAt: at,
          createdAt: at,
          createdBy: userId,
        });
        return toItem('interaction', keys.interaction(tenantId, order.customerId, at, order.id), order);
      });
      await new TenantTable(table, tenantId).batchPut(items, { concurrency: 8 });
      const records = items.map((item) => dynamoDbStreamRecord({ newItem: item }));

      const reactionTable = createTableClient({ tableName: TABLE, endpoint });
      const counts = countItems(reactionTable);
      const handler = createStreamHandler({ reactions: createReactions({ table: reactionTable }) });
      const context = { functionName: 'bench-stream', awsRequestId: 'bench' } as Context;
      const handlerStarted = performance.now();
      for (let start = 0; start < records.length; start += BATCH) {
        const result = await handler(dynamoDbStreamEvent(...records.slice(start, start + BATCH)), context);
        if (result.batchItemFailures.length > 0) throw new Error(`batch at ${start} failed`);
      }
      const handlerSeconds = (performance.now() - handlerStarted) / 1000;
      log(
        `handler: ${RECORDS} records in ${handlerSeconds.toFixed(1)} s; ${counts.writeRequests} write requests, ` +
          `${counts.itemsWritten} items written, ${counts.itemsRead} items read, ${counts.requests} requests`,
      );

      // The baseline: as many items as the handler wrote, put one at a time (it writes in record order).
      const raw = new TenantTable(table, tenantId);
      const rawStarted = performance.now();
      for (let index = 0; index < counts.itemsWritten; index++) {
        await raw.put(
          toItem(
            'benchWrite',
            { pk: `${raw.prefix}BENCH#${index % CUSTOMERS}`, sk: `W#${index}` },
            { index },
          ),
        );
      }
      const rawSeconds = (performance.now() - rawStarted) / 1000;
      return [
        {
          name: `stream handler, ${RECORDS} order records (batches of ${BATCH})`,
          value: RECORDS / handlerSeconds,
          unit: 'records/s',
          notes: `${handlerSeconds.toFixed(1)} s; per record ${(counts.itemsRead / RECORDS).toFixed(1)} items read, ${(counts.itemsWritten / RECORDS).toFixed(1)} written, ${(counts.requests / RECORDS).toFixed(1)} requests`,
        },
        {
          name: 'stream handler time ÷ its raw writes put one by one',
          value: handlerSeconds / rawSeconds,
          unit: '×',
          baseline: { name: `${counts.itemsWritten} PutItems, serial, seconds`, value: rawSeconds },
          ratio: handlerSeconds / rawSeconds,
          notes: 'lower is better; 1 = the reactions cost nothing beyond their writes',
        },
      ];
    },
  },
];
