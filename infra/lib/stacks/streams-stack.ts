import { streamFilter } from '@crm/dynamodb';
import { type CfnResource, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { CrmFunction } from '../constructs/crm-function.js';
import { acknowledgeTerminalQueue, createFailureQueue } from '../constructs/failure-queue.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import { StreamConsumer } from '../constructs/stream-consumer.js';
import { grantTableItems } from '../constructs/table-access.js';
import { WebhookDelivery } from '../constructs/webhook-delivery.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';

export type StreamsStackProps = StackProps & {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly alarmTopic: ITopic;
};

/**
 * The table's stream consumer and its dead-letter queue; the webhook delivery queue and worker it
 * feeds; the workflow scheduler that continues waiting workflow runs and runs scheduled ones.
 */
export class StreamsStack extends Stack {
  readonly consumer: StreamConsumer;
  readonly webhookDelivery: WebhookDelivery;
  readonly workflowScheduler: CrmFunction;

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
    acknowledgeTerminalQueue(
      this.consumer.deadLetterQueue,
      'the terminal on-failure destination of the stream consumer',
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

    // Waiting workflow runs are stored with their due time; this pass continues them (and runs the
    // hour's scheduled workflows), so a wait outlives any one Lambda.
    const workflowFailures = createFailureQueue(
      this,
      'WorkflowSchedulerFailures',
      props.config.removalPolicy,
    );
    this.workflowScheduler = new CrmFunction(this, 'WorkflowScheduler', {
      asyncFailureQueue: workflowFailures,
      entry: 'functions/workflows/workflow-scheduler.handler.ts',
      description: 'Workflows: continue the waiting runs that are due; run the hour’s scheduled workflows',
      serviceName: 'crm-workflows',
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: props.table.tableName, APP_VERSION: props.config.appVersion },
      logRetention: props.config.logRetention,
      logRemovalPolicy: props.config.removalPolicy,
    });
    // Reads the waits list and every tenant's workflows and customers; writes runs and their actions.
    grantTableItems(this.workflowScheduler, props.table, 'readWrite');
    this.webhookDelivery.connect(this.workflowScheduler);
    acknowledgeLambdaDefaults(this.workflowScheduler);
    alarms.watchFunction('WorkflowScheduler', this.workflowScheduler);
    alarms.watchQueueDepth('WorkflowSchedulerFailures', workflowFailures);
    new Schedule(this, 'WorkflowSchedule', {
      description: 'Continue due workflow waits; run scheduled workflows (first pass of each hour)',
      schedule: ScheduleExpression.cron({ minute: '0/5', timeZone: TimeZone.ETC_UTC }),
      target: new LambdaInvoke(this.workflowScheduler, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
      }),
    });
    acknowledge(this, {
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.workflowScheduler.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the workflow scheduler and its versions/aliases (ARN:*), which the scheduler role needs; no other function.',
    });
  }
}
