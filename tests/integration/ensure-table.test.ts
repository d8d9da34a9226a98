import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { newId } from '@crm/domain';
import { tableDefinition, toCreateTableInput } from '@crm/dynamodb';
import { createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { afterAll, describe, expect, it } from 'vitest';
import { testDynamoDbEndpoint } from '../support/test-table.js';

describe('ensureTable on a data folder made before an index existed (DynamoDB Local)', () => {
  const client = createLocalDynamoDbClient({ endpoint: testDynamoDbEndpoint() });
  afterAll(() => client.destroy());

  it('adds the missing indexes from the shared definition and keeps the stream', async () => {
    // Never deleted: DeleteTable on a stream table slows DynamoDB Local for every suite.
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
