import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

/** Every acknowledged rule id under `scope`, by construct path (as cdk-nag and cfn-guard read them). */
function acknowledgedIds(scope: IConstruct): Record<string, string[]> {
  const byPath: Record<string, string[]> = {};
  for (const node of scope.node.findAll()) {
    const ids = node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>));
    if (ids.length > 0) byPath[node.node.path] = ids.map((id) => id.replace(/^annotation::/i, ''));
  }
  return byPath;
}

const lambdaDefaults = [
  'Serverless-LambdaLatestVersion',
  'Serverless-LambdaDLQ',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-IAM5[Resource::*]',
  'cdk-validator-cfnguard::lambda_inside_vpc_check',
  'AwsSolutions-L1',
];
const terminalQueue = [
  'AwsSolutions-SQS3',
  'cdk-validator-cfnguard::sqs_dlq_check',
  'Serverless-SQSRedrivePolicy',
];
const logGroup = ['cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check'];

describe('cdk-nag acknowledgements', () => {
  const crm = buildTestApp({ stage: 'prod' });

  it('names rules, never array indexes, in every stack', () => {
    // An array handed where `{ id, reason }` was expected records its indexes ('0', '1', …) as ids,
    // which acknowledge nothing and hide nothing from a reader of the report.
    const malformed = Object.entries(acknowledgedIds(crm.app))
      .flatMap(([path, ids]) => ids.map((id) => `${path}: ${id}`))
      .filter((entry) => /: (\d+|undefined|\[object Object\])$/.test(entry));
    expect(malformed).toEqual([]);
  });

  it('are exactly these in crm-prod-streams, by construct', () => {
    expect(acknowledgedIds(crm.streams)).toEqual({
      'crm-prod-streams': [
        expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<WorkflowScheduler[0-9A-F]{8}\.Arn>:\*\]$/),
      ],
      'crm-prod-streams/TableStream/Function': lambdaDefaults,
      'crm-prod-streams/TableStream/FunctionLogs': logGroup,
      'crm-prod-streams/TableStream/DeadLetterQueue': terminalQueue,
      'crm-prod-streams/WebhookDelivery/Worker': [
        ...lambdaDefaults,
        'Serverless-LambdaEventSourceMappingDestination',
      ],
      'crm-prod-streams/WebhookDelivery/WorkerLogs': logGroup,
      'crm-prod-streams/WebhookDelivery/DeadLetters': terminalQueue,
      'crm-prod-streams/WorkflowScheduler': lambdaDefaults,
      'crm-prod-streams/WorkflowSchedulerLogs': logGroup,
      'crm-prod-streams/WorkflowSchedulerFailures': terminalQueue,
    });
  });
}, 180_000);
