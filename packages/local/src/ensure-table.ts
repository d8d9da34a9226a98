import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition, toCreateTableInput } from '@crm/dynamodb';

export type EnsuredTable = {
  tableName: string;
  /** The table's current stream; the poller reads it. */
  streamArn: string;
  /** True when this call created the table (a fresh data folder). */
  created: boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/**
 * Creates the CRM table from the same definition the CDK stack uses, unless it exists; waits until
 * it is ACTIVE and checks that its stream is on (the poller, and every reaction, depend on it).
 * Turns on TTL for the definition's attribute, as the CDK table does.
 *
 * @example
 * const { streamArn } = await ensureTable(new DynamoDBClient({ endpoint }), 'crm');
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<EnsuredTable> {
  let created = false;
  let table = await describe(client, tableName);
  if (!table) {
    try {
      await client.send(new CreateTableCommand(toCreateTableInput(tableName)));
      created = true;
    } catch (error) {
      // Another process (a parallel test run) created it first: fine.
      if (errorName(error) !== 'ResourceInUseException') throw error;
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  // DynamoDB Local counts the items for every DescribeTable (seconds on a seeded demo's
  // 150,000): an existing table already ACTIVE is not described again.
  if (table?.TableStatus !== 'ACTIVE') {
    table = await describeWhen(
      client,
      tableName,
      deadline,
      `table ${tableName}`,
      (current) => current.TableStatus === 'ACTIVE',
    );
  }
  const stream = table.StreamSpecification;
  if (!stream?.StreamEnabled || !table.LatestStreamArn) {
    throw new Error(`table ${tableName} exists without a stream; the local runtime needs one (delete it)`);
  }
  if (stream.StreamViewType !== tableDefinition.streamViewType) {
    throw new Error(
      `table ${tableName} streams ${stream.StreamViewType}, expected ${tableDefinition.streamViewType}`,
    );
  }
  await ensureIndexes(client, tableName, table, deadline);
  await ensureTimeToLive(client, tableName);
  return { tableName, streamArn: table.LatestStreamArn, created };
}

/**
 * A data folder made before an index joined the definition lacks it: add each missing index, one
 * at a time as DynamoDB requires, and wait until it is ACTIVE. Items written before then enter the
 * index when they are next written (a refit rewrites every scored customer).
 */
async function ensureIndexes(
  client: DynamoDBClient,
  tableName: string,
  table: TableDescription,
  deadline: number,
): Promise<void> {
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = toCreateTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    const keyNames = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: (wanted.AttributeDefinitions ?? []).filter((attribute) =>
          keyNames.has(attribute.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    await describeWhen(
      client,
      tableName,
      Math.max(deadline, Date.now() + 60_000),
      `index ${index.IndexName}`,
      (current) =>
        current.TableStatus === 'ACTIVE' &&
        current.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === index.IndexName)?.IndexStatus ===
          'ACTIVE',
    );
  }
}

/** Describes the table until `ready` holds (every 50 ms), or fails at the deadline. */
async function describeWhen(
  client: DynamoDBClient,
  tableName: string,
  deadline: number,
  what: string,
  ready: (table: TableDescription) => boolean,
): Promise<TableDescription> {
  for (;;) {
    const table = await describe(client, tableName);
    if (table && ready(table)) return table;
    if (Date.now() > deadline) throw new Error(`${what} is not ACTIVE after waiting`);
    await sleep(50);
  }
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string): Promise<void> {
  const attribute = tableDefinition.timeToLiveAttribute;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}
