import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, RotationSchedule } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeLambdaDefaults, rotationRandomPassword } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import { createFailureQueue } from './failure-queue.js';
import { OperationalAlarms } from './operational-alarms.js';

export type OriginSecretRotationProps = {
  /** The origin-verify secret (API stack). */
  readonly secret: ISecret;
  /** The origin custom header CloudFront sends it in. */
  readonly header: string;
  /** The distribution whose API origin carries the header. */
  readonly distribution: Distribution;
  readonly alarmTopic: ITopic;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention?: RetentionDays;
  /**
   * Days between rotations.
   * @default Duration.days(30)
   */
  readonly every?: Duration;
};

/**
 * Rotates the origin-verify secret on a schedule (docs/operations.md, "The origin secret"): a
 * Secrets Manager rotation function that makes a new random value current, then sets CloudFront's
 * header to it. The API accepts the current and the previous value, and re-reads the secret on an
 * unknown one, so no request is refused while CloudFront's edges switch over. Lives beside the
 * distribution (web stack), which it must name; the secret stays with the API that checks it.
 */
export class OriginSecretRotation extends Construct {
  readonly function: CrmFunction;
  readonly schedule: RotationSchedule;

  constructor(scope: Construct, id: string, props: OriginSecretRotationProps) {
    super(scope, id);
    // Secrets Manager invokes the function asynchronously: what it gives up on lands here.
    const failures = createFailureQueue(this, 'Failures', props.removalPolicy);
    this.function = new CrmFunction(this, 'Function', {
      entry: 'functions/rotation/rotate-origin-secret.handler.ts',
      description: 'Rotates the CloudFront origin-verify secret and sets the new value on the distribution',
      serviceName: 'crm-origin-rotation',
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: {
        DISTRIBUTION_ID: props.distribution.distributionId,
        ORIGIN_VERIFY_HEADER: props.header,
      },
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      logRemovalPolicy: props.removalPolicy,
      asyncFailureQueue: failures,
    });
    acknowledgeLambdaDefaults(this.function, {
      everyResource: [rotationRandomPassword('this function calls it for the new secret value')],
    });
    // Reads and rewrites this distribution's configuration, no other.
    props.distribution.grant(
      this.function,
      'cloudfront:GetDistributionConfig',
      'cloudfront:UpdateDistribution',
    );

    this.schedule = new RotationSchedule(this, 'Schedule', {
      secret: props.secret,
      rotationLambda: this.function,
      automaticallyAfter: props.every ?? Duration.days(30),
    });
    for (const permission of this.function.node.findAll().filter((node) => node instanceof CfnPermission)) {
      (permission as CfnPermission).sourceAccount = Stack.of(this).account;
      acknowledge(permission, {
        id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
        reason:
          'Not public: the principal is Secrets Manager and SourceAccount this account. The rule accepts only literal strings, and an environment-agnostic stack names its account with the AWS::AccountId pseudo parameter.',
      });
    }

    const alarms = new OperationalAlarms(this, 'Alarms', { topic: props.alarmTopic });
    alarms.watchFunction('OriginSecretRotation', this.function);
    alarms.watchQueueDepth('OriginSecretRotationFailures', failures);
  }
}
