import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import type { OperationalAlarms } from './operational-alarms.js';
import { grantTableItems } from './table-access.js';

export type WebhookDeliveryProps = {
  readonly table: ITableV2;
  readonly appVersion: string;
  readonly logRetention?: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
};

/** A receiver gets 15 s (WEBHOOK_TIMEOUT_MS); a batch of ten with the reads and writes around them fits. */
const WORKER_TIMEOUT = Duration.minutes(1);

/**
 * Webhook delivery in AWS (docs/webhooks.md, "AWS"): a queue carrying one message per due attempt
 * (delayed up to 15 minutes, longer waits re-enqueued by the worker), the worker Lambda that
 * attempts it with the same WebhookDeliveryWorker as the local runtime, and a DLQ for messages
 * the worker itself failed on (a receiver failing is a logged attempt, not a failed message).
 */
export class WebhookDelivery extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: CrmFunction;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    const terminal =
      'This queue is the dead-letter queue of the webhook delivery queue; a DLQ of a DLQ adds nothing. Its depth raises an alarm.';
    acknowledge(
      this.deadLetterQueue,
      { id: 'AwsSolutions-SQS3', reason: terminal },
      { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason: terminal },
      { id: 'Serverless-SQSRedrivePolicy', reason: terminal },
    );
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's guidance: at least six times the function's timeout, so a retry never overlaps.
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
      removalPolicy: props.removalPolicy,
    });

    this.worker = new CrmFunction(this, 'Worker', {
      entry: 'functions/webhooks/webhook-delivery.handler.ts',
      description: 'Webhook delivery: one signed attempt per queue message, retries re-enqueued',
      serviceName: 'crm-webhooks',
      timeout: WORKER_TIMEOUT,
      memorySize: 512,
      environment: {
        TABLE_NAME: props.table.tableName,
        WEBHOOK_QUEUE_URL: this.queue.queueUrl,
        APP_VERSION: props.appVersion,
      },
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      logRemovalPolicy: props.removalPolicy,
    });
    this.worker.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );
    grantTableItems(this.worker, props.table, 'readWrite');
    // Its own retries and early messages go back on the queue it reads.
    this.queue.grantSendMessages(this.worker);
    acknowledgeLambdaDefaults(this.worker);
    acknowledge(this.worker, {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'An SQS event source takes no on-failure destination: the queue’s redrive policy moves a message the worker failed on 5 times to the DLQ, whose depth raises an alarm.',
    });
  }

  /** Lets a function announce deliveries (the API's resend, recover and ping; the stream's fan-out). */
  connect(fn: CrmFunction): void {
    fn.addEnvironment('WEBHOOK_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantSendMessages(fn);
  }

  /** Errors and throttles of the worker, and anything in the DLQ. */
  watch(alarms: OperationalAlarms): void {
    alarms.watchFunction('WebhookWorker', this.worker);
    alarms.watchQueueDepth('WebhookDeadLetters', this.deadLetterQueue);
  }
}
