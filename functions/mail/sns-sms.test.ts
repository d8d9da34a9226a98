import type { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Mailer, OutgoingMail } from '@crm/app';
import { describe, expect, it } from 'vitest';
import { channelMailer, e164, snsSmsSender } from './sns-sms.js';

function sms(to: string): OutgoingMail {
  return {
    kind: 'campaign-sms',
    to,
    subject: 'SMS · 王记',
    text: '春季优惠 退订: https://crm.test/u/t',
    html: '',
  };
}

function fakeSns(answers: (Error | undefined)[] = []) {
  const sent: PublishCommand[] = [];
  const client = {
    send: async (command: PublishCommand) => {
      sent.push(command);
      const answer = answers.shift();
      if (answer) throw answer;
      return { MessageId: `msg-${sent.length}` };
    },
  } as unknown as SNSClient;
  return { client, sent };
}

function named(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}

describe('campaign SMS through SNS', () => {
  it('reads what people type as E.164, and refuses a number without a country code', () => {
    expect(e164('+86 138 0000 0000')).toBe('+8613800000000');
    expect(e164('0049 (30) 1234-5678')).toBe('+493012345678');
    expect(e164('+1.415.555.0100')).toBe('+14155550100');
    expect(e164('138 0000 0000')).toBeUndefined();
    expect(e164('+0 123 456 789')).toBeUndefined();
    expect(e164('+86 138 0000 0000 0000 0')).toBeUndefined();
  });

  it('publishes the text to the number itself, promotional, and retries throttling only', async () => {
    const { client, sent } = fakeSns([named('ThrottledException')]);
    await snsSmsSender({ client }).send(sms('+86 138 0000 0000'));
    expect(sent).toHaveLength(2);
    expect(sent[1]?.input).toEqual({
      PhoneNumber: '+8613800000000',
      Message: '春季优惠 退订: https://crm.test/u/t',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Promotional' } },
    });
    expect('TopicArn' in (sent[1]?.input ?? {})).toBe(false);

    const refused = fakeSns([named('InvalidParameterException')]);
    await expect(snsSmsSender({ client: refused.client }).send(sms('+8613800000000'))).rejects.toThrow(
      'InvalidParameterException',
    );
    expect(refused.sent).toHaveLength(1);
  });

  it('answers SNS’s MessageId, which the delivery status later names', async () => {
    const { client } = fakeSns();
    await expect(snsSmsSender({ client }).send(sms('+86 138 0000 0000'))).resolves.toEqual({
      messageId: 'msg-1',
    });
  });

  it('refuses a local number and any mail that is not a campaign SMS, sending nothing', async () => {
    const { client, sent } = fakeSns();
    await expect(snsSmsSender({ client }).send(sms('138 0000 0000'))).rejects.toThrow(/E\.164/);
    await expect(
      snsSmsSender({ client }).send({ ...sms('+8613800000000'), kind: 'campaign' }),
    ).rejects.toThrow(/campaign SMS only/);
    expect(sent).toHaveLength(0);
  });

  it('routes campaign SMS to the SMS sender and everything else to e-mail', async () => {
    const seen: string[] = [];
    const recorder = (name: string): Mailer => ({
      send: async (mail) => {
        seen.push(`${name}:${mail.kind}`);
      },
    });
    const both = channelMailer({ email: recorder('email'), sms: recorder('sms') });
    await both.send(sms('+8613800000000'));
    await both.send({ ...sms('a@example.com'), kind: 'campaign' });
    await channelMailer({ email: recorder('email') }).send(sms('+8613800000000'));
    expect(seen).toEqual(['sms:campaign-sms', 'email:campaign', 'email:campaign-sms']);
  });
});
