/** What each mail is for: adapters may route or tag by it (SES adds it as a message tag). */
export type MailKind =
  | 'invitation'
  | 'verify-email'
  | 'password-reset'
  | 'signup-existing-account'
  /** A satisfaction survey's personal link, sent to a customer (surveys/survey.service.ts). */
  | 'survey'
  /** Sent by a tenant's workflow to its customer (workflows/workflow-mail.ts). */
  | 'workflow'
  /** A marketing campaign's e-mail to a customer (campaigns/campaign.service.ts). */
  | 'campaign'
  /** A campaign's SMS: the same outbox, `to` is a phone number (the dev mailbox shows it). */
  | 'campaign-sms';

/** A rendered mail (mail-templates.ts), the same whichever adapter sends it. */
export type OutgoingMail = {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The tenant the mail is about, when there is one: the local outbox files it there. */
  tenantId?: string;
};

/**
 * The port every mail leaves through. Adapters: the local runtime's dev outbox
 * (outbox-mailer.ts, the default) and Amazon SES in AWS (functions/mail/ses-mailer.ts).
 */
export type Mailer = {
  // biome-ignore lint/suspicious/noConfusingVoidType: an adapter with no message id to report (SES, tests) returns nothing.
  send(mail: OutgoingMail): Promise<MailReceipt | void>;
};

/**
 * What an adapter says about a message it took: the provider's id for it (SNS's MessageId of an
 * SMS; the local outbox's mail id), which a later delivery status names.
 */
export type MailReceipt = { messageId?: string | undefined };
