import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Statement = { Effect?: string; Action?: string | string[]; Condition?: Record<string, unknown> };

/**
 * The roles that may touch the table's items without the tenant-scoped role's LeadingKeys
 * condition, and why each must: everything else works for one tenant per call and gets its
 * tenant's session instead (TenantScopedRole).
 */
const TABLE_WIDE_ROLES: Record<string, string> = {
  'crm-api':
    'Sign-up, login, invitations and e-mail links find platform items (P# identities, throttles, tokens) before any tenant is known; tenant data goes through the tenant-scoped role.',
  'crm-streams':
    'The stream consumer reacts to every tenant’s changes in one batch and keeps failed records (P#KEPTRECORDS) and webhook due lists as platform items.',
  'crm-nightly':
    'The nightly dispatcher reads the tenant registry (P#TENANTS, a platform item) to send one message per tenant; it holds read rights only (scheduled.test.ts). The nightly worker holds none: it takes each tenant’s session.',
  'crm-tenant-data':
    'Deleting a tenant removes platform items that name it (memberships, identity links) besides its own partition, so it cannot be bound to one tenant’s keys.',
  'crm-mail-events':
    'SES bounces and complaints name an address, not a tenant: the suppression list is a platform item.',
  'crm-workflows':
    'The workflow scheduler finds the due runs and schedule-triggered workflows of all tenants (platform lists) in one pass before it runs each tenant’s steps.',
};

const DYNAMODB_ITEM_ACTIONS =
  /^dynamodb:(GetItem|BatchGetItem|Query|Scan|PutItem|UpdateItem|DeleteItem|BatchWriteItem|ConditionCheckItem|\*)$/;

const prod = buildTestApp({
  stage: 'prod',
  context: { mailFrom: 'CRM <no-reply@crm.example.com>', mailIdentity: 'crm.example.com' },
});
const templates = [prod.data, prod.api, prod.streams, prod.scheduled, prod.web].map((stack) =>
  Template.fromStack(stack),
);

/** The Powertools service name of the function each role belongs to, or the role's logical id. */
function roleOwners(template: Template): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
    const properties = (fn as Resource).Properties ?? {};
    const role = (properties.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    const service = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
      ?.POWERTOOLS_SERVICE_NAME;
    if (role && typeof service === 'string') owners.set(role, service);
  }
  return owners;
}

/** Who holds item rights on the table with no LeadingKeys condition on them. */
function tableWideHolders(): Set<string> {
  const holders = new Set<string>();
  for (const template of templates) {
    const owners = roleOwners(template);
    for (const [, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
      const properties = (policy as Resource).Properties ?? {};
      const statements = ((properties.PolicyDocument as { Statement?: Statement[] })?.Statement ?? []).filter(
        (statement) => statement.Effect === 'Allow',
      );
      const unbound = statements.some((statement) => {
        const actions = [statement.Action ?? []].flat();
        const leadingKeys = JSON.stringify(statement.Condition ?? {}).includes('dynamodb:LeadingKeys');
        return !leadingKeys && actions.some((action) => DYNAMODB_ITEM_ACTIONS.test(action));
      });
      if (!unbound) continue;
      for (const role of (properties.Roles ?? []) as { Ref?: string }[]) {
        if (role.Ref) holders.add(owners.get(role.Ref) ?? role.Ref);
      }
    }
  }
  return holders;
}

describe('least privilege on the table (prod app)', () => {
  it('gives table-wide item rights only to the roles pinned here, each with its reason', () => {
    expect([...tableWideHolders()].sort()).toEqual(Object.keys(TABLE_WIDE_ROLES).sort());
  });

  it('runs the on-demand refit with its tenant’s session only, through the nightly worker’s tenant role', () => {
    expect(tableWideHolders().has('crm-scheduled')).toBe(false);
    const scheduled = Template.fromStack(prod.scheduled);
    const functions = Object.entries(scheduled.findResources('AWS::Lambda::Function')) as [
      string,
      Resource,
    ][];
    const [, refit] = functions.find(([id]) => /^Refit[0-9A-F]{8}$/.test(id)) ?? [];
    const roleArn = (refit?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables?.TENANT_ROLE_ARN as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const tenantRoleId = roleArn?.['Fn::GetAtt']?.[0];
    expect(tenantRoleId).toMatch(/^NightlyTenantDataAccessRole/);
    // The role it names trusts the refit's own role with session tags, and binds LeadingKeys.
    const trust = (scheduled.findResources('AWS::IAM::Role')[tenantRoleId ?? ''] as Resource | undefined)
      ?.Properties?.AssumeRolePolicyDocument as { Statement: Statement[] } | undefined;
    const refitRole = (refit?.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
      'Fn::GetAtt'
    ]?.[0];
    expect(refitRole).toMatch(/^RefitServiceRole/);
    expect(
      JSON.stringify(
        trust?.Statement.filter((statement) => [statement.Action].flat().includes('sts:TagSession')),
      ),
    ).toContain(`"${refitRole}"`);
  });

  it('runs the campaign sends worker with its tenants’ sessions and its own platform keys only', () => {
    // Its one DynamoDB statement of its own is bound by LeadingKeys (api.test.ts pins which).
    expect(tableWideHolders().has('crm-campaigns')).toBe(false);
  });

  it('runs the import worker with its tenant’s session only', () => {
    const holders = tableWideHolders();
    expect(holders.has('crm-imports')).toBe(false);
    const api = Template.fromStack(prod.api);
    const worker = Object.values(api.findResources('AWS::Lambda::Function')).find(
      (fn) =>
        (fn as Resource).Properties?.Environment &&
        JSON.stringify((fn as Resource).Properties?.Environment).includes('"crm-imports"'),
    ) as Resource | undefined;
    expect(JSON.stringify(worker?.Properties?.Environment)).toContain('TENANT_ROLE_ARN');
    // The tenant-scoped role trusts the worker's role (with session tags) beside the API's.
    const [trust] = Object.entries(api.findResources('AWS::IAM::Role'))
      .filter(([id]) => id.startsWith('TenantDataAccess'))
      .map(
        ([, role]) => (role as Resource).Properties?.AssumeRolePolicyDocument as { Statement: Statement[] },
      );
    const principals = JSON.stringify(
      trust?.Statement.filter((statement) => [statement.Action].flat().includes('sts:TagSession')),
    );
    const workerRole = Object.keys(api.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('ImportsWorkerServiceRole'),
    );
    expect(workerRole).toBeDefined();
    expect(principals).toContain(`"${workerRole}"`);
  });

  it('runs the webhook delivery worker with its message’s tenant session only', () => {
    expect(tableWideHolders().has('crm-webhooks')).toBe(false);
    const streams = Template.fromStack(prod.streams);
    const worker = Object.values(streams.findResources('AWS::Lambda::Function')).find((fn) =>
      JSON.stringify((fn as Resource).Properties?.Environment).includes('"crm-webhooks"'),
    ) as Resource | undefined;
    const variables = (worker?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    const tenantRoleId = (variables?.TENANT_ROLE_ARN as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
      'Fn::GetAtt'
    ]?.[0];
    expect(tenantRoleId).toMatch(/^WebhookDeliveryTenantDataAccessRole/);
    const role = streams.findResources('AWS::IAM::Role')[tenantRoleId ?? ''] as Resource | undefined;
    // The role binds LeadingKeys to the session tag, and trusts the worker's own role (with tags) only.
    const policies = Object.values(streams.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify((policy as Resource).Properties?.Roles).includes(`"${tenantRoleId}"`),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    expect(JSON.stringify(policies)).toContain('T#${aws:PrincipalTag/TenantId}#*');
    const workerRole = (worker?.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
      'Fn::GetAtt'
    ]?.[0];
    expect(workerRole).toMatch(/^WebhookDeliveryWorkerServiceRole/);
    const trusted = (role?.Properties?.AssumeRolePolicyDocument as { Statement: Statement[] } | undefined)
      ?.Statement;
    expect(trusted).toHaveLength(1);
    expect(JSON.stringify(trusted)).toContain(`"${workerRole}"`);
  });
});
