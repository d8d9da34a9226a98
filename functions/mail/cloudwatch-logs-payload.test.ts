import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unpackLogsEvent } from './cloudwatch-logs-payload.js';

const pack = (payload: object) => ({
  awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') },
});

describe('unpackLogsEvent', () => {
  it('unpacks the gzip + base64 payload of a subscription filter', () => {
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: 'sns/eu-west-1/123456789012/DirectPublishToPhoneNumber/Failure',
      logStream: 's',
      subscriptionFilters: ['f'],
      logEvents: [{ id: '1', timestamp: 1_700_000_000_000, message: '{"status":"FAILURE"}' }],
    };
    expect(unpackLogsEvent(pack(payload))).toEqual(payload);
  });

  it('refuses what is not a subscription event', () => {
    expect(() => unpackLogsEvent({ Records: [] })).toThrow();
    expect(() => unpackLogsEvent({ awslogs: { data: Buffer.from('plain').toString('base64') } })).toThrow();
    expect(() => unpackLogsEvent(pack({ messageType: 'DATA_MESSAGE' }))).toThrow();
  });
});
