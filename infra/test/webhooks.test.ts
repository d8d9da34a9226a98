import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { policyStatements, templatesFor } from './helpers.js';

type Resource = { Properties?: Record<string, unknown> };

describe('webhook delivery (streams stack)', () => {
  const { streams, api, scheduled } = templatesFor('dev');
  const resources = (type: string) => Object.entries(streams.findResources(type)) as [string, Resource][];
  const queueId = () => {
    const found = resources('AWS::SQS::Queue').filter(
      ([id, queue]) => id.includes('WebhookDeliveryQueue') && queue.Properties?.RedrivePolicy,
    );
    expect(found).toHaveLength(1);
    return found[0]?.[0] as string;
  };

  it('queues attempts (encrypted, TLS only) and moves a message the worker failed on 5 times to a DLQ', () => {
    streams.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 360,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebhookDeliveryDeadLetters'), 'Arn'] },
        maxReceiveCount: 5,
      },
    });
  });

  it('runs the worker from the queue in batches with partial failures, with the table and queue it needs', () => {
    streams.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    streams.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 60,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-webhooks',
          TABLE_NAME: Match.anyValue(),
          WEBHOOK_QUEUE_URL: { Ref: queueId() },
        }),
      },
    });
  });

  it('lets the stream consumer, the API and the nightly webhook sweep send to the queue, and nothing more on it', () => {
    for (const template of [streams, api, scheduled]) {
      const onQueue = policyStatements(template).filter((statement) =>
        JSON.stringify(statement.Resource).includes('WebhookDeliveryQueue'),
      );
      expect(onQueue.length).toBeGreaterThan(0);
      for (const statement of onQueue) {
        for (const action of [statement.Action].flat()) {
          // Send only, plus what the worker's event source consumes with; never a wildcard.
          expect(action).toMatch(
            /^sqs:(SendMessage|GetQueueAttributes|GetQueueUrl|ReceiveMessage|ChangeMessageVisibility|DeleteMessage)$/,
          );
        }
      }
      expect(onQueue.some((statement) => [statement.Action].flat().includes('sqs:SendMessage'))).toBe(true);
    }
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ WEBHOOK_QUEUE_URL: Match.anyValue() }) },
    });
    // The nightly worker announces lost deliveries again (sweepLostWebhookNotices).
    scheduled.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-nightly',
          WEBHOOK_QUEUE_URL: Match.anyValue(),
        }),
      },
    });
  });

  it('alarms on the worker’s errors and on anything in its DLQ', () => {
    const alarms = resources('AWS::CloudWatch::Alarm').map(([, alarm]) =>
      String(alarm.Properties?.AlarmDescription),
    );
    expect(alarms.some((text) => text.startsWith('WebhookWorker: the function failed'))).toBe(true);
    expect(alarms.some((text) => text.startsWith('WebhookDeadLetters: messages are waiting'))).toBe(true);
  });
});
