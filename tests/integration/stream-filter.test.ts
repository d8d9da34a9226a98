import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createReactions } from '@crm/app/reactions';
import { catalogEntityTypes, newId } from '@crm/domain';
import { createTableClient, streamEntityTypes, streamFilter, tenantKeyPrefix } from '@crm/dynamodb';
import { type LocalRuntime, startLocalRuntime } from '@crm/local';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { templatesFor } from '../../infra/test/helpers.js';
import { testDynamoDbEndpoint, testTableClient } from '../support/test-table.js';
import { newTestTenantId } from '../support/test-tenant.js';

// One list (streamEntityTypes in @crm/dynamodb) decides which stream records reach the stream
// consumer, in AWS and locally. This suite holds the three places that depend on it to it: the
// reaction registry (a reaction on an unlisted type would run locally and silently never in AWS),
// the CDK event source mapping's filter patterns, and the local runtime's poller.

type Mapping = { Properties: { FilterCriteria: { Filters: { Pattern: string }[] } } };

describe('the stream filter', () => {
  it('lists exactly the entity types the registry reactions subscribe to', () => {
    const subscribed = new Set(createReactions({ table: testTableClient() }).flatMap((r) => r.entityTypes));
    for (const type of subscribed) expect(streamEntityTypes).toContain(type);
    // And no more: a listed type nobody handles would invoke Lambda for nothing.
    expect([...subscribed].sort()).toEqual([...streamEntityTypes].sort());
    expect(streamFilter.entityTypes).toEqual(streamEntityTypes);
  });

  it('is the CDK event source mapping filter: new image for INSERT/MODIFY, old image for REMOVE', () => {
    const { streams } = templatesFor('dev');
    // The webhook delivery queue's mapping lives in the stack too; the table stream's has a starting position.
    const mappings = (
      Object.values(streams.findResources('AWS::Lambda::EventSourceMapping')) as (Mapping & {
        Properties: { StartingPosition?: string };
      })[]
    ).filter((mapping) => mapping.Properties.StartingPosition !== undefined);
    expect(mappings).toHaveLength(1);
    const patterns = mappings[0]?.Properties.FilterCriteria.Filters.map((filter) =>
      JSON.parse(filter.Pattern),
    );
    const attribute = streamFilter.entityTypeAttribute;
    expect(patterns).toEqual([
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { NewImage: { [attribute]: { S: [...streamEntityTypes] } } },
      },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { [attribute]: { S: [...streamEntityTypes] } } } },
    ]);
  });

  describe('in the local runtime', () => {
    const tenantId = newTestTenantId();
    // A table of its own (never deleted: DeleteTable on a stream table slows DynamoDB Local for
    // every suite), so the records written here reach no other suite's reactions.
    const tableName = `crm-filter-${newId().toLowerCase()}`;
    const seen: string[] = [];
    const webDist = mkdtempSync(join(tmpdir(), 'crm-stream-filter-'));
    let runtime: LocalRuntime;

    beforeAll(async () => {
      runtime = await startLocalRuntime(
        {
          port: 0,
          host: '127.0.0.1',
          dataDir: ':memory:',
          dynamodbEndpoint: testDynamoDbEndpoint(),
          tableName,
          seed: 'none',
          webDist,
          version: 'test',
          refitHourUtc: undefined,
        },
        {
          log: () => {},
          // Collects what the stream Lambda's handler would be invoked with, for this tenant only.
          streamHandler: async (event: DynamoDBStreamEvent) => {
            for (const record of event.Records) {
              const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
              if (image?.pk?.S?.startsWith(tenantKeyPrefix(tenantId))) seen.push(image.entityType?.S ?? '');
            }
            return { batchItemFailures: [] };
          },
        },
      );
    });

    afterAll(async () => {
      await runtime?.stop();
      rmSync(webDist, { recursive: true, force: true });
    });

    it('polls with the same filter', () => {
      expect(runtime.poller.filter).toEqual(streamFilter);
    });

    it('hands the stream handler only records of the listed entity types', async () => {
      const table = createTableClient({ tableName, endpoint: testDynamoDbEndpoint() });
      const written = [...catalogEntityTypes, 'customerHistory', 'user'];
      for (const [index, entityType] of written.entries()) {
        await table.doc.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { pk: `${tenantKeyPrefix(tenantId)}FILTER`, sk: `ITEM#${index}`, entityType },
          }),
        );
      }
      await vi.waitFor(() => expect(seen).toHaveLength(streamEntityTypes.length), { timeout: 20_000 });
      await runtime.poller.waitUntilIdle({ timeoutMs: 20_000 });

      expect(seen.sort()).toEqual([...streamEntityTypes].sort());
    });
  });
});
