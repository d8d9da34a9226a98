import { tableDefinition } from '@crm/dynamodb';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** The table ARN plus one ARN per GSI of `tableDefinition`: no `index/*` wildcard. */
export function tableAndIndexArns(table: ITableV2): string[] {
  return [
    table.tableArn,
    ...tableDefinition.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
  ];
}

/**
 * Item-level read/write on the table and its indexes — deliberately without Scan, PartiQL or
 * table management, which `TableV2.grantReadWriteData` would include (Scan ignores tenant keys).
 */
export function grantTableItems(grantee: IGrantable, table: ITableV2, mode: 'read' | 'readWrite'): void {
  const actions = mode === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: mode === 'read' ? 'TableRead' : 'TableReadWrite',
      actions,
      resources: tableAndIndexArns(table),
    }),
  );
}
