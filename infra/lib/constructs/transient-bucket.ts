import { Duration } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledge } from '../nag.js';

export type TransientBucketReasons = {
  /** What the objects are and who is on record for them (the logging finding). */
  readonly transient: string;
  /** What versions or Object Lock would keep that the product promises to remove. */
  readonly promisedRemoval: string;
  /** Why nothing reacts to an object being written (the notifications finding). */
  readonly notifications: string;
  /** Why SSE-S3 rather than a KMS key. */
  readonly kms: string;
};

/**
 * A private, encrypted bucket for objects that live minutes to a day (import uploads, export
 * archives): they expire after a day whatever happens, so no version or lock may outlive them.
 */
export function createTransientBucket(
  scope: Construct,
  id: string,
  config: StageConfig,
  reasons: TransientBucketReasons,
): Bucket {
  const bucket = new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(1) }],
    removalPolicy: config.removalPolicy,
    autoDeleteObjects: !config.protectData,
  });
  acknowledge(
    bucket,
    { id: 'AwsSolutions-S1', reason: reasons.transient },
    { id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', reason: reasons.transient },
    {
      id: 'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check',
      reason: `${reasons.transient} Versions would keep ${reasons.promisedRemoval}.`,
    },
    {
      id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      reason: `${reasons.transient} Object Lock would forbid removing ${reasons.promisedRemoval}.`,
    },
    { id: 'cdk-validator-cfnguard::s3_event_notifications_enabled_check', reason: reasons.notifications },
    { id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', reason: reasons.kms },
  );
  return bucket;
}
