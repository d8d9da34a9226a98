import { streamFilter } from '@crm/dynamodb';
import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import { StreamConsumer } from '../constructs/stream-consumer.js';
import { WebhookDelivery } from '../constructs/webhook-delivery.js';
import { acknowledgeLambdaDefaults } from '../nag.js';

export type StreamsStackProps = StackProps & {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly alarmTopic: ITopic;
};

/** The table's stream consumer and its dead-letter queue; the webhook delivery queue and worker it feeds. */
export class StreamsStack extends Stack {
  readonly consumer: StreamConsumer;
  readonly webhookDelivery: WebhookDelivery;

  constructor(scope: Construct, id: string, props: StreamsStackProps) {
    super(scope, id, props);
    this.consumer = new StreamConsumer(this, 'TableStream', {
      table: props.table,
      entry: 'functions/streams/stream.handler.ts',
      // The same filter the local poller applies (@crm/dynamodb), pinned to the reaction registry.
      entityTypes: streamFilter.entityTypes,
      entityTypeAttribute: streamFilter.entityTypeAttribute,
      environment: { APP_VERSION: props.config.appVersion },
      logRetention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    });
    acknowledgeLambdaDefaults(this.consumer.function);
    const reason =
      'This queue is the terminal on-failure destination of the stream consumer; a DLQ of a DLQ adds nothing. Its depth raises an alarm.';
    Validations.of(this.consumer.deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
    const alarms = new OperationalAlarms(this, 'Alarms', { topic: props.alarmTopic });
    alarms.watchFunction('StreamConsumer', this.consumer.function);
    // Records are given up at the mapping's maximum record age (6 h): an hour behind is the warning.
    alarms.watchIteratorAge('StreamConsumer', this.consumer.function, Duration.hours(1));
    alarms.watchQueueDepth('StreamDeadLetters', this.consumer.deadLetterQueue);

    this.webhookDelivery = new WebhookDelivery(this, 'WebhookDelivery', {
      table: props.table,
      appVersion: props.config.appVersion,
      logRetention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    });
    // The fan-out reaction announces every delivery it writes.
    this.webhookDelivery.connect(this.consumer.function);
    this.webhookDelivery.watch(alarms);
  }
}
