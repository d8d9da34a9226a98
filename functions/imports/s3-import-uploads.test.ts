import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3ImportUploads } from './s3-import-uploads.js';

function fakeS3() {
  const objects = new Map<string, string>();
  const sent: object[] = [];
  const client = {
    send: async (command: object) => {
      sent.push(command);
      if (command instanceof PutObjectCommand) {
        objects.set(command.input.Key as string, command.input.Body as string);
        return {};
      }
      if (command instanceof GetObjectCommand) {
        const body = objects.get(command.input.Key as string);
        if (body === undefined)
          throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
        return { Body: { transformToString: async () => body } };
      }
      if (command instanceof DeleteObjectCommand) {
        objects.delete(command.input.Key as string);
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as S3Client;
  return { client, sent, objects };
}

describe('s3ImportUploads', () => {
  const upload = {
    actorId: '01U',
    options: { kind: 'customers', layout: 'csv', dryRun: 'false' } as never,
    text: 'customer_id,name\nC1,王记米店\n',
  };

  it('stores the upload as JSON in the bucket, reads it back whole and deletes it', async () => {
    const s3 = fakeS3();
    const uploads = s3ImportUploads('crm-dev-imports', s3.client);

    await uploads.put('imports/01T/01I.json', upload);
    expect(s3.sent[0]).toBeInstanceOf(PutObjectCommand);
    expect((s3.sent[0] as PutObjectCommand).input).toMatchObject({
      Bucket: 'crm-dev-imports',
      Key: 'imports/01T/01I.json',
      ContentType: 'application/json',
    });
    expect(await uploads.get('imports/01T/01I.json')).toEqual(upload);
    await uploads.delete('imports/01T/01I.json');
    expect(await uploads.get('imports/01T/01I.json')).toBeUndefined();
  });

  it('lets other S3 errors through', async () => {
    const client = {
      send: async () => {
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
      },
    } as unknown as S3Client;
    await expect(s3ImportUploads('b', client).get('k')).rejects.toThrow('Access Denied');
  });
});
