import { streamEntityTypes, tableDefinition } from '@crm/dynamodb';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { templatesFor } from './helpers.js';

type Mapping = {
  Properties: { StartingPosition?: string; FilterCriteria: { Filters: { Pattern: string }[] } };
};

describe('streams stack', () => {
  const { streams } = templatesFor('dev');
  // The webhook delivery queue's mapping lives here too; the table stream's is the one with a starting position.
  const streamMappings = () =>
    (Object.values(streams.findResources('AWS::Lambda::EventSourceMapping')) as Mapping[]).filter(
      (mapping) => mapping.Properties.StartingPosition !== undefined,
    );

  it('consumes the table stream with partial batch failures, bisect, finite retries, max age and a DLQ', () => {
    expect(streamMappings()).toHaveLength(1);
    streams.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('StreamArn') },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 21_600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] } },
      },
    });
  });

  it('filters on the entity types from @crm/dynamodb: new image for INSERT/MODIFY, old image for REMOVE', () => {
    const [mapping] = streamMappings();
    const patterns = mapping?.Properties.FilterCriteria.Filters.map((filter) => JSON.parse(filter.Pattern));
    const attribute = tableDefinition.entityTypeAttribute;
    expect(patterns).toEqual([
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: { NewImage: { [attribute]: { S: [...streamEntityTypes] } } },
      },
      { eventName: ['REMOVE'], dynamodb: { OldImage: { [attribute]: { S: [...streamEntityTypes] } } } },
    ]);
  });

  it('keeps failed records 14 days in an encrypted, TLS-only queue', () => {
    streams.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 1_209_600,
      SqsManagedSseEnabled: true,
    });
    streams.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs the stream handler on Node 22 arm64 with TABLE_NAME', () => {
    streams.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          POWERTOOLS_SERVICE_NAME: 'crm-streams',
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });
  it('continues waiting workflow runs every 5 minutes through EventBridge Scheduler, with the webhook queue', () => {
    streams.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowScheduler'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
      },
    });
    streams.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          WEBHOOK_QUEUE_URL: Match.anyValue(),
          POWERTOOLS_SERVICE_NAME: 'crm-workflows',
        }),
      },
    });
  });
});
