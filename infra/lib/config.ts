import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Amazon SES sending (context `mailFrom` and `mailIdentity`). */
export type MailConfig = {
  /** The From header, e.g. `CRM <no-reply@crm.example.com>`. */
  readonly from: string;
  /** The SES identity verified for it: a domain (`crm.example.com`) or the address itself. */
  readonly identity: string;
};

/**
 * Everything that differs between deployments, read once from CDK context
 * (`-c stage=prod`, `cdk.json`, or `new App({ context })` in tests). No lookups, no environment
 * variables: synth stays offline and deterministic.
 */
export type StageConfig = {
  /** `dev` (the default) is disposable; any other stage retains data and protects it from deletion. */
  readonly stage: string;
  /**
   * The region of every stack but the edge stack (context `region`), which CloudFront's web ACL
   * pins to us-east-1. Explicit, because cross-region references need both regions known at synth.
   */
  readonly region: string;
  /** True for every stage except `dev`: deletion protection, RETAIN, longer log retention. */
  readonly protectData: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** Reported by `GET /health` and written to logs (`APP_VERSION`). */
  readonly appVersion: string;
  /** The SPA build to deploy, relative to the repository root or absolute. */
  readonly webDistPath: string;
  /** Extra browser origins allowed by the HTTP API's CORS (the SPA itself is same-origin via CloudFront). */
  readonly corsOrigins: readonly string[];
  /**
   * The SPA's public address (context `publicUrl`, e.g. `https://crm.example.com`): the only base
   * of links in mails (invitations, password reset, confirmation). Without it no such mail is sent.
   */
  readonly publicUrl: string | undefined;
  /** SES sending; without it mails stay in the table's outbox and never leave. */
  readonly mail: MailConfig | undefined;
  /**
   * Campaign SMS through Amazon SNS (context `campaignSms=true`, with the mail context): the API and
   * the campaign sends worker may publish to phone numbers, never to a topic. Without it a campaign
   * SMS counts bounced. The account's SNS SMS settings (sandbox exit, spend limit, sender
   * registration where a country asks for it) are set outside CloudFormation (docs/deploy.md).
   */
  readonly campaignSms: boolean;
  /**
   * The share of delivered campaign SMS SNS logs (context `smsSuccessSamplingPercent`, 0–100, the
   * account's `DeliveryStatusSuccessSamplingRate`). Failures are always logged: they are what the
   * delivery status handler acts on; a delivered SMS changes nothing, so a sample shows the
   * success rate without paying CloudWatch Logs ingestion and a Lambda run for every SMS.
   */
  readonly smsSuccessSamplingPercent: number;
  /**
   * A custom domain for CloudFront (context `domainName` + `certificateArn`, an ACM certificate in
   * us-east-1): viewers then get TLS 1.2 or later over SNI. Without it the default
   * *.cloudfront.net certificate applies, whose minimum TLS version CloudFront fixes (TLS 1.0).
   */
  readonly customDomain: { readonly domainName: string; readonly certificateArn: string } | undefined;
  /**
   * Tenants the nightly worker runs at once (context `nightlyConcurrency`, 2–1000: the SQS event
   * source's maximum concurrency). bench `nightly-fanout` shows what finishes a night in time.
   */
  readonly nightlyConcurrency: number;
  /** Who is e-mailed every alarm (context `alarmEmail`); without it, subscribe to the topic yourself. */
  readonly alarmEmail: string | undefined;
  /**
   * The API's request buckets per tenant and per API key (context `rateLimitTenantBurst`,
   * `rateLimitTenantPerSecond`, `rateLimitApiKeyBurst`, `rateLimitApiKeyPerSecond`), handed to the
   * API Lambda as its RATE_LIMIT_* variables. Each key left out keeps the app's default
   * (DEFAULT_API_RATE_LIMITS), which is above the stage's API Gateway throttle: set them per stage.
   */
  readonly rateLimits: ApiRateLimits;
};

/** One request bucket: how many requests at once, refilled at so many a second. */
export type RequestBucket = { readonly capacity: number; readonly refillPerSecond: number };
export type ApiRateLimits = { readonly tenant: RequestBucket; readonly apiKey: RequestBucket };

/**
 * The app's defaults (DEFAULT_RATE_LIMITS in packages/app/src/rate-limits/rate-limits.ts, which
 * infra may not import; tests/contract/rate-limit-defaults.test.ts keeps the two equal).
 */
export const DEFAULT_API_RATE_LIMITS: ApiRateLimits = {
  tenant: { capacity: 2000, refillPerSecond: 200 },
  apiKey: { capacity: 1000, refillPerSecond: 100 },
};

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Tenants refit at once by default; bench/nightly-fanout.bench.ts shows 10,000 tenants fit in 4 h with it. */
export const DEFAULT_NIGHTLY_CONCURRENCY = 50;

/** Delivered campaign SMS SNS logs by default, in percent (every failure is logged regardless). */
export const DEFAULT_SMS_SUCCESS_SAMPLING_PERCENT = 5;

/** Where the stacks go unless context `region` says otherwise. */
export const DEFAULT_REGION = 'eu-central-1';

function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context "${key}" must be a string`);
  return value;
}

/**
 * The rate limits from context, checked at synth as the Lambda checks its variables at cold start
 * (rateLimitsFromEnv), so a bad value fails `cdk synth` instead of every cold start of the API.
 */
function readRateLimits(scope: Construct): ApiRateLimits {
  // cdk.json gives numbers, `-c` gives strings.
  const read = (key: string, fallback: number, minimum: number): number => {
    const raw: unknown = scope.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!(Number.isFinite(value) && value > 0)) {
      throw new Error(`context "${key}" must be a positive number (got ${JSON.stringify(raw)})`);
    }
    // A bucket that cannot hold one whole token would refuse every request.
    if (value < minimum)
      throw new Error(`context "${key}" must be at least ${minimum} (got ${JSON.stringify(raw)})`);
    return value;
  };
  const fallback = DEFAULT_API_RATE_LIMITS;
  return {
    tenant: {
      capacity: read('rateLimitTenantBurst', fallback.tenant.capacity, 1),
      refillPerSecond: read('rateLimitTenantPerSecond', fallback.tenant.refillPerSecond, 0),
    },
    apiKey: {
      capacity: read('rateLimitApiKeyBurst', fallback.apiKey.capacity, 1),
      refillPerSecond: read('rateLimitApiKeyPerSecond', fallback.apiKey.refillPerSecond, 0),
    },
  };
}

/** The API Lambda's RATE_LIMIT_* variables (all four, so the console shows what a stage runs with). */
export function rateLimitEnvironment(limits: ApiRateLimits): Record<string, string> {
  return {
    RATE_LIMIT_TENANT_BURST: String(limits.tenant.capacity),
    RATE_LIMIT_TENANT_PER_SECOND: String(limits.tenant.refillPerSecond),
    RATE_LIMIT_API_KEY_BURST: String(limits.apiKey.capacity),
    RATE_LIMIT_API_KEY_PER_SECOND: String(limits.apiKey.refillPerSecond),
  };
}

/** Reads the stage configuration from context; see docs/deploy.md for the keys. */
export function readStageConfig(scope: Construct): StageConfig {
  const stage = contextString(scope, 'stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`context "stage" must match ${STAGE_PATTERN} (got ${JSON.stringify(stage)})`);
  }
  const region = contextString(scope, 'region') ?? DEFAULT_REGION;
  if (!REGION_PATTERN.test(region)) {
    throw new Error(
      `context "region" must be an AWS region such as eu-central-1 (got ${JSON.stringify(region)})`,
    );
  }
  const protectData = stage !== 'dev';
  const corsOrigins = contextString(scope, 'corsOrigins');
  const publicUrl = contextString(scope, 'publicUrl');
  if (publicUrl && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl)) {
    throw new Error(`context "publicUrl" must be an http(s) URL (got ${JSON.stringify(publicUrl)})`);
  }
  const mailFrom = contextString(scope, 'mailFrom');
  const mailIdentity = contextString(scope, 'mailIdentity');
  if (Boolean(mailFrom) !== Boolean(mailIdentity)) {
    throw new Error('context "mailFrom" and "mailIdentity" go together: give both or neither');
  }
  const campaignSms = contextString(scope, 'campaignSms');
  if (campaignSms !== undefined && campaignSms !== 'true' && campaignSms !== 'false') {
    throw new Error(`context "campaignSms" must be true or false (got ${JSON.stringify(campaignSms)})`);
  }
  if (campaignSms === 'true' && !mailFrom) {
    throw new Error(
      'context "campaignSms" needs "mailFrom" and "mailIdentity": SMS leave through the same mailer',
    );
  }
  const domainName = contextString(scope, 'domainName');
  const certificateArn = contextString(scope, 'certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('context "domainName" and "certificateArn" go together: give both or neither');
  }
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(
      `context "certificateArn" must be an ACM certificate in us-east-1, as CloudFront requires (got ${JSON.stringify(certificateArn)})`,
    );
  }
  const alarmEmail = contextString(scope, 'alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    throw new Error(`context "alarmEmail" must be an e-mail address (got ${JSON.stringify(alarmEmail)})`);
  }
  const nightlyConcurrency = Number(
    scope.node.tryGetContext('nightlyConcurrency') ?? DEFAULT_NIGHTLY_CONCURRENCY,
  );
  if (!Number.isInteger(nightlyConcurrency) || nightlyConcurrency < 2 || nightlyConcurrency > 1000) {
    throw new Error(
      'context "nightlyConcurrency" must be a whole number from 2 to 1000 (SQS event source limits)',
    );
  }
  // cdk.json gives a number, `-c` a string.
  const smsSuccessSamplingPercent = Number(
    scope.node.tryGetContext('smsSuccessSamplingPercent') ?? DEFAULT_SMS_SUCCESS_SAMPLING_PERCENT,
  );
  if (
    !Number.isInteger(smsSuccessSamplingPercent) ||
    smsSuccessSamplingPercent < 0 ||
    smsSuccessSamplingPercent > 100
  ) {
    throw new Error(
      'context "smsSuccessSamplingPercent" must be a whole number from 0 to 100 (SNS DeliveryStatusSuccessSamplingRate)',
    );
  }
  return {
    stage,
    region,
    nightlyConcurrency,
    protectData,
    removalPolicy: protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // A year in production: incidents and audits look back months (Control Tower's CT.CLOUDWATCH.PR.2).
    logRetention: protectData ? RetentionDays.ONE_YEAR : RetentionDays.ONE_WEEK,
    appVersion: contextString(scope, 'appVersion') ?? '0.0.0-dev',
    webDistPath: contextString(scope, 'webDistPath') ?? 'web/dist',
    corsOrigins: corsOrigins
      ? corsOrigins
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : protectData
        ? []
        : ['http://localhost:3000', 'http://localhost:5173'],
    publicUrl,
    mail: mailFrom && mailIdentity ? { from: mailFrom, identity: mailIdentity } : undefined,
    customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
    alarmEmail,
    rateLimits: readRateLimits(scope),
    campaignSms: campaignSms === 'true',
    smsSuccessSamplingPercent,
  };
}
