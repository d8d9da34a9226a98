import { newId } from '@crm/domain';
import { MailOutboxRepository, type TableClient } from '@crm/dynamodb';
import type { Mailer } from './mailer.js';

/**
 * The local runtime's mailer: mails land in the table's outbox, where `/dev/mailbox` (any mail)
 * and `/v1/dev/outbox` (a tenant's admins) show them with their links. Nothing leaves the machine.
 */
export function outboxMailer({ table, clock }: { table: TableClient; clock: () => Date }): Mailer {
  const outbox = new MailOutboxRepository(table);
  return {
    async send(mail) {
      const id = newId();
      await outbox.add({
        ...(mail.tenantId ? { tenantId: mail.tenantId } : {}),
        mail: {
          id,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: mail.kind,
          createdAt: clock().toISOString(),
        },
      });
      // The mail's id stands for the provider's message id: /dev/mailbox reports an SMS failed by it.
      return { messageId: id };
    },
  };
}
