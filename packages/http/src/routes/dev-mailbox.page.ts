import type { Services } from '@crm/app';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../app-env.js';

const LINK = /https?:\/\/[^\s)）]+/g;

/**
 * Local mode only: `/dev/mailbox`, every mail the outbox mailer kept (verification, password
 * reset, invitations, sign-up notices) with its links, newest first. It needs no token (a person
 * resetting a password has none), which is why only the local runtime and tests mount it.
 */
export function devMailboxPage(services: Services) {
  return new Hono<AppEnv>().get('/dev/mailbox', async (c) => {
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
    <p>What the local runtime would have sent (${mails.length}); in AWS these leave through Amazon SES.</p>
    ${mails.map(
      (mail) => html`<article>
        <h2>${mail.subject}</h2>
        <p>To ${mail.to} · ${mail.createdAt}${mail.kind ? html` · ${mail.kind}` : ''}</p>
        <ul>
          ${[...new Set(mail.text.match(LINK) ?? [])].map((link) => html`<li><a href="${link}">${link}</a></li>`)}
        </ul>
        <pre>${mail.text}</pre>
      </article>`,
    )}
  </body>
</html>`);
  });
}
