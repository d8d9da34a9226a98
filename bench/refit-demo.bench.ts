import { readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { AnalyticsService } from '@crm/app/analytics';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark } from './harness.js';

/**
 * A refit of the demo tenant (23,570 CDNOW customers, 69,659 orders) against DynamoDB Local: read
 * every customer's orders, fit BG/NBD + Gamma-Gamma, score and write every customer. The baseline
 * is the in-memory part alone (summary, both fits, scoring), measured in the same run: the ratio
 * shows what the table I/O costs. Also: one customer rescored as the stream reaction does it.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'refit-demo',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, 'refit-demo').finally(() => control.destroy());
      const table = createTableClient({ tableName: 'refit-demo', endpoint });
      const seeded = await seedDemoTenant({
        table,
        cdnowMaster: readFileSync(cdnowMasterPath(), 'utf8'),
        hasher: createScryptHasher(),
        signingKey: inMemorySigningKey(),
        log,
        email: `refit-${Date.now()}@example.com`,
      });
      const tenantId = seeded.tenantId as string;
      const analytics = new AnalyticsService({
        tenantClient: sharedClientFactory(table),
        clock: () => new Date(),
      });
      const started = performance.now();
      const outcome = await analytics.refit({ tenantId, waitMs: 30 * 60_000 });
      const seconds = (performance.now() - started) / 1000;
      if (outcome.status !== 'succeeded')
        throw new Error(`refit ${outcome.status}: ${outcome.fit.error?.message}`);
      const d = outcome.fit.diagnostics ?? {};
      log(
        `refit ${seconds.toFixed(1)} s: read ${d.readMs} ms, fit ${d.fitMs} ms, score+write ${d.scoreMs} ms; ${d.customers} customers, ${d.orders} orders`,
      );
      const inMemory = ((d.fitMs ?? 0) + (outcome.fit.diagnostics?.scoreMs ?? 0)) / 1000;
      // One customer rescored as the reaction does (latest fit + orders + UpdateItem), 200 times.
      const page = await analytics.model({ tenantId });
      const ids: string[] = [];
      const { CustomerRepository } = await import('@crm/dynamodb');
      const list = await new CustomerRepository(table, tenantId).list({
        tenantId,
        sort: 'value',
        order: 'desc',
        limit: 200,
        archived: false,
        filters: {},
      });
      for (const customer of list.items) ids.push(customer.id);
      const rescoreStarted = performance.now();
      for (const customerId of ids) await analytics.rescoreCustomer({ tenantId, customerId });
      const rescoreMs = (performance.now() - rescoreStarted) / ids.length;
      log(`latest fit ${page.latest?.id}; rescore ${rescoreMs.toFixed(2)} ms per customer`);
      return [
        {
          name: 'refit demo tenant (read orders, fit, score, write scores)',
          value: seconds,
          unit: 's',
          baseline: { name: 'fit + score in memory (s)', value: (d.fitMs ?? 0) / 1000 },
          ratio: seconds / Math.max((d.fitMs ?? 0) / 1000, 1e-9),
          notes: `read ${d.readMs} ms, fit ${d.fitMs} ms, score+write ${d.scoreMs} ms (in-memory part ${inMemory.toFixed(2)} s)`,
        },
        {
          name: 'rescore one customer (stream reaction path)',
          value: rescoreMs,
          unit: 'ms',
        },
      ];
    },
  },
];
