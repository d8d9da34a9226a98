import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MailConfig, StageConfig } from '../config.js';
import { acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import { grantTableItems } from './table-access.js';

export type MailSendingProps = {
  readonly config: StageConfig;
  readonly mail: MailConfig;
  readonly table: ITableV2;
  /** SNS invokes the handler asynchronously: what Lambda gives up on lands here. */
  readonly failureQueue: IQueue;
};

/**
 * Mail through Amazon SES: a configuration set that publishes bounces and complaints to an SNS
 * topic, and the Lambda that records them in the table (the SES mailer skips recorded addresses).
 * The sender identity (a domain or address) is verified in SES outside CloudFormation, since it
 * needs DNS records or a click: its name comes from CDK context (docs/deploy.md).
 */
export class MailSending extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly notifications: Topic;
  readonly notificationHandler: CrmFunction;
  private readonly mail: MailConfig;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.mail = props.mail;
    this.notifications = new Topic(this, 'Notifications', {
      displayName: `CRM ${props.config.stage}: SES bounces and complaints`,
      enforceSSL: true,
    });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.notifications),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.notificationHandler = new CrmFunction(this, 'NotificationHandler', {
      entry: 'functions/mail/ses-notification.handler.ts',
      description: 'Records SES bounces and complaints so no more mail goes to those addresses',
      serviceName: 'crm-mail-events',
      asyncFailureQueue: props.failureQueue,
      logRetention: props.config.logRetention,
      logRemovalPolicy: props.config.removalPolicy,
      environment: { TABLE_NAME: props.table.tableName },
    });
    // A notification SNS cannot deliver (the function throttled or gone) is kept, not dropped.
    this.notificationHandler.addEventSource(
      new SnsEventSource(this.notifications, { deadLetterQueue: props.failureQueue }),
    );
    grantTableItems(this.notificationHandler, props.table, 'readWrite');
    acknowledgeLambdaDefaults(this.notificationHandler);
  }

  /** Lets `fn` send as the configured sender through this configuration set, and tells it how. */
  grantSend(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    const stack = Stack.of(this);
    fn.addEnvironment('MAIL_FROM', this.mail.from);
    fn.addEnvironment('MAIL_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.mail.identity }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
  }
}
