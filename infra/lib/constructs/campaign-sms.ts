import { Aws } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { EveryResourceGrant } from '../nag.js';
import type { CrmFunction } from './crm-function.js';

/**
 * Lets `fn` send campaign SMS through Amazon SNS and tells it to (`SMS_ENABLED`). Publishing to a
 * phone number names no resource, so the Allow is on `*`; the Deny on every topic ARN keeps it to
 * phone numbers: the function can publish to no topic of this account or another. Answers the
 * grant on "*" for the function's acknowledgement (`acknowledgeLambdaDefaults`).
 */
export function grantCampaignSms(fn: CrmFunction): EveryResourceGrant {
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
  return {
    actions: ['sns:Publish'],
    why: 'campaign SMS: a phone number has no resource ARN to name; a Deny on every topic ARN (arn:aws:sns:*:*:*) keeps the grant to phone numbers',
  };
}
