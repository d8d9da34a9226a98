import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Annotations, CfnOutput, Duration, Fn, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { OriginSecretRotation } from '../constructs/origin-secret-rotation.js';
import { acknowledge, acknowledgeCrossRegionReferenceHandler } from '../nag.js';
import { fromRepoRoot } from '../paths.js';

export type WebStackProps = StackProps & {
  readonly config: StageConfig;
  /** Served under `/v1/*` and `/health` by the same distribution, so the SPA needs no CORS. */
  readonly httpApi: IHttpApi;
  /** The CloudFront-scope WAF web ACL (edge stack, us-east-1), through a cross-region reference. */
  readonly webAclArn: string;
  /**
   * The header CloudFront adds to every API request and the secret holding its value (API stack);
   * the API refuses requests without it.
   */
  readonly originVerify?: { readonly header: string; readonly secret: ISecret };
  /** Where the origin secret rotation's alarms go (the stage's alarm topic). */
  readonly alarmTopic: ITopic;
};

/**
 * Source maps carry the SPA's full sources: they are never uploaded, and one left in the bucket by
 * an older deploy is refused here (404) before S3 is asked.
 *
 * Client-side routing without distribution-wide custom error responses: those would also turn the
 * API's 403/404 JSON (served by this distribution under /v1/*) into index.html with 200. A path
 * whose last segment has no dot is an SPA route and gets the shell; files pass through.
 */
const SPA_ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.slice(-4) === '.map') {
    return { statusCode: 404, statusDescription: 'Not Found' };
  }
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = '/index.html';
  }
  return request;
}`;

/** Private S3 bucket + CloudFront (OAC) for the Solid SPA, with the HTTP API behind /v1/*. */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** Rotates the origin-verify secret and sets CloudFront's header to the new value. */
  readonly originSecretRotation?: OriginSecretRotation;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    const autoDelete = !config.protectData;

    const logBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(config.protectData ? 365 : 30) }],
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: autoDelete,
    });
    acknowledge(
      logBucket,
      {
        id: 'AwsSolutions-S1',
        reason: 'This is the access-log bucket itself; logging it into itself would loop.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check',
        reason: 'This is the access-log bucket itself; logging it into itself would loop.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check',
        reason:
          'Access logs are written once by S3 and CloudFront and never overwritten; they expire by lifecycle, which versions would only delay.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
        reason:
          'Logs expire by lifecycle after a year (30 days in dev); Object Lock would forbid exactly that deletion.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
        reason:
          'CloudFront standard logging cannot deliver to a bucket encrypted with SSE-KMS; SSE-S3 encrypts it at rest.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_event_notifications_enabled_check',
        reason: 'Nothing reacts to a new log object; they are read when investigating.',
      },
    );

    this.bucket = new Bucket(this, 'SpaBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: config.protectData,
      // Versions let a bad deploy be rolled back; a month of them is plenty, not forever.
      lifecycleRules: config.protectData ? [{ noncurrentVersionExpiration: Duration.days(30) }] : [],
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/spa/',
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: autoDelete,
    });
    acknowledge(
      this.bucket,
      {
        id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
        reason:
          'The SPA build is public static code served to every visitor; SSE-S3 encrypts it at rest, and a KMS key would add a key policy for CloudFront without protecting anything secret.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
        reason:
          'Every deploy replaces the build; old versions expire after 30 days. Object Lock would forbid both.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_event_notifications_enabled_check',
        reason: 'Deploys go through CloudFormation (BucketDeployment), which invalidates CloudFront itself.',
      },
      {
        id: 'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check',
        reason: 'Versioned in every stage that protects data (prod); dev stacks are disposable.',
      },
    );

    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'CRM SPA security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: false, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: Fn.join('', [
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; ",
            "connect-src 'self' https://",
            apiDomain,
            "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
          ]),
          override: true,
        },
      },
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Rewrite client-side routes to /index.html; refuse source maps',
      code: FunctionCode.fromInline(SPA_ROUTING_FUNCTION),
    });

    const apiBehavior = {
      origin: new HttpOrigin(apiDomain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        ...(props.originVerify
          ? {
              customHeaders: {
                [props.originVerify.header]: this.originSecretValue(props.originVerify.secret),
              },
            }
          : {}),
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.responseHeadersPolicy,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `CRM ${config.stage} SPA and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { '/v1/*': apiBehavior, '/health': apiBehavior },
      ...(config.customDomain
        ? {
            domainNames: [config.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              config.customDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
    });
    if (!config.customDomain) {
      const reason =
        'No custom domain in context (domainName, certificateArn): the default *.cloudfront.net certificate is used, on which CloudFront fixes the viewer TLS policy. With a domain and an ACM certificate the distribution uses SNI and TLSv1.2_2021 (docs/deploy.md).';
      acknowledge(
        this.distribution,
        { id: 'AwsSolutions-CFR4', reason },
        { id: 'cdk-validator-cfnguard::cloudfront_custom_ssl_certificate_check', reason },
        { id: 'cdk-validator-cfnguard::cloudfront_sni_enabled_check', reason },
        { id: 'cdk-validator-cfnguard::cloudfront_security_policy_check', reason },
      );
    }
    acknowledge(this.distribution, {
      id: 'cdk-validator-cfnguard::cloudfront_origin_failover_enabled_check',
      reason:
        'Both origins live in one region with the table they serve (S3 for the SPA, the HTTP API); a failover origin would need a second region of the whole stack, which this product does not run.',
    });
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR1',
      reason: 'The CRM serves small businesses without a geographic restriction requirement.',
    });

    if (props.originVerify) {
      this.originSecretRotation = new OriginSecretRotation(this, 'OriginSecretRotation', {
        secret: props.originVerify.secret,
        header: props.originVerify.header,
        distribution: this.distribution,
        alarmTopic: props.alarmTopic,
        removalPolicy: config.removalPolicy,
        logRetention: config.logRetention,
      });
    }

    this.deploySpa(config);
    acknowledgeCrossRegionReferenceHandler(this);

    new CfnOutput(this, 'WebUrl', { value: `https://${this.distribution.distributionDomainName}` });
  }

  /**
   * A CloudFormation dynamic reference to the origin secret's current value: resolved at deploy
   * time, never in the template. The rotation sets the header itself (OriginSecretRotation); a
   * later deploy that updates the distribution resolves AWSCURRENT again, the same value. No
   * version is pinned: a pinned one would be sent again after it stopped being accepted.
   */
  private originSecretValue(secret: ISecret): string {
    return SecretValue.secretsManager(secret.secretArn).unsafeUnwrap();
  }

  /** Uploads the SPA build, or warns (without failing synth) when it has not been built. */
  private deploySpa(config: StageConfig): void {
    const distPath = isAbsolute(config.webDistPath) ? config.webDistPath : fromRepoRoot(config.webDistPath);
    if (!existsSync(distPath)) {
      Annotations.of(this).addWarningV2(
        '@crm/infra:web-dist-missing',
        `${distPath} does not exist: the SPA is NOT deployed. Run \`npm run build --workspace web\` before \`cdk deploy\`.`,
      );
      return;
    }
    // Assets are cached for a day (Vite hashes their names); the shell is always revalidated, and
    // it is uploaded last so it never points at assets that are not there yet.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(distPath)],
      destinationBucket: this.bucket,
      // Source maps stay with the build (for reading stack traces), never public.
      exclude: ['index.html', '*.map'],
      cacheControl: [CacheControl.fromString('public, max-age=86400')],
      prune: false,
      memoryLimit: 512,
    });
    const shell = new BucketDeployment(this, 'DeployShell', {
      sources: [Source.asset(distPath, { exclude: ['*', '!index.html'] })],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.noCache()],
      prune: false,
      memoryLimit: 512,
      distribution: this.distribution,
      distributionPaths: ['/index.html'],
    });
    shell.node.addDependency(assets);
    this.acknowledgeBucketDeploymentHandler();
  }

  /** The BucketDeployment handler is a CDK-owned singleton Lambda; its findings are CDK's design. */
  private acknowledgeBucketDeploymentHandler(): void {
    const handler = this.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) return;
    const reason =
      'CDK-managed BucketDeployment handler: copies the SPA build from the CDK asset bucket into the SPA bucket and invalidates CloudFront; its role and runtime are fixed by aws-cdk-lib.';
    acknowledge(
      handler,
      ...[
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'AwsSolutions-IAM5[Action::s3:List*]',
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        // With the region known (context `region`) the asset bucket's ARN names it.
        `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Stack.of(this).region}/*]`,
        'AwsSolutions-IAM5[Resource::<SpaBucket48E1059F.Arn>/*]',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
        'cdk-validator-cfnguard::lambda_inside_vpc_check',
        'Serverless-LambdaDLQ',
        'Serverless-LambdaLatestVersion',
        'Serverless-LambdaTracing',
      ].map((id) => ({ id, reason })),
    );
  }
}
