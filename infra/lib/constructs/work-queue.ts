import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { CrmFunction } from './crm-function.js';
import { createTerminalQueue } from './failure-queue.js';

export type WorkQueueProps = {
  /** Completes "the dead-letter queue of the … queue" in the DLQ's acknowledgements. */
  readonly name: string;
  /** The timeout of the function that works the queue: the visibility timeout follows it. */
  readonly workerTimeout: Duration;
  readonly retentionPeriod: Duration;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly removalPolicy: RemovalPolicy;
};

export type WorkQueue = { readonly queue: Queue; readonly deadLetterQueue: Queue };

/**
 * A queue a Lambda works, with its dead-letter queue (ids `Queue` and `DeadLetters` in `scope`):
 * both encrypted and TLS only.
 */
export function createWorkQueue(scope: Construct, props: WorkQueueProps): WorkQueue {
  const deadLetterQueue = createTerminalQueue(
    scope,
    'DeadLetters',
    props.removalPolicy,
    `the dead-letter queue of the ${props.name} queue`,
  );
  const queue = new Queue(scope, 'Queue', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // Lambda's guidance: at least six times the function's timeout, so a retry never overlaps.
    visibilityTimeout: Duration.seconds(props.workerTimeout.toSeconds() * 6),
    retentionPeriod: props.retentionPeriod,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    removalPolicy: props.removalPolicy,
  });
  return { queue, deadLetterQueue };
}

export type WorkQueueSourceOptions = {
  readonly batchSize: number;
  readonly maxConcurrency?: number;
  /** Completes "moves a message that failed N times to the DLQ": what a message is here. */
  readonly messageIs: string;
};

/**
 * `worker` takes the queue's messages, reporting failed items one by one so SQS retries those
 * alone and, after the redrive count, moves them to the alarmed DLQ.
 */
export function workTheQueue(worker: CrmFunction, work: WorkQueue, options: WorkQueueSourceOptions): void {
  worker.addEventSource(
    new SqsEventSource(work.queue, {
      batchSize: options.batchSize,
      ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
      reportBatchItemFailures: true,
    }),
  );
  const receives = work.queue.deadLetterQueue?.maxReceiveCount;
  acknowledge(worker, {
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason: `An SQS event source takes no on-failure destination: the queue’s redrive policy moves ${options.messageIs} that failed ${receives} times to the DLQ, whose depth raises an alarm.`,
  });
}
