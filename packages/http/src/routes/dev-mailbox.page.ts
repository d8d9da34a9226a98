import type { Services } from '@crm/app';
import { parseSmsDeliveryLog, smsDeliveryOutcome } from '@crm/domain';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../app-env.js';

const LINK = /https?:\/\/[^\s)）]+/g;

/**
 * What a developer can make SNS say about a campaign SMS: the provider responses SNS logs, one that
 * suppresses the number (it never takes SMS) and one that only bounces the message.
 */
const SMS_FAILURES = ['Invalid phone number', 'Phone is currently unreachable/unavailable'] as const;

/**
 * Local mode only: `/dev/mailbox`, every mail the outbox mailer kept (verification, password
 * reset, invitations, sign-up notices) with its links, newest first. It needs no token (a person
 * resetting a password has none), which is why only the local runtime and tests mount it. A
 * campaign SMS can be marked failed there, as SNS's delivery status would report it.
 */
export function devMailboxPage(services: Services) {
  return new Hono<AppEnv>()
    .post('/dev/mailbox/sms-status', async (c) => {
      // The local stand-in for SNS's delivery status log: the same line, read by the same parser
      // and decision, into the same service as the Lambda subscribed to the log groups in AWS.
      const form = await c.req.parseBody();
      const messageId = typeof form.messageId === 'string' ? form.messageId : '';
      const destination = typeof form.to === 'string' ? form.to : '';
      const response = SMS_FAILURES.find((failure) => failure === form.response);
      const log = parseSmsDeliveryLog(
        JSON.stringify({
          notification: { messageId, timestamp: new Date().toISOString() },
          delivery: { destination, providerResponse: response },
          status: 'FAILURE',
        }),
      );
      if (!log || !response) return c.text('messageId, to and a known response are required', 400);
      await services.smsDelivery.record(smsDeliveryOutcome(log));
      return c.redirect('/dev/mailbox', 303);
    })
    .get('/dev/mailbox', async (c) => {
      const mails = await services.users.mailbox();
      c.header('Cache-Control', 'no-store');
      return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Local mailbox · 本地邮箱</title>
    <style>
      body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
      article { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; padding: 0.5rem 1rem; }
      pre { white-space: pre-wrap; }
    </style>
  </head>
  <body>
    <h1>Local mailbox · 本地邮箱</h1>
    <p>What the local runtime would have sent (${mails.length}); in AWS these leave through Amazon SES (SMS through Amazon SNS). A campaign SMS can be marked failed as SNS's delivery status would report it.</p>
    ${mails.map(
      (mail) => html`<article>
        <h2>${mail.subject}</h2>
        <p>To ${mail.to} · ${mail.createdAt}${mail.kind ? html` · ${mail.kind}` : ''}</p>
        <ul>
          ${[...new Set(mail.text.match(LINK) ?? [])].map((link) => html`<li><a href="${link}">${link}</a></li>`)}
        </ul>
        <pre>${mail.text}</pre>
        ${
          mail.kind === 'campaign-sms'
            ? html`<form method="post" action="/dev/mailbox/sms-status">
                <input type="hidden" name="messageId" value="${mail.id}" />
                <input type="hidden" name="to" value="${mail.to}" />
                <label>SNS reports · 短信状态
                  <select name="response">
                    ${SMS_FAILURES.map((failure) => html`<option value="${failure}">${failure}</option>`)}
                  </select>
                </label>
                <button type="submit">Mark SMS failed · 标记发送失败</button>
              </form>`
            : ''
        }
      </article>`,
    )}
  </body>
</html>`);
    });
}
