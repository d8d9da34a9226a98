import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import type { OperationalAlarms } from './operational-alarms.js';
import { grantTableItems } from './table-access.js';
import { TenantScopedRole } from './tenant-scoped-role.js';
import { createWorkQueue, workTheQueue } from './work-queue.js';

/**
 * One invocation: a piece (a job, a page of a chunked job) starts only while 10 minutes remain
 * (NIGHTLY_PIECE_RESERVE_MS), the rest of a large tenant's night continues in another message.
 */
const WORKER_TIMEOUT = Duration.minutes(15);

export type NightlyFanoutProps = {
  readonly table: ITableV2;
  readonly appVersion: string;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** Where the scheduler's failed invocations of the dispatcher land (asynchronous invoke). */
  readonly asyncFailureQueue: IQueue;
  /**
   * Tenants worked on at once (the event source mapping's maximum concurrency): bounds the load
   * on the table and the account's Lambda concurrency. bench `nightly-fanout` sizes it.
   */
  readonly maxConcurrency: number;
};

/**
 * The nightly jobs fanned out per tenant: a dispatcher (started by the schedule) puts one message
 * per tenant on a queue; a worker takes one message at a time (batch size 1) with bounded
 * concurrency and runs every nightly job for that tenant under the tenant-scoped role; when the
 * invocation runs short it sends the rest of the tenant's night back as a continuation. A failed
 * tenant is a batch item failure: SQS retries that message alone (after the visibility timeout),
 * and after its third receive moves it to the DLQ, which alarms. No tenant waits for another.
 */
export class NightlyFanout extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly dispatcher: CrmFunction;
  readonly worker: CrmFunction;
  readonly tenantRole: TenantScopedRole;

  constructor(scope: Construct, id: string, props: NightlyFanoutProps) {
    super(scope, id);
    const work = createWorkQueue(this, {
      name: 'nightly',
      workerTimeout: WORKER_TIMEOUT,
      // A night not done in a day is replaced by the next one.
      retentionPeriod: Duration.days(1),
      maxReceiveCount: 3,
      removalPolicy: props.removalPolicy,
    });
    this.queue = work.queue;
    this.deadLetterQueue = work.deadLetterQueue;

    this.dispatcher = new CrmFunction(this, 'Dispatcher', {
      entry: 'functions/scheduled/nightly-dispatcher.handler.ts',
      description: 'Nightly dispatcher: one message per registered tenant on the nightly queue',
      serviceName: 'crm-nightly',
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: {
        TABLE_NAME: props.table.tableName,
        NIGHTLY_QUEUE_URL: this.queue.queueUrl,
        APP_VERSION: props.appVersion,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      asyncFailureQueue: props.asyncFailureQueue,
    });
    // Reads the tenant registry (a platform item, outside every tenant's keys), nothing else.
    grantTableItems(this.dispatcher, props.table, 'read');
    this.queue.grantSendMessages(this.dispatcher);
    acknowledgeLambdaDefaults(this.dispatcher);

    this.worker = new CrmFunction(this, 'Worker', {
      entry: 'functions/scheduled/nightly-worker.handler.ts',
      description:
        'Nightly worker: every nightly job (refit, credit, churn, SLAs, plans, care) for one tenant',
      serviceName: 'crm-nightly',
      timeout: WORKER_TIMEOUT,
      memorySize: 2048,
      environment: {
        TABLE_NAME: props.table.tableName,
        // A night cut short by the timeout continues in a message on the same queue.
        NIGHTLY_QUEUE_URL: this.queue.queueUrl,
        APP_VERSION: props.appVersion,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
    });
    this.queue.grantSendMessages(this.worker);
    const workerRole = this.worker.role;
    if (!workerRole) throw new Error('the nightly worker has no role');
    // The worker has no table rights of its own: per tenant it assumes this role with the tenant's
    // session tag, which reaches only that tenant's keys (LeadingKeys).
    this.tenantRole = new TenantScopedRole(this, 'TenantDataAccess', {
      table: props.table,
      assumedBy: workerRole,
    });
    this.worker.addEnvironment('TENANT_ROLE_ARN', this.tenantRole.role.roleArn);
    acknowledgeLambdaDefaults(this.worker);
    workTheQueue(this.worker, work, {
      batchSize: 1,
      maxConcurrency: props.maxConcurrency,
      messageIs: 'a tenant',
    });
  }

  /** Errors and throttles of both functions, and any tenant given up on. */
  watch(alarms: OperationalAlarms): void {
    alarms.watchFunction('NightlyDispatcher', this.dispatcher);
    alarms.watchFunction('NightlyWorker', this.worker);
    alarms.watchQueueDepth('NightlyDeadLetters', this.deadLetterQueue);
  }
}
