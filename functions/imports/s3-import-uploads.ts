import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ImportUpload, ImportUploads } from '@crm/app/imports';
import { traced } from '../tracing.js';

/**
 * Accepted import files in S3 (the bucket of infra/lib/stacks/api-stack.ts: encrypted, TLS only,
 * objects expire after a day). Each object is the upload envelope as JSON.
 */
export function s3ImportUploads(bucket: string, client = traced(new S3Client({}))): ImportUploads {
  return {
    put: async (key, upload) => {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: JSON.stringify(upload),
          ContentType: 'application/json',
        }),
      );
    },
    get: async (key) => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = await object.Body?.transformToString('utf-8');
        return text === undefined ? undefined : (JSON.parse(text) as ImportUpload);
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
