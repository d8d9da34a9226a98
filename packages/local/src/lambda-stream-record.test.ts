import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toLambdaStreamRecord } from './lambda-stream-record.js';

describe('toLambdaStreamRecord', () => {
  it('restores empty maps that GetRecords hands over as members-less values', () => {
    const record = {
      eventID: 'e1',
      eventName: 'INSERT',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-01T00:00:00Z'),
        SequenceNumber: '1',
        NewImage: { pk: { S: 'T#x#a' }, customFields: {}, stats: { M: { byCurrency: {} } }, tags: { L: [] } },
      },
    } as unknown as _Record;
    const lambda = toLambdaStreamRecord(record, { streamArn: 'arn', region: 'us-east-1' });
    expect(lambda.dynamodb?.ApproximateCreationDateTime).toBe(1767225600);
    const image = unmarshall(lambda.dynamodb?.NewImage as Parameters<typeof unmarshall>[0]);
    expect(image).toEqual({ pk: 'T#x#a', customFields: {}, stats: { byCurrency: {} }, tags: [] });
  });
});
