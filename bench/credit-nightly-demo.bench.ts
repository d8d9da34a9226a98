import { readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { reviewCreditAllTenants } from '@crm/app/credit';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark, BenchResult } from './harness.js';
import { countItems } from './item-counter.js';

const TABLE = 'bench-credit-nightly-demo';

/**
 * Issue 11's "nightly pass over the 23,570-customer demo tenant": the demo seeded as `npm start`
 * seeds it (without the poller), then the nightly credit pass run night after night, with its
 * seconds and the items it read and wrote counted at the client. Imported history opens no
 * receivable, so on the demo the pass is its index catch-up (bounded pages a night) and one empty
 * query of the open-receivables index: the cost a tenant pays for having a big book, not for credit.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'credit-nightly-demo',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, TABLE).finally(() => control.destroy());
      const seedTable = createTableClient({ tableName: TABLE, endpoint });
      const seeded = await seedDemoTenant({
        table: seedTable,
        cdnowMaster: readFileSync(cdnowMasterPath(), 'utf8'),
        hasher: createScryptHasher({ N: 2 ** 10 }),
        signingKey: inMemorySigningKey(),
        log,
      });
      const tenantId = seeded.tenantId;
      if (!tenantId) throw new Error(`the demo was not seeded: ${seeded.summary}`);

      const table = createTableClient({ tableName: TABLE, endpoint });
      const counts = countItems(table);
      const results: BenchResult[] = [];
      // Night after night until the catch-up has nothing left, then one more: the steady state.
      for (let night = 1; night <= 60; night++) {
        const before = { ...counts };
        const started = performance.now();
        const outcome = await reviewCreditAllTenants({
          table,
          tenantClient: sharedClientFactory(table),
          clock: () => new Date(Date.now() + night * 86_400_000),
          tenantIds: [tenantId],
        });
        const seconds = (performance.now() - started) / 1000;
        const read = counts.itemsRead - before.itemsRead;
        const written = counts.itemsWritten - before.itemsWritten;
        log(
          `night ${night}: ${seconds.toFixed(2)} s, ${read} items read, ${written} written, ` +
            `${outcome.customers} customers re-rated, ${outcome.indexed} files indexed`,
        );
        // Finished catching up: the marker and one empty index query are all a night reads.
        const steady = night > 1 && read < 10;
        if (night === 1 || steady) {
          const label = night === 1 ? 'first night' : `night ${night} (steady)`;
          results.push(
            { name: `nightly credit pass on the demo tenant, ${label}`, value: seconds, unit: 's' },
            {
              name: `nightly credit pass on the demo tenant, ${label}: items read`,
              value: read,
              unit: 'items',
              notes: `${counts.requests - before.requests} requests; ${outcome.customers} customers re-rated`,
            },
            {
              name: `nightly credit pass on the demo tenant, ${label}: items written`,
              value: written,
              unit: 'items',
            },
          );
        }
        if (steady) break;
      }
      return results;
    },
  },
];
