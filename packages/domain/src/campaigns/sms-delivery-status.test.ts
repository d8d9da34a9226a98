import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phoneE164 } from './phone-e164.js';
import { parseSmsDeliveryLog, smsDeliveryOutcome } from './sms-delivery-status.js';

// The shapes of AWS's own examples (SNS → CloudWatch Logs, DirectPublishToPhoneNumber[/Failure]).
const success = {
  notification: { messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf', timestamp: '2016-06-28 00:40:34.558' },
  delivery: {
    phoneCarrier: 'My Phone Carrier',
    mnc: 270,
    destination: '+14255550100',
    priceInUSD: 0.00645,
    smsType: 'Transactional',
    mcc: 310,
    providerResponse: 'Message has been accepted by phone carrier',
    dwellTimeMs: 599,
    dwellTimeMsUntilDeviceAck: 1344,
  },
  status: 'SUCCESS',
};
const failure = (providerResponse: string | undefined) => ({
  notification: { messageId: '1077257a-92f3-5ca3-bc97-6a915b310625', timestamp: '2016-06-28 00:40:34.559' },
  delivery: {
    mnc: 0,
    destination: '+14255550100',
    priceInUSD: 0.00645,
    smsType: 'Transactional',
    mcc: 0,
    ...(providerResponse === undefined ? {} : { providerResponse }),
    dwellTimeMs: 1420,
  },
  status: 'FAILURE',
});

describe('parseSmsDeliveryLog', () => {
  it('reads SNS’s success and failure lines, keeping the fields it passes over', () => {
    expect(parseSmsDeliveryLog(JSON.stringify(success))?.notification.messageId).toBe(
      '34d9b400-c6dd-5444-820d-fbeb0f1f54cf',
    );
    expect(parseSmsDeliveryLog(JSON.stringify(failure('Invalid phone number')))?.status).toBe('FAILURE');
  });

  it('passes over what is not an SMS delivery status', () => {
    expect(parseSmsDeliveryLog('not json')).toBeUndefined();
    expect(parseSmsDeliveryLog(JSON.stringify({ status: 'FAILURE' }))).toBeUndefined();
    expect(parseSmsDeliveryLog(JSON.stringify({ ...success, status: 'PENDING' }))).toBeUndefined();
    expect(parseSmsDeliveryLog('null')).toBeUndefined();
  });

  it('never throws, whatever the line holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (line) => {
        parseSmsDeliveryLog(line);
      }),
    );
  });
});

describe('smsDeliveryOutcome', () => {
  const outcome = (log: object) => {
    const parsed = parseSmsDeliveryLog(JSON.stringify(log));
    if (!parsed) throw new Error('fixture did not parse');
    return smsDeliveryOutcome(parsed);
  };

  it('changes nothing for a delivered message', () => {
    expect(outcome(success)).toEqual({
      kind: 'delivered',
      messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf',
    });
  });

  it('bounces and suppresses a number that will never take SMS', () => {
    for (const response of [
      'Invalid phone number',
      'Phone number is opted out',
      'Phone has blocked SMS',
      'Phone is on a blocked list',
      'Destination is on a blocked list',
      'invalid phone number.',
    ]) {
      expect(outcome(failure(response))).toMatchObject({ kind: 'failed', permanent: true, detail: response });
    }
  });

  it('bounces without suppressing when the number may work next time', () => {
    for (const response of [
      'Unknown error attempting to reach phone',
      'Phone is currently unreachable/unavailable',
      'Phone carrier is currently unreachable/unavailable',
      'Phone carrier has blocked this message',
      'Blocked as spam by phone carrier',
      'Message body is invalid',
      'This delivery would exceed max price',
    ]) {
      expect(outcome(failure(response))).toMatchObject({ kind: 'failed', permanent: false });
    }
  });

  it('keeps the destination in E.164 and names an unknown error when SNS gives no response', () => {
    expect(outcome({ ...failure(undefined), delivery: { destination: '0086 138 0000 0000' } })).toEqual({
      kind: 'failed',
      messageId: '1077257a-92f3-5ca3-bc97-6a915b310625',
      phone: '+8613800000000',
      permanent: false,
      detail: 'Unknown error attempting to reach phone',
    });
  });
});

describe('phoneE164', () => {
  it('reads what people type as SNS reports it, and refuses a number without its country code', () => {
    expect(phoneE164('+86 138-0000.0000')).toBe('+8613800000000');
    expect(phoneE164('(+1) 425 555 0100')).toBe('+14255550100');
    expect(phoneE164('13800000000')).toBeUndefined();
    expect(phoneE164('+0123456789')).toBeUndefined();
  });
});
