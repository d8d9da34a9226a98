import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { rateLimitEnvironment, type StageConfig } from '../config.js';
import { CampaignSends } from '../constructs/campaign-sends.js';
import { grantCampaignSms } from '../constructs/campaign-sms.js';
import { CrmFunction } from '../constructs/crm-function.js';
import { createFailureQueue } from '../constructs/failure-queue.js';
import { ImportWorker } from '../constructs/import-worker.js';
import { MailSending } from '../constructs/mail-sending.js';
import { OperationalAlarms } from '../constructs/operational-alarms.js';
import { SmsDeliveryStatus } from '../constructs/sms-delivery-status.js';
import { grantTableItems } from '../constructs/table-access.js';
import { TenantDataWorker } from '../constructs/tenant-data-worker.js';
import { TenantScopedRole } from '../constructs/tenant-scoped-role.js';
import type { WebhookDelivery } from '../constructs/webhook-delivery.js';
import { acknowledge, acknowledgeLambdaDefaults, rotationRandomPassword } from '../nag.js';

export type ThrottleLimits = { readonly rateLimit: number; readonly burstLimit: number };

export type ApiStackProps = StackProps & {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The stage's alarm topic (data stack). */
  readonly alarmTopic: ITopic;
  /**
   * Stage-wide limit (requests per second, burst) for every route.
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly defaultThrottle?: ThrottleLimits;
  /**
   * Stricter limit for `POST /v1/auth/{proxy+}` (sign-up, login, refresh): slows password guessing
   * and sign-up floods before they reach the Lambda (the app adds per-e-mail throttling).
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly authThrottle?: ThrottleLimits;
  /**
   * The analytics refit Lambda (scheduled stack). `POST /v1/analytics/refit` invokes it
   * asynchronously: the API Lambda is frozen once it has answered and cannot finish a fit itself.
   */
  readonly refitFunction?: IFunction;
  /** The webhook delivery queue (streams stack): resend, recover and ping announce attempts on it. */
  readonly webhookDelivery?: WebhookDelivery;
};

/** The header CloudFront adds to every request it forwards to the API, with the origin secret. */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Route key of the auth routes; the per-route throttle refers to it. */
export const AUTH_ROUTE_KEY = 'POST /v1/auth/{proxy+}';

/** HTTP API → API Lambda, the tenant-scoped data role and the JWT signing key. */
export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  readonly apiFunction: CrmFunction;
  readonly tenantRole: TenantScopedRole;
  readonly jwtSecret: Secret;
  /**
   * The value CloudFront sends in `x-origin-verify`; the API refuses requests without it, so the
   * execute-api endpoint called directly (bypassing the WAF) answers 403.
   */
  readonly originSecret: Secret;
  /** Secrets Manager's rotation function for the signing key. */
  readonly keyRotation: CrmFunction;
  readonly imports: ImportWorker;
  /** Tenant exports and deletions (docs/tenant-data.md). */
  readonly tenantData: TenantDataWorker;
  /** SES sending, when context names a sender (`mailFrom`, `mailIdentity`). */
  readonly mail: MailSending | undefined;
  /** The scheduled resume of campaign sends nobody is driving (docs/campaigns.md). */
  readonly campaignSends: CampaignSends;
  /** SNS's SMS delivery status fed back to the campaigns (context `campaignSms`). */
  readonly smsDeliveryStatus: SmsDeliveryStatus | undefined;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    // ES256 signing key as a private JWK. Created with a placeholder; the API generates the key
    // pair on first use and stores it here (docs/deploy.md), so no key material passes through
    // CloudFormation or the CDK assembly.
    this.jwtSecret = new Secret(this, 'JwtSigningKey', {
      description: `CRM ${config.stage}: ES256 private JWK that signs access tokens (filled by the API on first use)`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ alg: 'ES256', status: 'uninitialised' }),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      removalPolicy: config.removalPolicy,
    });

    // Rotated every 30 days by the web stack's OriginSecretRotation, which must name the
    // distribution; the API accepts the current and the previous value (docs/operations.md).
    this.originSecret = new Secret(this, 'OriginVerifySecret', {
      description: `CRM ${config.stage}: value CloudFront sends in ${ORIGIN_VERIFY_HEADER}; the API refuses requests without it`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: config.removalPolicy,
    });
    const rotatedFromWebStack =
      'Rotated every 30 days by a rotation schedule in the web stack (OriginSecretRotation), beside the CloudFront distribution whose header the rotation sets; the rule looks for a schedule in this stack only. infra/test/origin-verify.test.ts pins it.';
    acknowledge(
      this.originSecret,
      { id: 'AwsSolutions-SMG4', reason: rotatedFromWebStack },
      { id: 'cdk-validator-cfnguard::secretsmanager_rotation_enabled_check', reason: rotatedFromWebStack },
    );

    this.apiFunction = new CrmFunction(this, 'ApiFunction', {
      entry: 'functions/http/handler.ts',
      description: 'CRM HTTP API (Hono app behind API Gateway HTTP API)',
      serviceName: 'crm-api',
      timeout: Duration.seconds(15),
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      // /docs serves Swagger UI from these (packages/http/src/api-docs.ts), never from a CDN.
      files: ['swagger-ui.css', 'swagger-ui-bundle.js'].map((name) => ({
        from: `node_modules/swagger-ui-dist/${name}`,
        to: `swagger-ui/${name}`,
      })),
      environment: {
        TABLE_NAME: table.tableName,
        JWT_SECRET_ARN: this.jwtSecret.secretArn,
        APP_VERSION: config.appVersion,
        STAGE: config.stage,
        ORIGIN_VERIFY_HEADER,
        ORIGIN_VERIFY_SECRET_ARN: this.originSecret.secretArn,
        ...rateLimitEnvironment(config.rateLimits),
      },
    });
    const apiRole = this.apiFunction.role;
    if (!apiRole) throw new Error('the API function has no role');

    this.tenantRole = new TenantScopedRole(this, 'TenantDataAccess', { table, assumedBy: apiRole });
    this.apiFunction.addEnvironment('TENANT_ROLE_ARN', this.tenantRole.role.roleArn);

    // Platform routes (sign-up, login, identities under `P#` keys) need the table before a tenant
    // is known; tenant data goes through the tenant-scoped role (docs/deploy.md).
    grantTableItems(this.apiFunction, table, 'readWrite');
    this.jwtSecret.grantRead(this.apiFunction);
    this.originSecret.grantRead(this.apiFunction);
    props.webhookDelivery?.connect(this.apiFunction);
    if (config.publicUrl) this.apiFunction.addEnvironment('PUBLIC_URL', config.publicUrl);
    // The import worker and the SES event handler run asynchronously: what Lambda gives up on lands here.
    const failureQueue = createFailureQueue(this, 'AsyncFailures', config.removalPolicy);
    this.mail = config.mail
      ? new MailSending(this, 'Mail', { config, mail: config.mail, table, failureQueue })
      : undefined;
    this.mail?.grantSend(this.apiFunction);
    this.imports = new ImportWorker(this, 'Imports', {
      config,
      table,
      failureQueue,
      tenantRole: this.tenantRole,
    });
    this.imports.connectApi(this.apiFunction);
    this.tenantData = new TenantDataWorker(this, 'TenantData', {
      config,
      table,
      importBucket: this.imports.bucket,
      failureQueue,
    });
    this.tenantData.connectApi(this.apiFunction);
    this.campaignSends = new CampaignSends(this, 'CampaignSends', {
      config,
      table,
      failureQueue,
      tenantRole: this.tenantRole,
      mail: this.mail,
    });
    // The API sends campaign SMS while a page drives a send (the worker when nobody does: CampaignSends).
    const apiSms = config.campaignSms ? grantCampaignSms(this.apiFunction) : undefined;
    this.smsDeliveryStatus = config.campaignSms
      ? new SmsDeliveryStatus(this, 'SmsDeliveryStatus', {
          config,
          table,
          failureQueue,
          tenantRole: this.tenantRole,
        })
      : undefined;
    if (props.refitFunction) {
      this.apiFunction.addEnvironment('REFIT_FUNCTION_NAME', props.refitFunction.functionName);
      // The unqualified function only: no versions or aliases (no `:*`).
      this.apiFunction.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [props.refitFunction.functionArn],
        }),
      );
    }
    this.apiFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:PutSecretValue'],
        resources: [this.jwtSecret.secretArn],
      }),
    );
    // A new signing key every 30 days; the old one verifies the tokens it signed for 21 minutes more.
    this.keyRotation = new CrmFunction(this, 'SigningKeyRotation', {
      entry: 'functions/rotation/rotate-signing-key.handler.ts',
      description: 'Rotates the ES256 JWT signing key (Secrets Manager rotation, four steps)',
      serviceName: 'crm-key-rotation',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
      asyncFailureQueue: failureQueue,
    });
    acknowledgeLambdaDefaults(this.keyRotation, {
      everyResource: [
        rotationRandomPassword(
          'this function does not call it: it makes the new ES256 key pair itself (jose, on WebCrypto)',
        ),
      ],
    });
    this.jwtSecret.addRotationSchedule('Rotation', {
      rotationLambda: this.keyRotation,
      automaticallyAfter: Duration.days(30),
    });
    for (const permission of this.keyRotation.node
      .findAll()
      .filter((node) => node instanceof CfnPermission)) {
      (permission as CfnPermission).sourceAccount = this.account;
      acknowledge(permission, {
        id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
        reason:
          'Not public: the principal is Secrets Manager and SourceAccount this account. The rule accepts only literal strings, and an environment-agnostic stack names its account with the AWS::AccountId pseudo parameter.',
      });
    }

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `CRM ${config.stage} HTTP API`,
      createDefaultStage: false,
      corsPreflight:
        config.corsOrigins.length > 0
          ? {
              allowOrigins: [...config.corsOrigins],
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['retry-after'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction);
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration });
    const authRoutes = this.httpApi.addRoutes({
      path: '/v1/auth/{proxy+}',
      methods: [HttpMethod.POST],
      integration,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    acknowledge(accessLogs, {
      id: 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check',
      reason:
        'CloudWatch Logs encrypts every log group at rest with a service key; access logs hold request ids, routes, status codes and client addresses, never bodies or tokens.',
    });
    const defaultThrottle = props.defaultThrottle ?? { rateLimit: 100, burstLimit: 200 };
    const authThrottle = props.authThrottle ?? { rateLimit: 10, burstLimit: 20 };
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: defaultThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // Per-route limits are not in the L2 yet: set RouteSettings on the CloudFormation stage (an
    // untyped property, so the CloudFormation casing is written as is).
    (stage.node.defaultChild as CfnStage).routeSettings = {
      [AUTH_ROUTE_KEY]: {
        ThrottlingRateLimit: authThrottle.rateLimit,
        ThrottlingBurstLimit: authThrottle.burstLimit,
      },
    };
    for (const route of authRoutes) stage.node.addDependency(route);
    // API Gateway may invoke the function only on behalf of this account (Control Tower CT.LAMBDA.PR.2).
    for (const permission of this.httpApi.node.findAll().filter((node) => node instanceof CfnPermission)) {
      (permission as CfnPermission).sourceAccount = this.account;
      acknowledge(permission, {
        id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
        reason:
          'Not public: the principal is API Gateway, SourceArn is this HTTP API and SourceAccount this account. The rule accepts only literal strings, and an environment-agnostic stack names its account with the AWS::AccountId pseudo parameter.',
      });
    }

    acknowledgeLambdaDefaults(this.apiFunction, { everyResource: apiSms ? [apiSms] : [] });

    const appAuthorization =
      'Authorization happens in the Hono app: ES256 JWTs (key in Secrets Manager) and hashed API keys, verified before any tenant data is touched; sign-up, login and /health must be reachable without a token.';
    acknowledge(
      this.httpApi,
      { id: 'AwsSolutions-APIG4', reason: appAuthorization },
      {
        id: 'cdk-validator-cfnguard::api_gw_v2_authorization_type_configured_check',
        reason: appAuthorization,
      },
    );

    const alarms = new OperationalAlarms(this, 'Alarms', { topic: props.alarmTopic });
    alarms.watchFunction('Api', this.apiFunction);
    alarms.watchFunction('ImportWorker', this.imports.worker);
    alarms.watchFunction('TenantDataWorker', this.tenantData.worker);
    alarms.watchFunction('SigningKeyRotation', this.keyRotation);
    alarms.watchFunction('CampaignSends', this.campaignSends.worker);
    if (this.mail) alarms.watchFunction('MailEvents', this.mail.notificationHandler);
    if (this.smsDeliveryStatus) alarms.watchFunction('SmsEvents', this.smsDeliveryStatus.handler);
    alarms.watchHttpApi('HttpApi', this.httpApi);
    alarms.watchQueueDepth('AsyncFailures', failureQueue);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
    new CfnOutput(this, 'TenantRoleArn', { value: this.tenantRole.role.roleArn });
  }
}
