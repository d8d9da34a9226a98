import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { acknowledge } from '../nag.js';
import type { CrmFunction } from './crm-function.js';

/**
 * Lets `fn` send campaign SMS through Amazon SNS and tells it to (`SMS_ENABLED`). Publishing to a
 * phone number names no resource, so the Allow is on `*`; the Deny on every topic ARN keeps it to
 * phone numbers: the function can publish to no topic of this account or another.
 */
export function grantCampaignSms(fn: CrmFunction): void {
  fn.addEnvironment('SMS_ENABLED', 'true');
  fn.addToRolePolicy(
    new PolicyStatement({ sid: 'CampaignSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      sid: 'NoTopicPublish',
      effect: Effect.DENY,
      actions: ['sns:Publish'],
      resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
    }),
  );
  acknowledge(fn, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'sns:Publish to a phone number (campaign SMS) has no resource ARN to name; a Deny on every topic ARN (arn:aws:sns:*:*:*) keeps the grant to phone numbers.',
  });
}
