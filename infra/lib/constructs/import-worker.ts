import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge, acknowledgeLambdaDefaults } from '../nag.js';
import { CrmFunction } from './crm-function.js';
import type { TenantScopedRole } from './tenant-scoped-role.js';
import { createTransientBucket } from './transient-bucket.js';

export type ImportWorkerProps = {
  readonly config: StageConfig;
  readonly table: ITableV2;
  /** The API invokes the worker asynchronously: what Lambda gives up on lands here. */
  readonly failureQueue: IQueue;
  /**
   * The worker imports for one tenant per call: it reads and writes the table only through this
   * role, assumed with that tenant's session tag (IAM LeadingKeys), never with rights of its own.
   */
  readonly tenantRole: TenantScopedRole;
};

/**
 * Imports that outlive the API request (API Gateway waits 30 s): the API stores the accepted file
 * in a private bucket and invokes this worker asynchronously; the worker runs the same
 * ImportService and deletes the file. Files expire after a day whatever happens.
 */
export class ImportWorker extends Construct {
  readonly bucket: Bucket;
  readonly worker: CrmFunction;

  constructor(scope: Construct, id: string, props: ImportWorkerProps) {
    super(scope, id);
    const { config, table } = props;
    const transient =
      'Transient upload objects, deleted after the import and expiring after a day; who uploaded is in the API access log and on the import job.';
    this.bucket = createTransientBucket(this, 'Uploads', config, {
      transient,
      promisedRemoval: 'customer data the product promises to delete',
      notifications:
        'The API starts the worker itself once the upload is stored (an asynchronous invoke with an on-failure destination); an S3 notification would start it twice.',
      kms: 'SSE-S3 encrypts the uploads at rest; they live minutes to a day and are reachable only by the API and worker roles, so a KMS key would add a key policy and per-request cost without narrowing access.',
    });

    this.worker = new CrmFunction(this, 'Worker', {
      entry: 'functions/imports/import-worker.handler.ts',
      description: 'Import worker: runs an import the API accepted (202) from the file stored in S3',
      serviceName: 'crm-imports',
      asyncFailureQueue: props.failureQueue,
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: {
        TABLE_NAME: table.tableName,
        IMPORT_BUCKET: this.bucket.bucketName,
        TENANT_ROLE_ARN: props.tenantRole.role.roleArn,
        APP_VERSION: config.appVersion,
      },
      logRetention: config.logRetention,
      logRemovalPolicy: config.removalPolicy,
    });
    const workerRole = this.worker.role;
    if (!workerRole) throw new Error('the import worker has no role');
    props.tenantRole.grantAssume(workerRole);
    this.worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('imports/*')],
      }),
    );
    acknowledgeLambdaDefaults(this.worker);
    this.acknowledgeObjectPrefix(this.worker);
  }

  /** Lets the API store accepted files and start the worker; tells it where both are. */
  connectApi(api: CrmFunction): void {
    api.addEnvironment('IMPORT_BUCKET', this.bucket.bucketName);
    api.addEnvironment('IMPORT_FUNCTION_NAME', this.worker.functionName);
    api.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('imports/*')] }),
    );
    // The unqualified function only: no versions or aliases (no `:*`).
    api.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.worker.functionArn] }),
    );
    this.acknowledgeObjectPrefix(api);
  }

  private acknowledgeObjectPrefix(fn: IFunction): void {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as never);
    acknowledge(fn, {
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/imports/*]`,
      reason:
        'Object keys are per import (imports/<tenant>/<import>.json) and unknown at deploy time; the grant is limited to that prefix of the one upload bucket.',
    });
  }
}
