import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CrmFunction } from './crm-function.js';
import { grantTableItems } from './table-access.js';

export type StreamConsumerProps = {
  /** A table with a stream (NEW_AND_OLD_IMAGES). */
  readonly table: ITableV2;
  /** Entry relative to the repository root, exporting `handler`. */
  readonly entry: string;
  /** Only records of these entity types invoke the Lambda (event filtering, not code). */
  readonly entityTypes: readonly string[];
  /** The item attribute naming the entity type (`tableDefinition.entityTypeAttribute`). */
  readonly entityTypeAttribute: string;
  /** @default 'crm-streams' */
  readonly serviceName?: string;
  /** @default 100 */
  readonly batchSize?: number;
  /** Finite, so a poison batch cannot block the shard for the record's lifetime. @default 10 */
  readonly retryAttempts?: number;
  /**
   * Hours, not the stream's whole 24 h retention: a record given up on must still be in the stream
   * when someone reads the DLQ pointer to replay it. @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - CrmFunction's default */
  readonly logRetention?: RetentionDays;
  /** Removal policy of the DLQ and the log group. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
};

/**
 * The table's stream consumer: a Lambda fed by a DynamoDB event source that reports partial batch
 * failures (Powertools `processPartialResponse`), bisects failing batches, gives up after a finite
 * number of retries or a maximum record age, and sends what it gave up on to an SQS DLQ.
 *
 * Event filtering keeps Lambda from being invoked for entity types nobody handles. Two filters
 * (ORed by Lambda): INSERT/MODIFY match on the new image; REMOVE, which carries only the old image,
 * matches on the old one.
 */
export class StreamConsumer extends Construct {
  readonly function: CrmFunction;
  readonly deadLetterQueue: Queue;
  readonly eventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    if (props.entityTypes.length === 0) throw new Error('StreamConsumer needs at least one entity type');
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });

    this.function = new CrmFunction(this, 'Function', {
      entry: props.entry,
      description: 'DynamoDB stream consumer: domain reactions to customer and interaction changes',
      serviceName: props.serviceName ?? 'crm-streams',
      timeout: props.timeout ?? Duration.seconds(30),
      environment: { TABLE_NAME: props.table.tableName, ...props.environment },
      logRetention: props.logRetention,
      logRemovalPolicy: removalPolicy,
    });

    const types = [...props.entityTypes];
    const attribute = props.entityTypeAttribute;
    this.eventSource = new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 100,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: props.retryAttempts ?? 10,
      maxRecordAge: props.maxRecordAge ?? Duration.hours(6),
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: { NewImage: { [attribute]: { S: FilterRule.or(...types) } } },
        }),
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('REMOVE'),
          dynamodb: { OldImage: { [attribute]: { S: FilterRule.or(...types) } } },
        }),
      ],
    });
    this.function.addEventSource(this.eventSource);
    // Reactions read the item and write derived data back (scores, timelines).
    grantTableItems(this.function, props.table, 'readWrite');
  }
}
