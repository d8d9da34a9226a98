import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag acknowledgement; every one carries a reason (docs/deploy.md lists them). */
export type NagAcknowledgement = { readonly id: string; readonly reason: string };

export function acknowledge(scope: IConstruct, ...rules: readonly NagAcknowledgement[]): void {
  Validations.of(scope).acknowledge(...rules);
}

const NODE_22_PINNED =
  'Node 22 is pinned on purpose: local development and CI run Node 20/22 and the code stays within those APIs; Node 24 is a deliberate upgrade, not a default.';

/**
 * Actions a function's role holds on Resource "*", with why no resource can be named: the
 * AwsSolutions-IAM5[Resource::*] acknowledgement lists exactly these (infra/test/nag.test.ts
 * compares it with the synthesized policy).
 */
export type EveryResourceGrant = { readonly actions: readonly string[]; readonly why: string };

/** What CrmFunction's active tracing adds to every function's role. */
const ACTIVE_TRACING: EveryResourceGrant = {
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  why: 'active tracing; X-Ray supports no resource-level permissions for them',
};

/**
 * What a RotationSchedule adds to its rotation function's role (aws-cdk-lib grants it to every
 * rotation function); `usedBy` says whether this function calls it.
 */
export function rotationRandomPassword(usedBy: string): EveryResourceGrant {
  return {
    actions: ['secretsmanager:GetRandomPassword'],
    why: `granted by aws-cdk-lib's RotationSchedule to every rotation function; Secrets Manager supports no resource-level permissions for it; ${usedBy}`,
  };
}

export type LambdaDefaultsOptions = {
  /** Actions on Resource "*" beyond active tracing's. @default - none */
  readonly everyResource?: readonly EveryResourceGrant[];
};

/** Findings every CrmFunction raises by design. */
export function acknowledgeLambdaDefaults(fn: IConstruct, options: LambdaDefaultsOptions = {}): void {
  const onEveryResource = [ACTIVE_TRACING, ...(options.everyResource ?? [])]
    .map((grant) => `${grant.actions.join(' and ')} (${grant.why})`)
    .join('; ');
  acknowledge(
    fn,
    { id: 'Serverless-LambdaLatestVersion', reason: NODE_22_PINNED },
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Each function reports failures through its trigger instead of a DLQ: the API answers its caller, the stream mapping sends what it gives up on to its own queue, and asynchronously invoked functions have an on-failure destination (the event with its error, more than a DLQ keeps). infra/test/operations.test.ts pins that every function has one of these.',
    },
  );
  acknowledge(
    fn,
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "AWS-maintained least-privilege policy for writing the function's own CloudWatch logs; nothing else.",
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `Resource "*" carries exactly these actions: ${onEveryResource}. No other action is granted on "*".`,
    },
    {
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason:
        'The functions call only AWS service APIs over TLS with IAM auth (DynamoDB, STS, SQS, S3, SES, SNS, Secrets Manager, CloudFront, Lambda, X-Ray) and, for webhooks, the public internet; a VPC would add NAT gateways and cold-start cost and guard no private resource, as there is none.',
    },
    { id: 'AwsSolutions-L1', reason: NODE_22_PINNED },
  );
}

/**
 * CDK adds a custom-resource Lambda to each side of a cross-region reference (the edge stack
 * writes the web ACL's ARN to SSM in the stage's region, the web stack reads it). It is created
 * at synthesis, after the stack's constructors, so its findings are acknowledged on the stack.
 */
export function acknowledgeCrossRegionReferenceHandler(stack: IConstruct): void {
  acknowledge(stack, {
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason:
      'CDK-managed cross-region reference handler (Custom::CrossRegionExportWriter/Reader): it only reads and writes SSM parameters under /cdk/exports/ over AWS APIs at deploy time; this stack has no other Lambda that could be in a VPC, and there is no private resource to reach.',
  });
}
