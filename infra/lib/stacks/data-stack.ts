import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import { TenantTable } from '../constructs/tenant-table.js';
import { acknowledge } from '../nag.js';

export type DataStackProps = StackProps & { readonly config: StageConfig };

/**
 * Stateful resources only, so the API, stream and web stacks can be replaced freely; and the
 * stage's alarm topic, which every other stack sends its alarms to.
 */
export class DataStack extends Stack {
  readonly table: TableV2;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.table = new TenantTable(this, 'Crm', { protectData: props.config.protectData }).table;
    new CfnOutput(this, 'TableName', { value: this.table.tableName });

    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `CRM ${props.config.stage}: alarms`,
      enforceSSL: true,
    });
    if (props.config.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.config.alarmEmail));
      acknowledge(this.alarmTopic, {
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'The only subscription is the operators’ e-mail: an undeliverable alarm mail has no one to replay it to, and the alarm itself stays visible in CloudWatch.',
      });
    }
    acknowledge(this.alarmTopic, {
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and metric values, never customer data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.',
    });
    new OperationalAlarms(this, 'TableAlarms', { topic: this.alarmTopic }).watchTable('Table', this.table);
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
