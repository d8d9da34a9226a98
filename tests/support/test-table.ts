import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createTableClient, type TableClient } from '@crm/dynamodb';
import { createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { inject } from 'vitest';
import './provided-context.js';

/** The shared DynamoDB Local endpoint started by the integration global setup. */
export function testDynamoDbEndpoint(): string {
  return inject('dynamodbEndpoint');
}

/** The name of the one table every integration suite shares. */
export function testTableName(): string {
  return inject('tableName');
}

/**
 * A client for the shared test table, with the project's client settings. Suites never create or
 * delete tables (DeleteTable on a stream table slows DynamoDB Local down for everyone); they
 * isolate their data by tenant instead.
 *
 * @example
 * const table = new TenantTable(testTableClient(), newTestTenantId());
 */
export function testTableClient(): TableClient {
  return createTableClient({ tableName: testTableName(), endpoint: testDynamoDbEndpoint() });
}

/**
 * A table of the suite's own on the shared server, for a suite whose timing must not depend on
 * other files' writes: every file's poller reads its table's whole stream, so on the shared table a
 * suite bursting thousands of orders (hot-customer) delays every other file's reactions by its
 * backlog. The table is created once per server (`ensure()` in `beforeAll`, idempotent) and never
 * deleted: DeleteTable on a stream table slows DynamoDB Local down for everyone (STACK.md, "Trap").
 *
 * @example
 * const own = ownTestTable('webhooks'); beforeAll(() => own.ensure()); … createTestApp({ table: own.client })
 */
export function ownTestTable(purpose: string): {
  tableName: string;
  client: TableClient;
  ensure: () => Promise<void>;
} {
  const tableName = `${testTableName()}-${purpose}`;
  return {
    tableName,
    client: createTableClient({ tableName, endpoint: testDynamoDbEndpoint() }),
    ensure: async () => {
      const client = createLocalDynamoDbClient({ endpoint: testDynamoDbEndpoint() });
      try {
        await ensureTable(client, tableName);
        // DynamoDB Local hands a poller starting at LATEST on a shard that has no record yet an
        // iterator that can miss the records written next while other tables are being written
        // (kept-stream-records failed so beside any other file): one record first pins LATEST.
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: { pk: { S: 'TEST#STREAM-PRIMER' }, sk: { S: 'TEST#STREAM-PRIMER' } },
          }),
        );
      } finally {
        client.destroy();
      }
    },
  };
}
