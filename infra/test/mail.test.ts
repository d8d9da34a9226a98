import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../lib/config.js';
import { actionsOf, buildTestApp, policyStatements } from './helpers.js';

const context = {
  publicUrl: 'https://crm.example.com',
  mailFrom: 'CRM <no-reply@crm.example.com>',
  mailIdentity: 'crm.example.com',
};

describe('mail through Amazon SES', () => {
  const app = buildTestApp({ stage: 'prod', context });
  const api = Template.fromStack(app.api);

  it('gives the API its public URL, sender and configuration set from context', () => {
    const functions = Object.values(api.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const apiEnv = functions
      .map((fn) => fn.Properties.Environment?.Variables ?? {})
      .find((variables) => variables.POWERTOOLS_SERVICE_NAME === 'crm-api');
    expect(apiEnv).toMatchObject({
      PUBLIC_URL: 'https://crm.example.com',
      MAIL_FROM: 'CRM <no-reply@crm.example.com>',
      MAIL_CONFIGURATION_SET: { Ref: expect.stringMatching(/^MailConfigurationSet/) },
    });
  });

  it('publishes bounces and complaints to a topic a Lambda records them from', () => {
    api.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^MailNotifications') } },
      }),
    });
    api.resourceCountIs('AWS::SNS::Subscription', 1);
    api.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  it('lets the API and the campaign sends worker send only as the configured identity, through the configuration set', () => {
    const sends = policyStatements(api).filter((statement) => actionsOf(statement).includes('ses:SendEmail'));
    expect(sends).toHaveLength(2);
    for (const send of sends) {
      expect(JSON.stringify(send.Resource)).toContain('identity/crm.example.com');
      expect(JSON.stringify(send.Resource)).toContain('configuration-set/');
    }
  });

  it('publishes no SMS unless the stage asks for campaign SMS', () => {
    expect(policyStatements(api).flatMap(actionsOf)).not.toContain('sns:Publish');
  });

  it('lets the API and the campaign sends worker publish campaign SMS to phone numbers only, never to a topic', () => {
    const sms = Template.fromStack(
      buildTestApp({ stage: 'prod', context: { ...context, campaignSms: 'true' } }).api,
    );
    const functions = Object.values(sms.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const enabled = functions
      .map((fn) => fn.Properties.Environment?.Variables ?? {})
      .filter((variables) => variables.SMS_ENABLED === 'true')
      .map((variables) => variables.POWERTOOLS_SERVICE_NAME)
      .sort();
    expect(enabled).toEqual(['crm-api', 'crm-campaigns']);
    const publish = policyStatements(sms).filter((statement) => actionsOf(statement).includes('sns:Publish'));
    const allows = publish.filter((statement) => statement.Effect === 'Allow');
    const denies = publish.filter((statement) => statement.Effect === 'Deny');
    expect(allows).toHaveLength(2);
    expect(denies).toHaveLength(2);
    for (const allow of allows) {
      expect(actionsOf(allow)).toEqual(['sns:Publish']);
      expect(allow.Resource).toBe('*');
    }
    for (const deny of denies) expect(JSON.stringify(deny.Resource)).toContain(':sns:*:*:*');
    // SMS leave through the mailer port, so they need the mail context; and the flag is a boolean.
    expect(() => readStageConfig(buildTestApp({ context: { campaignSms: 'true' } }).app)).toThrow(
      /campaignSms/,
    );
    expect(() => readStageConfig(buildTestApp({ context: { ...context, campaignSms: 'yes' } }).app)).toThrow(
      /true or false/,
    );
  });

  it('samples delivered SMS at the stage’s smsSuccessSamplingPercent, and refuses a share that is not 0–100', () => {
    // The configuration alone: no stacks to build for it.
    const read = (given?: string | number) =>
      readStageConfig(new App({ context: given === undefined ? {} : { smsSuccessSamplingPercent: given } }))
        .smsSuccessSamplingPercent;
    expect(read()).toBe(5);
    expect(read('0')).toBe(0);
    expect(read('100')).toBe(100);
    // cdk.json gives numbers.
    expect(read(25)).toBe(25);
    for (const bad of ['101', '-1', '2.5', 'all'])
      expect(() => read(bad)).toThrow(/smsSuccessSamplingPercent/);
  });

  it('feeds SNS’s SMS delivery status back through a subscribed Lambda only when the stage sends campaign SMS', () => {
    const sms = Template.fromStack(
      buildTestApp({ stage: 'prod', context: { ...context, campaignSms: 'true' } }).api,
    );
    // Both delivery status log groups, each with a subscription filter to the one handler.
    const groups = Object.values(sms.findResources('AWS::Logs::LogGroup')).map((group) =>
      JSON.stringify((group as { Properties: { LogGroupName?: unknown } }).Properties.LogGroupName ?? ''),
    );
    expect(groups.filter((name) => name.includes('DirectPublishToPhoneNumber'))).toHaveLength(2);
    expect(groups.some((name) => name.includes('DirectPublishToPhoneNumber/Failure'))).toBe(true);
    sms.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    sms.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SmsDeliveryStatusHandler'), 'Arn'] },
      FilterPattern: '',
    });
    // The role SNS logs with: trusted by SNS of this account, writing those groups only.
    const loggingRole = sms.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'sns.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        }),
      },
    });
    expect(Object.keys(loggingRole)).toHaveLength(1);
    const logWrites = policyStatements(sms).filter((statement) =>
      actionsOf(statement).includes('logs:PutLogEvents'),
    );
    expect(logWrites).toHaveLength(1);
    expect(JSON.stringify(logWrites[0]?.Resource)).toMatch(
      /SmsDeliveryStatusDelivered.*SmsDeliveryStatusFailed/,
    );
    // The account's SMS attributes name that role, by an AwsCustomResource calling SetSMSAttributes.
    const [attributes] = Object.values(sms.findResources('Custom::AWS')) as {
      Properties: { Create?: unknown; Update?: unknown };
    }[];
    expect(JSON.stringify(attributes?.Properties.Update)).toMatch(/setSMSAttributes/);
    expect(JSON.stringify(attributes?.Properties.Update)).toMatch(/DeliveryStatusIAMRole/);
    // Delivered SMS are logged as a sample (5 % unless the stage says otherwise), failures always.
    expect(JSON.stringify(attributes?.Properties.Update)).toMatch(
      /\\"DeliveryStatusSuccessSamplingRate\\":\\"5\\"/,
    );
    // The handler reaches its platform keys (the SMS lookup, the suppression list) bound by LeadingKeys.
    const platform = policyStatements(sms).find((statement) => statement.Sid === 'SmsStatusPlatformItems');
    expect(JSON.stringify(platform?.Condition)).toContain('P#SMSMSG#*');
    expect(JSON.stringify(platform?.Condition)).toContain('P#SUPPRESS#*');

    const plain = Template.fromStack(buildTestApp({ stage: 'prod', context }).api);
    plain.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    plain.resourceCountIs('Custom::AWS', 0);
    expect(policyStatements(plain).flatMap(actionsOf)).not.toContain('sns:SetSMSAttributes');
    // Two synthesized apps: slow on a busy machine.
  }, 180_000);

  it('sends nothing when context names no sender, and refuses half a configuration', () => {
    const plain = Template.fromStack(buildTestApp({ stage: 'prod' }).api);
    plain.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    expect(() => readStageConfig(buildTestApp({ context: { mailFrom: 'a@b.c' } }).app)).toThrow(
      /go together/,
    );
  });
});
