import { ConditionalCheckFailedException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { TableClient } from './document-client.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** A client whose sends answer from a script, one entry per call. */
function scriptedClient(script: (() => unknown)[]) {
  const sent: unknown[] = [];
  const client = {
    tableName: 'crm',
    doc: {
      send: async (command: unknown) => {
        sent.push(command);
        const next = script.shift();
        if (!next) throw new Error('unexpected call');
        return next();
      },
    },
  } as unknown as TableClient;
  return { client, sent };
}

const conflict = () => {
  throw new TransactionConflictException({ message: 'in a transaction', $metadata: {} });
};
const update = {
  Key: keys.customer('01T', '01C'),
  UpdateExpression: 'SET #n = :n',
  ConditionExpression: '#version = :version',
  ExpressionAttributeNames: { '#n': 'name', '#version': 'version' },
  ExpressionAttributeValues: { ':n': 'New', ':version': 3 },
};

describe('the tenant table door', () => {
  it('sends a write again when a transaction held its item, instead of failing it for contention', async () => {
    const { client, sent } = scriptedClient([conflict, conflict, () => ({ Attributes: { name: 'New' } })]);

    const attributes = await new TenantTable(client, '01T').update(update);

    expect(attributes).toEqual({ name: 'New' });
    expect(sent).toHaveLength(3);
  });

  it('still fails a write whose own condition fails, once', async () => {
    const { client, sent } = scriptedClient([
      conflict,
      () => {
        throw new ConditionalCheckFailedException({ message: 'version moved', $metadata: {} });
      },
    ]);

    await expect(new TenantTable(client, '01T').update(update)).rejects.toBeInstanceOf(
      ConditionalCheckFailedException,
    );
    expect(sent).toHaveLength(2);
  });

  it('reads no further page once the caller leaves the loop', async () => {
    const partitionValue = keys.departmentsPartition('01T');
    const page = () => ({
      Items: [{ id: '1' }],
      LastEvaluatedKey: { pk: partitionValue, sk: '1' },
      ScannedCount: 1,
    });
    const { client, sent } = scriptedClient([page, page]);

    for await (const _ of new TenantTable(client, '01T').queryPages({ partitionValue })) break;

    expect(sent).toHaveLength(1);
  });
});
