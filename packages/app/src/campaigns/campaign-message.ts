import {
  type CampaignChannel,
  type CampaignPlaceholder,
  type Customer,
  placeholderValues,
  renderCampaignText,
} from '@crm/domain';
import type { OutgoingMail } from '../mail/mailer.js';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const unsubscribeLabel = { zh: '退订', en: 'Unsubscribe' } as const;

export type CampaignMessageInput = {
  channel: CampaignChannel;
  locale: 'zh' | 'en';
  subject?: { zh: string; en: string } | undefined;
  body: { zh: string; en: string };
  customer: Customer;
  tenantName: string;
  currency: string;
  /** The customer's own unsubscribe link; every marketing message carries one. */
  unsubscribeLink: string;
};

/** The rendered subject (null for an SMS) and text, placeholders filled for this customer. */
export function renderCampaignMessage(input: Omit<CampaignMessageInput, 'unsubscribeLink'>): {
  subject: string | null;
  text: string;
} {
  const values: Record<CampaignPlaceholder, string> = placeholderValues(input.customer, {
    tenantName: input.tenantName,
    locale: input.locale,
    currency: input.currency,
  });
  return {
    subject:
      input.channel === 'email' && input.subject
        ? renderCampaignText(input.subject[input.locale], values)
        : null,
    text: renderCampaignText(input.body[input.locale], values),
  };
}

/**
 * The message as the outbox takes it: an e-mail (text and escaped HTML, the unsubscribe link at
 * the end) or an SMS (kind `campaign-sms`, text only, the link appended), to `to`.
 */
export function campaignMessage(
  input: CampaignMessageInput & { to: string; tenantId: string },
): OutgoingMail {
  const { subject, text } = renderCampaignMessage(input);
  const label = unsubscribeLabel[input.locale];
  if (input.channel === 'sms') {
    const sms = `${text} ${label}: ${input.unsubscribeLink}`;
    return {
      kind: 'campaign-sms',
      to: input.to,
      tenantId: input.tenantId,
      subject: `SMS · ${input.tenantName}`,
      text: sms,
      html: `<p>${escapeHtml(sms)}</p>`,
    };
  }
  return {
    kind: 'campaign',
    to: input.to,
    tenantId: input.tenantId,
    subject: subject ?? input.tenantName,
    text: `${text}\n\n${label}: ${input.unsubscribeLink}`,
    html: [
      ...text.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
      `<p><small><a href="${escapeHtml(input.unsubscribeLink)}">${label}</a></small></p>`,
    ].join('\n'),
  };
}
