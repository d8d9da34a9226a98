import { createTableClient, type TableClient } from '@crm/dynamodb';
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
