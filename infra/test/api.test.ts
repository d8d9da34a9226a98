import { tableDefinition } from '@crm/dynamodb';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AUTH_ROUTE_KEY } from '../lib/stacks/api-stack.js';
import {
  actionsOf,
  buildTestApp,
  policyStatements,
  policyStatementsOfRole,
  templatesFor,
} from './helpers.js';

/** An IAM policy variable, not a JavaScript template. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable syntax
const LEADING_KEYS_PATTERN = 'T#${aws:PrincipalTag/TenantId}#*';

const TENANT_ITEM_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

describe('api stack', () => {
  const { api } = templatesFor('dev');

  it('runs the API Lambda on Node 22, arm64, from functions/http/handler.ts', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'crm-api',
          APP_VERSION: '0.0.0-dev',
          TABLE_NAME: Match.anyValue(),
          TENANT_ROLE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TenantDataAccessRole'), 'Arn'] },
          JWT_SECRET_ARN: { Ref: Match.stringLikeRegexp('^JwtSigningKey') },
        }),
      },
    });
  });

  it('serves an HTTP API with a catch-all route and a separate auth route', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['http://localhost:3000', 'http://localhost:5173'],
      }),
    });
    api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}' });
    api.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: AUTH_ROUTE_KEY });
    expect(AUTH_ROUTE_KEY).toBe('POST /v1/auth/{proxy+}');
  });

  it('throttles the stage, throttles auth harder, and writes JSON access logs to a retained log group', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      RouteSettings: { [AUTH_ROUTE_KEY]: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    api.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('gives the API Lambda its request buckets from context, the app defaults where none is set', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-api',
          RATE_LIMIT_TENANT_BURST: '2000',
          RATE_LIMIT_TENANT_PER_SECOND: '200',
          RATE_LIMIT_API_KEY_BURST: '1000',
          RATE_LIMIT_API_KEY_PER_SECOND: '100',
        }),
      },
    });
    const prod = buildTestApp({
      stage: 'prod',
      context: { rateLimitTenantBurst: '200', rateLimitTenantPerSecond: '20', rateLimitApiKeyPerSecond: '5' },
    });
    Template.fromStack(prod.api).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-api',
          RATE_LIMIT_TENANT_BURST: '200',
          RATE_LIMIT_TENANT_PER_SECOND: '20',
          RATE_LIMIT_API_KEY_BURST: '1000',
          RATE_LIMIT_API_KEY_PER_SECOND: '5',
        }),
      },
    });
  });

  it('has no CORS origins outside dev unless configured', () => {
    const { api: prod } = templatesFor('prod');
    const apis = Object.values(prod.findResources('AWS::ApiGatewayV2::Api'));
    expect(apis).toHaveLength(1);
    expect(JSON.stringify(apis[0])).not.toContain('CorsConfiguration');
  });

  it('rotates the signing key every 30 days through its rotation function', () => {
    api.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: Match.stringLikeRegexp('^JwtSigningKey') },
      RotationLambdaARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SigningKeyRotation'), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  it('retains the signing key and logs outside dev, and lets dev go', () => {
    api.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Delete' });
    const { api: prod } = templatesFor('prod');
    prod.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    prod.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    prod.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('keeps a JWT signing-key secret the API may read and fill', () => {
    // The signing key and the origin-verify secret (origin-verify.test.ts).
    api.resourceCountIs('AWS::SecretsManager::Secret', 2);
    const [jwtSecret] = Object.keys(api.findResources('AWS::SecretsManager::Secret')).filter((id) =>
      id.startsWith('JwtSigningKey'),
    );
    const puts = policyStatements(api).filter((s) => actionsOf(s).includes('secretsmanager:PutSecretValue'));
    // The API (first key) and the rotation function write the signing key; nobody writes another secret.
    expect(new Set(puts.map((statement) => JSON.stringify(statement.Resource)))).toEqual(
      new Set([JSON.stringify({ Ref: jwtSecret })]),
    );
    const secretStatements = policyStatements(api).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
    );
    const actions = secretStatements.flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']),
    );
  });

  it('may invoke the refit, import and tenant data workers, named in its environment, and no other function', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-api',
          REFIT_FUNCTION_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('Refit') },
          IMPORT_FUNCTION_NAME: { Ref: Match.stringLikeRegexp('^ImportsWorker') },
          IMPORT_BUCKET: { Ref: Match.stringLikeRegexp('^ImportsUploads') },
          TENANT_DATA_FUNCTION_NAME: { Ref: Match.stringLikeRegexp('^TenantDataWorker') },
          EXPORT_BUCKET: { Ref: Match.stringLikeRegexp('^TenantDataExports') },
        }),
      },
    });
    const invoke = policyStatementsOfRole(api, 'ApiFunctionServiceRole').filter((s) =>
      actionsOf(s).includes('lambda:InvokeFunction'),
    );
    const resources = JSON.stringify(invoke.map((statement) => statement.Resource));
    expect(invoke.every((statement) => actionsOf(statement).join() === 'lambda:InvokeFunction')).toBe(true);
    expect(resources).toMatch(/Refit.*Arn/);
    expect(resources).toMatch(/ImportsWorker.*Arn/);
    expect(resources).toMatch(/TenantDataWorker.*Arn/);
    expect(resources).not.toContain(':*');
    const arns = invoke.flatMap((statement) =>
      Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource],
    );
    expect(arns).toHaveLength(3);
  });

  it('keeps accepted import files in a private, encrypted, TLS-only bucket that forgets them in a day', () => {
    expectTransientBucket(api, 'ImportsUploads');
    api.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs the import worker for up to 15 minutes; the API may only put, the worker only get and delete, under imports/', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-imports',
          TABLE_NAME: Match.anyValue(),
          IMPORT_BUCKET: { Ref: Match.stringLikeRegexp('^ImportsUploads') },
        }),
      },
    });
    const s3 = policyStatements(api).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const byActions = s3.map((statement) => ({
      actions: actionsOf(statement).sort().join(),
      resource: JSON.stringify(statement.Resource),
    }));
    const ours = byActions.filter((entry) => entry.resource.includes('/imports/*'));
    expect(ours.map((entry) => entry.actions).sort()).toEqual([
      // The tenant data worker removes a deleted tenant's pending uploads.
      's3:DeleteObject',
      's3:DeleteObject,s3:GetObject',
      's3:PutObject',
    ]);
  });

  it('keeps tenant exports in a private, encrypted bucket for a day; the API may only read (to presign), the worker write, read and delete, under exports/', () => {
    expectTransientBucket(api, 'TenantDataExports');
    api.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-tenant-data',
          EXPORT_BUCKET: { Ref: Match.stringLikeRegexp('^TenantDataExports') },
          IMPORT_BUCKET: { Ref: Match.stringLikeRegexp('^ImportsUploads') },
        }),
      },
    });
    const s3 = policyStatements(api).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const exports = s3
      .map((statement) => ({
        actions: actionsOf(statement).sort().join(),
        resource: JSON.stringify(statement.Resource),
      }))
      .filter((entry) => entry.resource.includes('/exports/*'));
    expect(exports.map((entry) => entry.actions).sort()).toEqual([
      's3:DeleteObject,s3:GetObject,s3:PutObject',
      's3:GetObject',
    ]);
  });

  it('resumes cut-off tenant deletions every hour through EventBridge Scheduler', () => {
    const [worker] = Object.keys(api.findResources('AWS::Lambda::Function')).filter((id) =>
      id.startsWith('TenantDataWorker'),
    );
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 * * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [worker, 'Arn'] },
        Input: JSON.stringify({ kind: 'resumeDeletions' }),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
      },
    });
    // The scheduler's role (one per stack) may start the scheduled workers and nothing else.
    const invoke = policyStatementsOfRole(api, 'SchedulerRoleForTarget');
    expect([...new Set(invoke.flatMap(actionsOf))]).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(invoke.map((statement) => statement.Resource))).not.toMatch(
      /ApiFunction|ImportsWorker|Refit/,
    );
  });

  it('carries on unattended campaign sends every minute, with an on-failure destination', () => {
    const [worker] = Object.keys(api.findResources('AWS::Lambda::Function')).filter((id) =>
      id.startsWith('CampaignSendsWorker'),
    );
    expect(worker).toBeDefined();
    api.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 300,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-campaigns',
          TENANT_ROLE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TenantDataAccessRole'), 'Arn'] },
        }),
      },
    });
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [worker, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      },
    });
    api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: worker },
      DestinationConfig: { OnFailure: Match.anyValue() },
    });
  });

  it('lets the campaign sends worker reach only its platform keys itself, tenant data through the tenant role', () => {
    const statements = policyStatementsOfRole(api, 'CampaignSendsWorkerServiceRole');
    const dynamodb = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    expect(dynamodb).toHaveLength(1);
    const [platform] = dynamodb;
    expect(actionsOf(platform ?? {}).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(platform?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [
          'P#CAMPAIGNSENDS',
          'P#UNSUBTOKEN#*',
          'P#SUPPRESS#*',
          'P#SMSMSG#*',
          'P#SURVEYSENDS',
          'P#SURVEYTOKEN#*',
        ],
      },
      Null: { 'dynamodb:LeadingKeys': 'false' },
    });
    // No Scan, no index but the due list's.
    expect(JSON.stringify(platform?.Resource)).toMatch(/index\/gsi2/);
    expect(JSON.stringify(platform?.Resource)).not.toMatch(/index\/gsi[13-8]|\*/);
    expect(statements.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['sts:AssumeRole', 'sts:TagSession']),
    );
  });

  describe('tenant-scoped role (isolation in depth)', () => {
    it('binds item actions to LeadingKeys T#<session tag TenantId>#* with Null guards', () => {
      api.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^TenantDataAccessRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'TenantItemsOnly',
              Effect: 'Allow',
              Action: TENANT_ITEM_ACTIONS,
              Resource: Match.anyValue(),
              Condition: {
                'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [LEADING_KEYS_PATTERN] },
                Null: { 'aws:PrincipalTag/TenantId': 'false', 'dynamodb:LeadingKeys': 'false' },
              },
            },
          ]),
        },
      });
    });

    it('never allows Scan or PartiQL, and denies them explicitly', () => {
      const tenantPolicy = Object.values(
        api.findResources('AWS::IAM::Policy', {
          Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^TenantDataAccessRole') }] },
        }),
      );
      expect(tenantPolicy).toHaveLength(1);
      const statements = (
        tenantPolicy[0] as {
          Properties: { PolicyDocument: { Statement: Parameters<typeof actionsOf>[0][] } };
        }
      ).Properties.PolicyDocument.Statement;
      const allowed = statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf);
      expect(allowed).not.toContain('dynamodb:Scan');
      expect(allowed.some((a) => a.includes('*') || a.startsWith('dynamodb:PartiQL'))).toBe(false);
      // Every Allow is conditioned on the tenant tag.
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
        expect(statement.Condition).toMatchObject({ Null: { 'aws:PrincipalTag/TenantId': 'false' } });
      }
      const denied = statements.filter((s) => s.Effect === 'Deny').flatMap(actionsOf);
      expect(denied).toEqual(expect.arrayContaining(['dynamodb:Scan', 'dynamodb:PartiQLSelect']));
    });

    it('covers the table and each GSI by name (no index wildcard)', () => {
      const resources = JSON.stringify(
        api.findResources('AWS::IAM::Policy', {
          Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^TenantDataAccessRole') }] },
        }),
      );
      for (const { indexName } of tableDefinition.globalSecondaryIndexes) {
        expect(resources).toContain(`/index/${indexName}`);
      }
      expect(resources).not.toContain('/index/*');
    });

    it('trusts only the API, import worker and campaign sends worker Lambda roles, for AssumeRole and TagSession', () => {
      api.hasResourceProperties('AWS::IAM::Role', {
        Description: Match.stringLikeRegexp('^Tenant-scoped'),
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Effect: 'Allow',
              Principal: {
                AWS: [
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiFunctionServiceRole'), 'Arn'] },
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^CampaignSendsWorkerServiceRole'), 'Arn'] },
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImportsWorkerServiceRole'), 'Arn'] },
                ],
              },
            },
          ],
        },
      });
      api.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^ApiFunctionServiceRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['sts:AssumeRole', 'sts:TagSession'],
              Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TenantDataAccessRole'), 'Arn'] },
            }),
          ]),
        },
      });
    });
  });

  it('gives no role in the stack dynamodb:Scan', () => {
    const allowed = policyStatements(api)
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf);
    expect(allowed).not.toContain('dynamodb:Scan');
    expect(allowed).not.toContain('dynamodb:*');
  });
});

/** The one bucket whose logical id starts with `prefix` is private, encrypted and forgets in a day. */
function expectTransientBucket(template: Template, prefix: string): void {
  const transient = template.findResources('AWS::S3::Bucket', {
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, Status: 'Enabled' })] },
    },
  });
  expect(Object.keys(transient).filter((id) => id.startsWith(prefix))).toHaveLength(1);
}
