import { type CfnResource, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import { grantTableItems } from './table-access.js';
import { createTransientBucket } from './transient-bucket.js';

export type TenantDataWorkerProps = {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The import uploads bucket: a deleted tenant's pending uploads are removed from it. */
  readonly importBucket: IBucket;
  /** The API invokes the worker asynchronously: what Lambda gives up on lands here. */
  readonly failureQueue: IQueue;
};

/**
 * Tenant data rights (docs/tenant-data.md): the worker that builds a tenant's export archive and
 * the one that removes a deleted tenant's data, one Lambda for both, invoked asynchronously by
 * the API. Archives wait in a private, encrypted bucket for one presigned download and expire
 * after a day whatever happens.
 */
export class TenantDataWorker extends Construct {
  readonly bucket: Bucket;
  readonly worker: CrmFunction;
  /** Hourly: runs again the deletions a timeout or a crash cut off (the local runtime does so at start). */
  readonly resumeDeletions: Schedule;

  constructor(scope: Construct, id: string, props: TenantDataWorkerProps) {
    super(scope, id);
    const { config, table } = props;
    const transient =
      'Transient export archives, deleted when the tenant is deleted and expiring after a day; who exported is on the export record and in the API access log.';
    this.bucket = createTransientBucket(this, 'Exports', config, {
      transient,
      promisedRemoval: 'a deleted tenant’s data the product promises to remove',
      notifications:
        'Nothing reacts to an archive being written: the worker records the outcome on the export itself.',
      kms: 'SSE-S3 encrypts the archives at rest; they live a day at most and are reachable only by the worker and API roles (and one presigned GET), so a KMS key would add cost without narrowing access.',
    });

    this.worker = new CrmFunction(this, 'Worker', {
      entry: 'functions/tenant-data/tenant-data-worker.handler.ts',
      description: 'Tenant data worker: builds an export archive or removes a deleted tenant’s data',
      serviceName: 'crm-tenant-data',
      asyncFailureQueue: props.failureQueue,
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: {
        TABLE_NAME: table.tableName,
        EXPORT_BUCKET: this.bucket.bucketName,
        IMPORT_BUCKET: props.importBucket.bucketName,
        APP_VERSION: config.appVersion,
      },
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });
    // Deletion removes platform items that name the tenant (memberships, links) besides its own.
    grantTableItems(this.worker, table, 'readWrite');
    this.worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('exports/*')],
      }),
    );
    this.worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [props.importBucket.arnForObjects('imports/*')],
      }),
    );
    acknowledgeLambdaDefaults(this.worker);
    this.acknowledgeObjectPrefix(this.worker, props.importBucket);

    // A deletion outlives one 15-minute invocation on a large book, and Lambda's own async retries
    // stop after two: the pending deletions are indexed, so an hourly pass finds them without a scan.
    this.resumeDeletions = new Schedule(this, 'ResumeDeletions', {
      description: 'Resume tenant deletions a timeout or a crash cut off',
      schedule: ScheduleExpression.cron({ minute: '30', timeZone: TimeZone.ETC_UTC }),
      target: new LambdaInvoke(this.worker, {
        input: ScheduleTargetInput.fromObject({ kind: 'resumeDeletions' }),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(30),
      }),
    });
    const stack = Stack.of(this);
    acknowledge(stack, {
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.worker.node.defaultChild as CfnResource)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the tenant data worker and its versions/aliases (ARN:*), which the scheduler role needs; no other function.',
    });
  }

  /** Lets the API presign an archive's download and start the worker; tells it where both are. */
  connectApi(api: CrmFunction): void {
    api.addEnvironment('EXPORT_BUCKET', this.bucket.bucketName);
    api.addEnvironment('TENANT_DATA_FUNCTION_NAME', this.worker.functionName);
    // A presigned GET carries the signer's rights: the API role may read archives, nothing more.
    api.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('exports/*')] }),
    );
    api.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.worker.functionArn] }),
    );
    this.acknowledgeObjectPrefix(api);
  }

  private acknowledgeObjectPrefix(fn: IFunction, importBucket?: IBucket): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as never);
    acknowledge(fn, {
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/exports/*]`,
      reason:
        'Object keys are per export (exports/<tenant>/<export>.zip) and unknown at deploy time; the grant is limited to that prefix of the one export bucket.',
    });
    if (importBucket) {
      const importId = stack.getLogicalId(importBucket.node.defaultChild as never);
      acknowledge(fn, {
        id: `AwsSolutions-IAM5[Resource::<${importId}.Arn>/imports/*]`,
        reason:
          'A deleted tenant’s pending uploads (imports/<tenant>/<import>.json) are removed; keys are unknown at deploy time, the grant is that prefix only.',
      });
    }
  }
}
