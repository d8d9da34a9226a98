import { readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { createTableClient } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark } from './harness.js';

/**
 * Seeding the demo tenant (23,570 CDNOW customers, 69,659 orders) through the real sign-up and
 * import code, against DynamoDB Local, without the stream poller (npm start runs the poller too).
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'demo-seed',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, 'demo-seed').finally(() => control.destroy());
      const table = createTableClient({ tableName: 'demo-seed', endpoint });
      const started = performance.now();
      await seedDemoTenant({
        table,
        cdnowMaster: readFileSync(cdnowMasterPath(), 'utf8'),
        hasher: createScryptHasher(),
        signingKey: inMemorySigningKey(),
        log,
      });
      const seconds = (performance.now() - started) / 1000;
      return [{ name: 'seed demo tenant (CDNOW master)', value: seconds, unit: 's', goal: '< 60 s' }];
    },
  },
];
