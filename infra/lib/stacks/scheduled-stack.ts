import { type CfnResource, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { CrmFunction } from '../constructs/crm-function.js';
import { createFailureQueue } from '../constructs/failure-queue.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import { grantTableItems } from '../constructs/table-access.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';

export type ScheduledStackProps = StackProps & {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly alarmTopic: ITopic;
};

/** Scheduled jobs: the nightly analytics refit of every tenant (docs/analytics.md, "In the product"). */
export class ScheduledStack extends Stack {
  readonly nightlyRefit: CrmFunction;
  readonly nightlyRefitSchedule: Schedule;

  constructor(scope: Construct, id: string, props: ScheduledStackProps) {
    super(scope, id, props);
    // The scheduler and the API invoke the refit asynchronously: what Lambda gives up on lands here.
    const failures = createFailureQueue(this, 'RefitFailures', props.config.removalPolicy);
    this.nightlyRefit = new CrmFunction(this, 'NightlyRefit', {
      asyncFailureQueue: failures,
      entry: 'functions/scheduled/nightly-refit.handler.ts',
      description: 'Nightly analytics refit: BG/NBD + Gamma-Gamma per tenant, every customer rescored',
      serviceName: 'crm-scheduled',
      // Tenants are refitted one after the other; the demo tenant takes about a minute locally.
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: { TABLE_NAME: props.table.tableName, APP_VERSION: props.config.appVersion },
      logRetention: props.config.logRetention,
      logRemovalPolicy: props.config.removalPolicy,
    });
    // Reads every tenant's customers and orders (and the tenant registry) and writes scores and fits.
    grantTableItems(this.nightlyRefit, props.table, 'readWrite');
    acknowledgeLambdaDefaults(this.nightlyRefit);
    const alarms = new OperationalAlarms(this, 'Alarms', { topic: props.alarmTopic });
    alarms.watchFunction('NightlyRefit', this.nightlyRefit);
    alarms.watchQueueDepth('RefitFailures', failures);

    this.nightlyRefitSchedule = new Schedule(this, 'NightlyRefitSchedule', {
      description: 'Refit every tenant’s analytics models at 02:00 UTC',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '2', timeZone: TimeZone.ETC_UTC }),
      target: new LambdaInvoke(this.nightlyRefit, { retryAttempts: 2, maxEventAge: Duration.hours(2) }),
    });
    // The scheduler's target role is a stack-level singleton, so the finding is acknowledged here.
    acknowledge(this, {
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.nightlyRefit.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the refit function and its versions/aliases (ARN:*), which the scheduler role needs to invoke a published version; no other function.',
    });
  }
}
