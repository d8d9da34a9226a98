import { reviewCreditAllTenants } from '@crm/app/credit';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import { createTableClient, sharedClientFactory, streamFilter } from '@crm/dynamodb';
import { createLocalDynamoDbClient, createStreamPoller, ensureTable } from '@crm/local';
import { benchTenant } from './bench-tenant.js';
import { type Benchmark, type BenchResult, quantile } from './harness.js';
import { countItems } from './item-counter.js';

/**
 * Issue 11's credit figures: how soon an order written through the API shows in the customer's
 * credit file (p50/p95 over 200 orders on ONE customer, so a cost that grows with the customer's
 * open receivables shows as a rising tail), against the stream's own delivery time in the same run;
 * and what the nightly credit pass reads and writes over a tenant (items, counted at the client).
 */

const TABLE = 'bench-credit';
const ORDERS = 200;
const OTHER_CUSTOMERS = 20;
const ORDERS_PER_OTHER = 5;

export const benchmarks: Benchmark[] = [
  {
    name: 'credit-status',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, TABLE).finally(() => control.destroy());
      const table = createTableClient({ tableName: TABLE, endpoint });
      const { request, auth, tenantId } = await benchTenant(table, 'Credit bench');
      const newCustomer = async (name: string) => {
        const created = await request('POST', '/v1/customers', auth, { name, kind: 'business' });
        if (created.status !== 201) throw new Error(`customer create answered ${created.status}`);
        const id = created.body.id as string;
        // High enough that no order is held: the figure measured is the file catching up.
        await request('PUT', `/v1/customers/${id}/credit/limit`, auth, { limit: 1e12, reason: 'bench' });
        return id;
      };
      const order = (customerId: string, amount: number) =>
        request('POST', `/v1/customers/${customerId}/interactions`, auth, {
          type: 'order',
          amount,
          currency: 'CNY',
          occurredAt: new Date().toISOString(),
        });

      // The baseline: when each order's record reaches the stream handler at all.
      const delivered = new Map<string, number>();
      const arrival: Reaction = {
        name: 'bench-arrival',
        entityTypes: ['interaction'],
        async handle(change) {
          const id = (change.after as { id?: string } | undefined)?.id;
          if (change.tenantId === tenantId && id && !delivered.has(id)) delivered.set(id, performance.now());
        },
      };
      // The reactions get their own client, so what the stream reads per order can be counted.
      const reactionTable = createTableClient({ tableName: TABLE, endpoint });
      const streamCounts = countItems(reactionTable);
      const poller = createStreamPoller({
        endpoint,
        tableName: TABLE,
        handler: createStreamHandler({ reactions: [arrival, ...createReactions({ table: reactionTable })] }),
        filter: streamFilter,
        startingPosition: 'LATEST',
        log: () => {},
      });
      await poller.start();
      const visible: number[] = [];
      /** Items the reactions read for each order (every reaction, credit the one that could grow). */
      const streamReads: number[] = [];
      const streamed: number[] = [];
      try {
        const customerId = await newCustomer('Busy buyer');
        let exposure = 0;
        for (let index = 0; index < ORDERS; index++) {
          const amount = 100 + index;
          const started = performance.now();
          const readBefore = streamCounts.itemsRead;
          const written = await order(customerId, amount);
          if (written.status !== 201) throw new Error(`order answered ${written.status}`);
          exposure += amount;
          const deadline = started + 30_000;
          for (;;) {
            const file = await request('GET', `/v1/customers/${customerId}/credit`, auth);
            if ((file.body.exposure as number) >= exposure) break;
            if (performance.now() > deadline)
              throw new Error(`order ${index} not in the credit file after 30 s`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          visible.push(performance.now() - started);
          // Settled before the next order: what the stream read for this one alone.
          await poller.waitUntilIdle({ timeoutMs: 30_000 });
          streamReads.push(streamCounts.itemsRead - readBefore);
          const at = delivered.get(written.body.id as string);
          if (at !== undefined) streamed.push(at - started);
        }
        for (let index = 0; index < OTHER_CUSTOMERS; index++) {
          const other = await newCustomer(`Customer ${index}`);
          for (let n = 0; n < ORDERS_PER_OTHER; n++) await order(other, 1_000 + n);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        await poller.waitUntilIdle({ timeoutMs: 120_000 });
      } finally {
        await poller.stop();
      }

      // The nightly pass two months on: every receivable is past due, each customer is re-rated.
      const counted = createTableClient({ tableName: TABLE, endpoint });
      const counts = countItems(counted);
      const inTwoMonths = () => new Date(Date.now() + 60 * 86_400_000);
      const pass = () =>
        reviewCreditAllTenants({
          table: counted,
          tenantClient: sharedClientFactory(counted),
          clock: inTwoMonths,
          tenantIds: [tenantId],
        });
      const first = await pass();
      const firstCounts = { ...counts };
      const second = await pass();
      const secondCounts = {
        requests: counts.requests - firstCounts.requests,
        itemsRead: counts.itemsRead - firstCounts.itemsRead,
        itemsWritten: counts.itemsWritten - firstCounts.itemsWritten,
      };
      log(`nightly passes: ${first.customers} customers, ${first.changed} then ${second.changed} changed`);

      const sortedVisible = [...visible].sort((a, b) => a - b);
      const sortedStreamed = [...streamed].sort((a, b) => a - b);
      // The second tenth, not the first: the first orders also pay for warming the process up.
      const firstTenth = visible.slice(ORDERS / 10, (2 * ORDERS) / 10).sort((a, b) => a - b);
      const lastTenth = visible.slice(-ORDERS / 10).sort((a, b) => a - b);
      const results: BenchResult[] = [];
      for (const q of [0.5, 0.95] as const) {
        const value = quantile(sortedVisible, q);
        const baseline = quantile(sortedStreamed, q);
        results.push({
          name: `API write → credit status visible p${q * 100} (${ORDERS} orders, one customer)`,
          value,
          unit: 'ms',
          baseline: { name: `write → stream handler p${q * 100}`, value: baseline },
          ratio: value / baseline,
          notes: 'lower is better; includes the 5 ms polling of GET …/credit',
        });
      }
      results.push({
        name: 'credit status visible p50, last 20 orders ÷ orders 21–40 (open receivables grow)',
        value: quantile(lastTenth, 0.5) / quantile(firstTenth, 0.5),
        unit: '×',
        goal: '≈ 1 (no cost per open receivable)',
      });
      const mean = (values: readonly number[]) =>
        values.reduce((sum, value) => sum + value, 0) / values.length;
      results.push(
        {
          name: 'stream items read per order, orders 21–40',
          value: mean(streamReads.slice(ORDERS / 10, (2 * ORDERS) / 10)),
          unit: 'items',
        },
        {
          name: `stream items read per order, last 20 (about ${ORDERS} open receivables)`,
          value: mean(streamReads.slice(-ORDERS / 10)),
          unit: 'items',
          goal: 'the same as orders 21–40 (no read per open receivable)',
        },
      );
      const customers = first.customers;
      results.push(
        {
          name: `nightly credit pass, first run: items read (${customers} customers)`,
          value: firstCounts.itemsRead,
          unit: 'items',
          notes: `${(firstCounts.itemsRead / customers).toFixed(1)} per customer; ${firstCounts.requests} requests`,
        },
        {
          name: 'nightly credit pass, first run: items written',
          value: firstCounts.itemsWritten,
          unit: 'items',
        },
        {
          name: 'nightly credit pass, run again: items read',
          value: secondCounts.itemsRead,
          unit: 'items',
        },
        {
          name: 'nightly credit pass, run again: items written',
          value: secondCounts.itemsWritten,
          unit: 'items',
          goal: '0 (nothing changed)',
        },
      );
      return results;
    },
  },
];
