import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export type OperationalAlarmsProps = {
  /** Where every alarm (and its return to OK) is sent: the stage's alarm topic. */
  readonly topic: ITopic;
};

/** What one alarm watches, in the words of docs/operations.md (its `alarmDescription`). */
type AlarmSpec = {
  readonly metric: IMetric;
  readonly threshold: number;
  readonly description: string;
  /** @default 1 */
  readonly evaluationPeriods?: number;
};

/**
 * The alarms of one stack, all sent to the stage's alarm topic. Each method watches one failure
 * a team running the product must hear about; docs/operations.md says what each means and what
 * to do. Missing data is "not breaching": an idle function is healthy.
 */
export class OperationalAlarms extends Construct {
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.action = new SnsAction(props.topic);
  }

  /** Any error or throttle of a function within five minutes. */
  watchFunction(name: string, fn: IFunction): void {
    this.add(`${name}Errors`, {
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      description: `${name}: the function failed (Errors ≥ 1 in 5 minutes). See its logs and traces.`,
    });
    this.add(`${name}Throttles`, {
      metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      description: `${name}: invocations were throttled (account or reserved concurrency exhausted).`,
    });
  }

  /**
   * A stream consumer falling behind: the age of the last record it read. Records are given up
   * (to the DLQ) at the mapping's maximum record age, so this fires well before that.
   */
  watchIteratorAge(name: string, fn: IFunction, threshold: Duration): void {
    this.add(`${name}IteratorAge`, {
      metric: fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: threshold.toMilliseconds(),
      evaluationPeriods: 3,
      description: `${name}: the stream consumer is more than ${threshold.toHumanString()} behind for 15 minutes.`,
    });
  }

  /** Anything waiting in a dead-letter or failure queue: work the product gave up on. */
  watchQueueDepth(name: string, queue: IQueue): void {
    this.add(`${name}Depth`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      description: `${name}: messages are waiting in a failure queue; inspect and replay them (docs/operations.md).`,
    });
  }

  /** Server errors answered by the HTTP API: more than 1 % of requests over ten minutes. */
  watchHttpApi(name: string, api: IHttpApi): void {
    const period = Duration.minutes(5);
    this.add(`${name}ServerErrorRate`, {
      metric: new MathExpression({
        expression: '100 * errors / MAX([requests, 1])',
        usingMetrics: {
          errors: api.metricServerError({ period, statistic: 'Sum' }),
          requests: api.metricCount({ period, statistic: 'Sum' }),
        },
        label: '5xx rate (%)',
        period,
      }),
      threshold: 1,
      evaluationPeriods: 2,
      description: `${name}: more than 1 % of requests answered 5xx for 10 minutes.`,
    });
  }

  /** Requests DynamoDB refused for capacity (on demand still throttles on hot partitions). */
  watchTable(name: string, table: ITableV2): void {
    this.add(`${name}Throttles`, {
      metric: table.metricThrottledRequestsForOperations({
        operations: [
          Operation.GET_ITEM,
          Operation.PUT_ITEM,
          Operation.UPDATE_ITEM,
          Operation.DELETE_ITEM,
          Operation.QUERY,
          Operation.BATCH_WRITE_ITEM,
          Operation.TRANSACT_WRITE_ITEMS,
        ],
        period: Duration.minutes(5),
      }),
      threshold: 1,
      description: `${name}: DynamoDB throttled requests (a hot partition or an account limit).`,
    });
  }

  private add(id: string, spec: AlarmSpec): void {
    const alarm = new Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }
}
