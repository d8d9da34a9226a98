import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';

/**
 * Where asynchronous invocations land when a function gave up on them (on-failure destination):
 * the event, the error and the attempts, kept 14 days so an operator can read and replay them.
 */
export function createFailureQueue(scope: Construct, id: string, removalPolicy: RemovalPolicy): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy,
  });
  const reason =
    'This queue is the terminal on-failure destination of asynchronous invocations; a DLQ of a DLQ adds nothing. Its depth raises an alarm.';
  acknowledge(
    queue,
    { id: 'AwsSolutions-SQS3', reason },
    { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason },
    { id: 'Serverless-SQSRedrivePolicy', reason },
  );
  return queue;
}
