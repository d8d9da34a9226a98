import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { newId } from '@crm/domain';
import { tableDefinition, toCreateTableInput } from '@crm/dynamodb';
import { createLocalDynamoDbClient, type DynamoDbLocal, ensureTable, startDynamoDbLocal } from '@crm/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('ensureTable on a data folder made before an index existed (DynamoDB Local)', () => {
  // Its own DynamoDB Local: adding an index waits on the whole in-memory database, which the
  // shared one's suites keep busy (this test took 2 s to over 60 s there).
  let dynamodb: DynamoDbLocal;
  let client: ReturnType<typeof createLocalDynamoDbClient>;
  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal({ inMemory: true });
    client = createLocalDynamoDbClient({ endpoint: dynamodb.endpoint });
  });
  afterAll(async () => {
    client?.destroy();
    await dynamodb?.stop();
  });

  it('adds the missing indexes from the shared definition and keeps the stream', async () => {
    const tableName = `crm-older-${newId().toLowerCase()}`;
    const full = toCreateTableInput(tableName);
    const older = {
      ...full,
      GlobalSecondaryIndexes: full.GlobalSecondaryIndexes?.filter(
        (index) => index.IndexName !== 'gsi7' && index.IndexName !== 'gsi8',
      ),
      AttributeDefinitions: full.AttributeDefinitions?.filter(
        (attribute) => !/^gsi[78]/.test(attribute.AttributeName ?? ''),
      ),
    };
    await client.send(new CreateTableCommand(older));

    const ensured = await ensureTable(client, tableName);

    expect(ensured.created).toBe(false);
    const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    expect(table?.GlobalSecondaryIndexes?.every((index) => index.IndexStatus === 'ACTIVE')).toBe(true);
    expect(ensured.streamArn).toBe(table?.LatestStreamArn);
    // A second start finds nothing to do.
    await expect(ensureTable(client, tableName)).resolves.toMatchObject({ created: false });
  });
});
