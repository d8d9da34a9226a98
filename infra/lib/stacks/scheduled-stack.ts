import { type CfnResource, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { CrmFunction } from '../constructs/crm-function.js';
import { createFailureQueue } from '../constructs/failure-queue.js';
import { NightlyFanout } from '../constructs/nightly-fanout.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import type { WebhookDelivery } from '../constructs/webhook-delivery.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';

export type ScheduledStackProps = StackProps & {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly alarmTopic: ITopic;
  /** The webhook delivery queue, on which the nightly webhook sweep announces lost deliveries. */
  readonly webhookDelivery?: WebhookDelivery;
};

/**
 * Analytics and time-driven work: one tenant's refit on demand (invoked by the API), and the
 * nightly jobs of every tenant fanned out through a queue (docs/operations.md, "The night").
 */
export class ScheduledStack extends Stack {
  /** One tenant's on-demand refit, invoked asynchronously by `POST /v1/analytics/refit`. */
  readonly refit: CrmFunction;
  readonly nightly: NightlyFanout;
  readonly nightlySchedule: Schedule;

  constructor(scope: Construct, id: string, props: ScheduledStackProps) {
    super(scope, id, props);
    const { config } = props;
    // The API and the scheduler invoke asynchronously: what Lambda gives up on lands here.
    const failures = createFailureQueue(this, 'RefitFailures', config.removalPolicy);
    this.nightly = new NightlyFanout(this, 'Nightly', {
      table: props.table,
      appVersion: config.appVersion,
      removalPolicy: config.removalPolicy,
      logRetention: config.logRetention,
      asyncFailureQueue: failures,
      maxConcurrency: config.nightlyConcurrency,
    });

    props.webhookDelivery?.connect(this.nightly.worker);

    this.refit = new CrmFunction(this, 'Refit', {
      asyncFailureQueue: failures,
      entry: 'functions/scheduled/nightly-refit.handler.ts',
      description: 'On-demand analytics refit of one tenant: BG/NBD + Gamma-Gamma, every customer rescored',
      serviceName: 'crm-scheduled',
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: { TABLE_NAME: props.table.tableName, APP_VERSION: config.appVersion },
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });
    const refitRole = this.refit.role;
    if (!refitRole) throw new Error('the refit function has no role');
    // One tenant per invocation: no table rights of its own, only its tenant's session through
    // the nightly worker's tenant-scoped role (LeadingKeys), as the import worker does.
    this.nightly.tenantRole.grantAssume(refitRole);
    this.refit.addEnvironment('TENANT_ROLE_ARN', this.nightly.tenantRole.role.roleArn);
    // A refit that runs short goes on in the nightly worker, as a refit-only continuation (issue 21).
    this.refit.addEnvironment('NIGHTLY_QUEUE_URL', this.nightly.queue.queueUrl);
    this.nightly.queue.grantSendMessages(this.refit);
    acknowledgeLambdaDefaults(this.refit);

    const alarms = new OperationalAlarms(this, 'Alarms', { topic: props.alarmTopic });
    alarms.watchFunction('Refit', this.refit);
    this.nightly.watch(alarms);
    alarms.watchQueueDepth('RefitFailures', failures);

    this.nightlySchedule = new Schedule(this, 'NightlySchedule', {
      description: 'Dispatch every tenant’s nightly jobs at 02:00 UTC',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '2', timeZone: TimeZone.ETC_UTC }),
      target: new LambdaInvoke(this.nightly.dispatcher, { retryAttempts: 2, maxEventAge: Duration.hours(2) }),
    });
    // The scheduler's target role is a stack-level singleton, so the finding is acknowledged here.
    acknowledge(this, {
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.nightly.dispatcher.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the nightly dispatcher and its versions/aliases (ARN:*), which the scheduler role needs to invoke a published version; no other function.',
    });
  }
}
