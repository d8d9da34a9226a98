import { MailOutboxRepository, type TableClient } from '@crm/dynamodb';
import { testTableClient } from './test-table.js';

/**
 * The newest mail to `to` in the outbox the test app's mailer writes (the local runtime's
 * mailbox), optionally of one kind.
 */
export async function latestMail(to: string, kind?: string) {
  const mails = await new MailOutboxRepository(testTableClient()).listPlatform({ limit: 10_000 });
  return mails.find((mail) => mail.to === to && (kind === undefined || mail.kind === kind));
}

/**
 * The token of the newest mailed link to `<public URL>/<path>?token=…` for `to` (in `table`'s
 * outbox when the suite has its own table).
 */
export async function mailedToken(
  to: string,
  path: string,
  table?: TableClient,
): Promise<string | undefined> {
  const mails = await new MailOutboxRepository(table ?? testTableClient()).listPlatform({ limit: 10_000 });
  const pattern = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`);
  for (const mail of mails) {
    if (mail.to !== to) continue;
    const token = pattern.exec(mail.text)?.[1];
    if (token) return token;
  }
  return undefined;
}
