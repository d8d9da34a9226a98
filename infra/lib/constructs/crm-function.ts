import { posix } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import { fromRepoRoot, repoRoot } from '../paths.js';

export type CrmFunctionProps = {
  /** Entry file relative to the repository root, e.g. `functions/http/handler.ts` (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name (`POWERTOOLS_SERVICE_NAME`). */
  readonly serviceName: string;
  /**
   * Extra environment variables (added to NODE_OPTIONS and the Powertools variables).
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 1024 — CPU scales with memory; 1 GB keeps scrypt and cold starts quick on arm64. */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Files the code reads at run time, copied beside the bundle: `from` relative to the repository
   * root, `to` relative to the bundle (e.g. Swagger UI's files for `/docs`).
   * @default []
   */
  readonly files?: readonly { readonly from: string; readonly to: string }[];
  /**
   * For functions invoked asynchronously (by the API, a schedule, SNS): where an invocation goes
   * once Lambda gave up on it, so no failure is silent. Those retries are Lambda's (2), not ours.
   * @default - none (synchronous or event-source-mapped functions report failures their own way)
   */
  readonly asyncFailureQueue?: IQueue;
};

/**
 * ESM banner: some bundled CommonJS dependencies call `require` for Node built-ins, which an ESM
 * bundle does not have. `createRequire` gives them one.
 */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __crmCreateRequire } from 'node:module'; const require = __crmCreateRequire(import.meta.url);";

/**
 * A CRM Lambda: Node 22 on arm64, bundled locally by esbuild (never Docker) into one minified ESM
 * file with source maps, its own log group with retention, JSON logs, X-Ray tracing.
 *
 * The AWS SDK is bundled rather than taken from the runtime, so the deployed code runs the SDK
 * version the tests ran against (the runtime's copy changes under us without notice).
 */
export class CrmFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CrmFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    acknowledge(logGroup, {
      id: 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check',
      reason:
        'CloudWatch Logs encrypts every log group at rest with a service key; the logs hold ids and outcomes, never customer records or secrets (Powertools logger, no event payloads), so a customer-managed key would add cost and a key policy without protecting more.',
    });
    super(scope, id, {
      entry: fromRepoRoot(props.entry),
      handler: 'handler',
      description: props.description,
      projectRoot: repoRoot,
      depsLockFilePath: fromRepoRoot('package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [],
        tsconfig: fromRepoRoot('functions/tsconfig.json'),
        ...(props.files?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  (props.files ?? []).map(
                    ({ from, to }) =>
                      `mkdir -p "${posix.dirname(posix.join(outputDir, to))}" && ` +
                      `cp "${posix.join(inputDir, from)}" "${posix.join(outputDir, to)}"`,
                  ),
              },
            }
          : {}),
      },
    });
    if (props.asyncFailureQueue) {
      this.configureAsyncInvoke({
        onFailure: new SqsDestination(props.asyncFailureQueue),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      });
    }
  }
}
