import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/** Fourteen days: the longest SQS keeps a message, for an operator to read and replay it. */
const TERMINAL_RETENTION = Duration.days(14);

/**
 * A queue where messages end (a DLQ, an on-failure destination): encrypted, TLS only, kept 14
 * days. `whatEndsHere` completes "This queue is …" in the acknowledgements.
 */
export function createTerminalQueue(
  scope: Construct,
  id: string,
  removalPolicy: RemovalPolicy,
  whatEndsHere: string,
): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: TERMINAL_RETENTION,
    removalPolicy,
  });
  acknowledgeTerminalQueue(queue, whatEndsHere);
  return queue;
}

/** The findings a terminal queue raises by design: it has no DLQ of its own. */
export function acknowledgeTerminalQueue(queue: IQueue, whatEndsHere: string): void {
  const reason = `This queue is ${whatEndsHere}; a DLQ of a DLQ adds nothing. Its depth raises an alarm.`;
  acknowledge(
    queue,
    { id: 'AwsSolutions-SQS3', reason },
    { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason },
    { id: 'Serverless-SQSRedrivePolicy', reason },
  );
}

/**
 * Where asynchronous invocations land when a function gave up on them (on-failure destination):
 * the event, the error and the attempts, kept 14 days so an operator can read and replay them.
 */
export function createFailureQueue(scope: Construct, id: string, removalPolicy: RemovalPolicy): Queue {
  return createTerminalQueue(
    scope,
    id,
    removalPolicy,
    'the terminal on-failure destination of asynchronous invocations',
  );
}
