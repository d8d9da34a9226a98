import { TENANT_KEY_PREFIX } from '@crm/dynamodb';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ArnPrincipal, Effect, type IRole, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableAndIndexArns } from './table-access.js';

/** Item-level actions a tenant session may perform; Transact* and Batch* are authorised per item through these. */
export const TENANT_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Actions that read or write without naming a partition key, so LeadingKeys cannot bind them. */
export const TENANT_DENIED_ACTIONS = [
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

export type TenantScopedRoleProps = {
  /** The table (and all its indexes) the tenant sessions read and write. */
  readonly table: ITableV2;
  /** The role allowed to assume this one with a tenant session tag (the API Lambda's role). */
  readonly assumedBy: IRole;
  /**
   * Session tag that carries the tenant id.
   * @default 'TenantId'
   */
  readonly sessionTagKey?: string;
  /**
   * Prefix every tenant-owned key starts with, before the tenant id (keys.ts: `T#<tenantId>#`).
   * @default TENANT_KEY_PREFIX from @crm/dynamodb ('T#')
   */
  readonly tenantKeyPrefix?: string;
  /**
   * Longest session the API may request; the API caches sessions for less than this.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
};

/**
 * Isolation in depth, layer 2 (issue 4): the role the API Lambda assumes per request with the
 * session tag `TenantId=<tenant from the verified token>`. DynamoDB then refuses any item whose
 * partition key (table or GSI) does not begin with `T#<that tenant>#`, whatever the code asks.
 *
 * - `ForAllValues:StringLike dynamodb:LeadingKeys = T#${aws:PrincipalTag/TenantId}#*`
 * - `Null aws:PrincipalTag/TenantId = false`: without a tag the policy variable would resolve to
 *   nothing, so an untagged session gets no access at all.
 * - `Null dynamodb:LeadingKeys = false`: ForAllValues is vacuously true on an empty set; requests
 *   that carry no leading key get nothing.
 * - Scan and PartiQL are never allowed, and explicitly denied so a later policy cannot add them.
 */
export class TenantScopedRole extends Construct {
  readonly role: Role;
  readonly sessionTagKey: string;

  constructor(scope: Construct, id: string, props: TenantScopedRoleProps) {
    super(scope, id);
    const tag = props.sessionTagKey ?? 'TenantId';
    const prefix = props.tenantKeyPrefix ?? TENANT_KEY_PREFIX;
    this.sessionTagKey = tag;

    this.role = new Role(this, 'Role', {
      description: `Tenant-scoped DynamoDB access; assumed per request with session tag ${tag}`,
      assumedBy: new ArnPrincipal(props.assumedBy.roleArn).withSessionTags(),
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
    });

    const tableResources = tableAndIndexArns(props.table);
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'TenantItemsOnly',
        effect: Effect.ALLOW,
        actions: [...TENANT_ITEM_ACTIONS],
        resources: tableResources,
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}\${aws:PrincipalTag/${tag}}#*`] },
          Null: { [`aws:PrincipalTag/${tag}`]: 'false', 'dynamodb:LeadingKeys': 'false' },
        },
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'NoKeylessAccess',
        effect: Effect.DENY,
        actions: [...TENANT_DENIED_ACTIONS],
        resources: tableResources,
      }),
    );

    // The caller's side of the trust: assume the role and tag the session.
    this.allowAssumeFrom(props.assumedBy);
  }

  /**
   * Lets another role that works for one tenant per call (the import worker) assume this one
   * with a tenant session tag, instead of holding table-wide rights itself.
   */
  grantAssume(grantee: IRole): void {
    this.role.assumeRolePolicy?.addStatements(
      new PolicyStatement({
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [new ArnPrincipal(grantee.roleArn)],
      }),
    );
    this.allowAssumeFrom(grantee);
  }

  private allowAssumeFrom(grantee: IRole): void {
    grantee.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AssumeTenantScopedRole',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [this.role.roleArn],
      }),
    );
  }
}
