import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag acknowledgement; every one carries a reason (docs/deploy.md lists them). */
export type NagAcknowledgement = { readonly id: string; readonly reason: string };

export function acknowledge(scope: IConstruct, ...rules: readonly NagAcknowledgement[]): void {
  Validations.of(scope).acknowledge(...rules);
}

/** Findings every CrmFunction raises by design. */
export function acknowledgeLambdaDefaults(fn: IConstruct): void {
  acknowledge(
    fn,
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "AWS-maintained least-privilege policy for writing the function's own CloudWatch logs; nothing else.",
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*" for them; no other action is granted on "*".',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 is pinned on purpose: local development and CI run Node 20/22 and the code stays within those APIs; Node 24 is a deliberate upgrade, not a default.',
    },
  );
}
