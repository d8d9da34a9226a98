import { platformKeys } from '@crm/dynamodb';
import { type CfnResource, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';
import { grantCampaignSms } from './campaign-sms.js';
import { CrmFunction } from './crm-function.js';
import type { MailSending } from './mail-sending.js';
import type { TenantScopedRole } from './tenant-scoped-role.js';

/**
 * The only platform partitions a campaign send touches, by the key builders that make them: the
 * list of unfinished sends (table and gsi2), the unsubscribe links it writes, the suppression
 * list it reads, and the SMS lookup by message id it writes for the delivery status. Everything else is the tenant's, through its session.
 */
export const CAMPAIGN_PLATFORM_LEADING_KEYS = [
  platformKeys.campaignSendsDuePartition(),
  platformKeys.unsubscribeToken('*').pk,
  platformKeys.mailSuppression('*').pk,
  platformKeys.smsMessage('*').pk,
] as const;

/**
 * The platform partitions a survey send run touches when the same worker resumes it: the list of
 * unfinished runs (table and gsi2) and the survey links it writes with each invitation.
 */
export const SURVEY_SEND_PLATFORM_LEADING_KEYS = [
  platformKeys.surveySendsDuePartition(),
  platformKeys.surveyToken('*').pk,
] as const;

export type CampaignSendsProps = {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The scheduler invokes asynchronously: what Lambda gives up on lands here. */
  readonly failureQueue: IQueue;
  /** Each tenant's campaign, segment and customers are read and written through this role only. */
  readonly tenantRole: TenantScopedRole;
  /** SES, when the stage has a sender: the campaign e-mails go out through it. */
  readonly mail?: MailSending | undefined;
};

/**
 * The scheduled resume of campaign sends (docs/campaigns.md, "Sending"): every minute, a Lambda
 * carries on the sends nobody is driving from the campaign page, within each tenant's send rate.
 * It finds them by Query on their due index, never a Scan.
 */
export class CampaignSends extends Construct {
  readonly worker: CrmFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: CampaignSendsProps) {
    super(scope, id);
    const { config, table } = props;
    this.worker = new CrmFunction(this, 'Worker', {
      entry: 'functions/campaigns/campaign-sends.handler.ts',
      description: 'Campaigns: carry on the sends nobody is driving, within each tenant’s send rate',
      serviceName: 'crm-campaigns',
      asyncFailureQueue: props.failureQueue,
      // 25 campaigns a pass, 4 at once, each run ends after about 20 s of work.
      timeout: Duration.minutes(5),
      environment: {
        TABLE_NAME: table.tableName,
        TENANT_ROLE_ARN: props.tenantRole.role.roleArn,
        APP_VERSION: config.appVersion,
        ...(config.publicUrl ? { PUBLIC_URL: config.publicUrl } : {}),
      },
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });
    const role = this.worker.role;
    if (!role) throw new Error('the campaign sends worker has no role');
    props.tenantRole.grantAssume(role);
    this.worker.addToRolePolicy(
      new PolicyStatement({
        sid: 'CampaignPlatformItems',
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
        ],
        resources: [table.tableArn, `${table.tableArn}/index/gsi2`],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [...CAMPAIGN_PLATFORM_LEADING_KEYS, ...SURVEY_SEND_PLATFORM_LEADING_KEYS],
          },
          // ForAllValues holds on an empty set: a request without a leading key gets nothing.
          Null: { 'dynamodb:LeadingKeys': 'false' },
        },
      }),
    );
    props.mail?.grantSend(this.worker);
    // Sends SMS when the stage does (context `campaignSms`), as the API does while a page drives a send.
    const sms = props.config.campaignSms ? grantCampaignSms(this.worker) : undefined;
    acknowledgeLambdaDefaults(this.worker, { everyResource: sms ? [sms] : [] });

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Carry on campaign sends nobody is driving',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      // A missed minute is made up by the next one: no retries piling onto it.
      target: new LambdaInvoke(this.worker, { retryAttempts: 0, maxEventAge: Duration.minutes(1) }),
    });
    const stack = Stack.of(this);
    acknowledge(stack, {
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.worker.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the campaign sends worker and its versions/aliases (ARN:*), which the scheduler role needs; no other function.',
    });
  }
}
