import { tableDefinition, toCreateTableInput } from '@crm/dynamodb';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { templatesFor } from './helpers.js';

describe('data stack', () => {
  const { data } = templatesFor('dev');

  it('builds exactly one table from tableDefinition (keys, the overloaded GSIs with ALL projection)', () => {
    data.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    // tableDefinition is the one source: the indexes are exactly its indexes, however many.
    const [table] = Object.values(data.findResources('AWS::DynamoDB::GlobalTable')) as {
      Properties: { GlobalSecondaryIndexes: unknown[] };
    }[];
    expect(table?.Properties.GlobalSecondaryIndexes).toHaveLength(
      tableDefinition.globalSecondaryIndexes.length,
    );
  });

  it('projects every index ALL, as docs/data-model.md decides (lists and filters read the index itself)', () => {
    const [table] = Object.values(data.findResources('AWS::DynamoDB::GlobalTable')) as {
      Properties: { GlobalSecondaryIndexes: { IndexName: string; Projection: unknown }[] };
    }[];
    // Written out, not derived from tableDefinition: narrowing an index must change this test and
    // the reading code (BatchGet of the page) together. gsi5–8 are the customer-only candidates.
    expect(
      Object.fromEntries(
        (table?.Properties.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.Projection]),
      ),
    ).toEqual({
      gsi1: { ProjectionType: 'ALL' },
      gsi2: { ProjectionType: 'ALL' },
      gsi3: { ProjectionType: 'ALL' },
      gsi4: { ProjectionType: 'ALL' },
      gsi5: { ProjectionType: 'ALL' },
      gsi6: { ProjectionType: 'ALL' },
      gsi7: { ProjectionType: 'ALL' },
      gsi8: { ProjectionType: 'ALL' },
    });
    // DynamoDB Local gets the same projections (toCreateTableInput reads tableDefinition).
    expect(toCreateTableInput('local').GlobalSecondaryIndexes?.map((index) => index.Projection)).toEqual(
      Array.from({ length: 8 }, () => ({ ProjectionType: 'ALL' })),
    );
  });

  it('is on-demand, encrypted, with TTL, NEW_AND_OLD_IMAGES stream and point-in-time recovery', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
    expect(tableDefinition.timeToLiveAttribute).toBe('expiresAt');
    expect(tableDefinition.streamViewType).toBe('NEW_AND_OLD_IMAGES');
  });

  it('lets the dev stage be destroyed', () => {
    data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
      }),
    });
  });

  it('retains and deletion-protects the table outside dev', () => {
    const { data: prod } = templatesFor('prod');
    prod.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
      }),
    });
  });
});
