import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { renderMail } from '@crm/app';
import { MailSuppressionRepository } from '@crm/dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { uniqueEmail } from '../support/test-app.js';
import { testDynamoDbEndpoint, testTableClient, testTableName } from '../support/test-table.js';

type SesMailerModule = typeof import('@crm/functions/mail/ses-mailer');

function mail(to: string) {
  return {
    kind: 'password-reset' as const,
    to,
    ...renderMail('password-reset', 'en', {
      link: 'https://crm.example/reset-password?token=t',
      minutes: 30,
    }),
  };
}

function fakeSes(answers: (Error | undefined)[]) {
  const sent: SendEmailCommand[] = [];
  const client = {
    send: async (command: SendEmailCommand) => {
      sent.push(command);
      const answer = answers.shift();
      if (answer) throw answer;
    },
  } as unknown as SESv2Client;
  return { client, sent };
}

function sesError(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}

function snsEvent(message: unknown): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-1:1:t:s',
        Sns: {
          Type: 'Notification',
          MessageId: 'm1',
          TopicArn: 'arn:aws:sns:eu-west-1:1:t',
          Subject: '',
          Message: JSON.stringify(message),
          Timestamp: '2026-12-01T08:00:00.000Z',
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}

describe('mail through Amazon SES', () => {
  let sesMailer: SesMailerModule['sesMailer'];
  let handler: (event: SNSEvent) => Promise<void>;

  beforeAll(async () => {
    ({ sesMailer } = await import('@crm/functions/mail/ses-mailer'));
    vi.stubEnv('TABLE_NAME', testTableName());
    vi.stubEnv('DYNAMODB_ENDPOINT', testDynamoDbEndpoint());
    ({ handler } = await import('@crm/functions/mail/ses-notification'));
  });

  it('sends the rendered template as the configured sender through the configuration set', async () => {
    const ses = fakeSes([]);
    const to = uniqueEmail('reader');
    await sesMailer({
      from: 'CRM <no-reply@crm.example>',
      configurationSet: 'crm-prod',
      table: testTableClient(),
      client: ses.client,
    }).send(mail(to));
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]?.input).toMatchObject({
      FromEmailAddress: 'CRM <no-reply@crm.example>',
      ConfigurationSetName: 'crm-prod',
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: 'Reset your password' } } },
    });
  });

  it('retries SES throttling with backoff, but not other errors', async () => {
    const throttled = fakeSes([sesError('TooManyRequestsException'), sesError('TooManyRequestsException')]);
    const mailer = sesMailer({ from: 'a@crm.example', table: testTableClient(), client: throttled.client });
    await mailer.send(mail(uniqueEmail()));
    expect(throttled.sent).toHaveLength(3);

    const refused = fakeSes([sesError('MessageRejected')]);
    await expect(
      sesMailer({ from: 'a@crm.example', table: testTableClient(), client: refused.client }).send(
        mail(uniqueEmail()),
      ),
    ).rejects.toThrow('MessageRejected');
    expect(refused.sent).toHaveLength(1);
  });

  it('records permanent bounces and complaints, and sends no more mail to those addresses', async () => {
    const bounced = uniqueEmail('bounced');
    const complained = uniqueEmail('complained');
    const transient = uniqueEmail('full-mailbox');
    await handler(
      snsEvent({
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: bounced }],
        },
      }),
    );
    await handler(
      snsEvent({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: complained }] },
      }),
    );
    await handler(
      snsEvent({
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: transient }] },
      }),
    );
    // SNS delivers at least once: a repeat changes nothing.
    await handler(
      snsEvent({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: complained }] },
      }),
    );

    const suppressions = new MailSuppressionRepository(testTableClient());
    expect(await suppressions.get({ email: bounced })).toMatchObject({
      reason: 'bounce',
      detail: 'Permanent/General',
    });
    expect(await suppressions.get({ email: complained })).toMatchObject({ reason: 'complaint' });
    expect(await suppressions.get({ email: transient })).toBeUndefined();

    const ses = fakeSes([]);
    const mailer = sesMailer({ from: 'a@crm.example', table: testTableClient(), client: ses.client });
    await mailer.send(mail(bounced));
    await mailer.send(mail(complained));
    await mailer.send(mail(transient));
    expect(ses.sent.map((command) => command.input.Destination?.ToAddresses?.[0])).toEqual([transient]);
  });
});
