import { createLocalDynamoDbClient, ensureTable, startDynamoDbLocal } from '@crm/local';
import type { TestProject } from 'vitest/node';
import '../support/provided-context.js';

/**
 * Starts ONE in-memory DynamoDB Local for the whole integration run (or reuses the one at
 * `DYNAMODB_ENDPOINT`) and creates ONE table from the project's table definition. Suites share it
 * and isolate their data by tenant: creating and deleting stream-enabled tables per test makes
 * DynamoDB Local crawl (see ../shared/STACK.md, "Trap").
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = performance.now();
  const external = process.env.DYNAMODB_ENDPOINT;
  const server = external ? undefined : await startDynamoDbLocal({ inMemory: true });
  const endpoint = external ?? (server?.endpoint as string);
  // A fixed name: a reused server keeps one test table instead of collecting one per run.
  const tableName = process.env.TEST_TABLE_NAME ?? 'crm-test';
  const client = createLocalDynamoDbClient({ endpoint });
  try {
    await ensureTable(client, tableName);
  } catch (error) {
    await server?.stop();
    throw error;
  } finally {
    client.destroy();
  }
  project.provide('dynamodbEndpoint', endpoint);
  project.provide('tableName', tableName);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `DynamoDB Local ${external ? 'reused' : 'started'} at ${endpoint}, table ${tableName} (${seconds} s)`,
  );
  return async () => {
    await server?.stop();
  };
}
