import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportArchives } from '@crm/app/tenant-data';

/**
 * Tenant export archives in S3 (the bucket of infra/lib/constructs/tenant-data-worker.ts:
 * encrypted, private, TLS only, objects expire after a day). The browser fetches an archive
 * straight from S3 through a presigned GET, handed out once by the API.
 */
export function s3ExportArchives(bucket: string, client = new S3Client({})): ExportArchives {
  return {
    put: async (key, bytes) => {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'application/zip' }),
      );
    },
    get: async (key) => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await object.Body?.transformToByteArray();
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    presign: (key, expiresInSeconds) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${key.split('/').pop() ?? 'export.zip'}"`,
        }),
        { expiresIn: expiresInSeconds },
      ),
  };
}
