import { platformKeys } from '@crm/dynamodb';
import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterPattern, LogGroup, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import type { TenantScopedRole } from './tenant-scoped-role.js';

/**
 * The only platform partitions the delivery status handler touches: the SMS lookup by message id
 * (read) and the suppression list (written). Each campaign's recipient is its tenant's, through
 * the tenant's session.
 */
export const SMS_STATUS_PLATFORM_LEADING_KEYS = [
  platformKeys.smsMessage('*').pk,
  platformKeys.mailSuppression('*').pk,
] as const;

/** The construct id of the singleton Lambda behind every AwsCustomResource of a stack (aws-cdk-lib). */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export type SmsDeliveryStatusProps = {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** CloudWatch Logs invokes the handler asynchronously: what Lambda gives up on lands here. */
  readonly failureQueue: IQueue;
  /** The campaign recipients are read and written through this role only. */
  readonly tenantRole: TenantScopedRole;
};

/**
 * Campaign SMS delivery status fed back (docs/campaigns.md, "SMS delivery status"): the account's
 * SMS attributes make SNS log each SMS's delivery to CloudWatch Logs, through a role that may write
 * only those log groups; a Lambda subscribed to the groups bounces failed messages and suppresses
 * numbers that never take SMS. Only with context `campaignSms=true`.
 */
export class SmsDeliveryStatus extends Construct {
  readonly handler: CrmFunction;
  readonly logGroups: readonly LogGroup[];
  readonly loggingRole: Role;

  constructor(scope: Construct, id: string, props: SmsDeliveryStatusProps) {
    super(scope, id);
    const { config, table } = props;
    const stack = Stack.of(this);
    const base = `sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber`;
    // Created here rather than by SNS on first write: they exist for the subscriptions from the
    // start, and keep the stage's retention instead of never expiring.
    this.logGroups = [
      new LogGroup(this, 'Delivered', {
        logGroupName: base,
        retention: config.logRetention,
        removalPolicy: config.removalPolicy,
      }),
      new LogGroup(this, 'Failed', {
        logGroupName: `${base}/Failure`,
        retention: config.logRetention,
        removalPolicy: config.removalPolicy,
      }),
    ];

    // The role SNS writes the delivery status logs with: those two groups and their streams only.
    this.loggingRole = new Role(this, 'LoggingRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'SNS writes campaign SMS delivery status to its CloudWatch Logs groups',
    });
    this.loggingRole.addToPolicy(
      new PolicyStatement({
        sid: 'SmsDeliveryStatusLogs',
        // CreateLogGroup too, as SNS asks for it before writing; the groups exist already.
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
        ],
        resources: this.logGroups.map((group) => group.logGroupArn),
      }),
    );

    this.handler = new CrmFunction(this, 'Handler', {
      entry: 'functions/mail/sms-delivery-status.handler.ts',
      description:
        'Campaign SMS delivery status: failures bounce, numbers that never take SMS are suppressed',
      serviceName: 'crm-sms-events',
      asyncFailureQueue: props.failureQueue,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      environment: { TABLE_NAME: table.tableName, TENANT_ROLE_ARN: props.tenantRole.role.roleArn },
    });
    const role = this.handler.role;
    if (!role) throw new Error('the SMS delivery status handler has no role');
    props.tenantRole.grantAssume(role);
    this.handler.addToRolePolicy(
      new PolicyStatement({
        sid: 'SmsStatusPlatformItems',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...SMS_STATUS_PLATFORM_LEADING_KEYS] },
          // ForAllValues holds on an empty set: a request without a leading key gets nothing.
          Null: { 'dynamodb:LeadingKeys': 'false' },
        },
      }),
    );
    acknowledgeLambdaDefaults(this.handler);
    for (const [index, group] of this.logGroups.entries()) {
      new SubscriptionFilter(this, `Subscription${index}`, {
        logGroup: group,
        destination: new LambdaDestination(this.handler),
        // Delivered lines change nothing today; reading them too keeps one path for both groups.
        filterPattern: FilterPattern.allEvents(),
      });
    }

    // The account's SMS attributes name the logging role: SNS then logs every failed SMS and a sample of the delivered.
    const attributes = new AwsCustomResource(this, 'SmsAttributes', {
      onUpdate: {
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: {
          attributes: {
            DeliveryStatusIAMRole: this.loggingRole.roleArn,
            // Every failure is logged; of the delivered SMS a sample (the stage's
            // smsSuccessSamplingPercent, 5 by default), enough for the delivered group to show
            // what the failures are out of without a log line and a Lambda run per SMS.
            DeliveryStatusSuccessSamplingRate: String(config.smsSuccessSamplingPercent),
          },
        },
        physicalResourceId: PhysicalResourceId.of(`${stack.stackName}-sms-delivery-status`),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetSMSAttributes is account-wide: the API has no resource to name.
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.loggingRole.roleArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    attributes.node.addDependency(this.loggingRole);
    acknowledge(attributes, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:SetSMSAttributes only (the account SMS attributes that name the delivery status logging role): it is an account-wide setting with no resource ARN; iam:PassRole is limited to that one role.',
    });
    // The provider function aws-cdk-lib adds once per stack for every AwsCustomResource.
    const provider = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      acknowledge(
        provider,
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "aws-cdk-lib's AwsCustomResource provider function: the AWS-maintained policy lets it write its own CloudWatch logs, nothing else; its API rights are the custom resource's own policy.",
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "aws-cdk-lib's AwsCustomResource provider function, which picks its own Node runtime; it runs only at deployment, to set the account SMS attributes.",
        },
      );
    }
  }
}
