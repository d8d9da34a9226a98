import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import type { OperationalAlarms } from './operational-alarms.js';
import { TenantScopedRole } from './tenant-scoped-role.js';
import { createWorkQueue, workTheQueue } from './work-queue.js';

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
  /** The role the worker assumes per message, with that message's tenant as the session tag. */
  readonly tenantRole: TenantScopedRole;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    const work = createWorkQueue(this, {
      name: 'webhook delivery',
      workerTimeout: WORKER_TIMEOUT,
      retentionPeriod: Duration.days(4),
      maxReceiveCount: 5,
      removalPolicy: props.removalPolicy,
    });
    this.queue = work.queue;
    this.deadLetterQueue = work.deadLetterQueue;

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
    const workerRole = this.worker.role;
    if (!workerRole) throw new Error('the webhook worker has no role');
    // Each message names one tenant and an attempt touches only that tenant's delivery, endpoint
    // and secrets: the worker has no table rights of its own and takes the tenant's session
    // (LeadingKeys). A role of its own, since the API stack's depends on this stack.
    this.tenantRole = new TenantScopedRole(this, 'TenantDataAccess', {
      table: props.table,
      assumedBy: workerRole,
    });
    this.worker.addEnvironment('TENANT_ROLE_ARN', this.tenantRole.role.roleArn);
    // Its own retries and early messages go back on the queue it reads.
    this.queue.grantSendMessages(this.worker);
    acknowledgeLambdaDefaults(this.worker);
    workTheQueue(this.worker, work, { batchSize: 10, messageIs: 'a message the worker itself failed on' });
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
