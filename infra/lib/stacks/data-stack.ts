import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { TenantTable } from '../constructs/tenant-table.js';

export type DataStackProps = StackProps & { readonly config: StageConfig };

/** Stateful resources only, so the API, stream and web stacks can be replaced freely. */
export class DataStack extends Stack {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.table = new TenantTable(this, 'Crm', { protectData: props.config.protectData }).table;
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
