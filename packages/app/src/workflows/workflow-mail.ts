import type { workflowMailTemplates } from '@crm/domain';
import type { OutgoingMail } from '../mail/mailer.js';

type Template = (typeof workflowMailTemplates)[number];

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const copies: Record<
  Template,
  (p: { customerName: string; tenantName: string }) => { subject: string; lines: string[] }
> = {
  complaint_acknowledgement: (p) => ({
    subject: `您的投诉已收到 · We have received your complaint — ${p.tenantName}`,
    lines: [
      `${p.customerName}，您好：`,
      `我们已收到您的投诉，${p.tenantName} 会尽快处理，并在处理的每一步与您联系。`,
      '',
      `Dear ${p.customerName},`,
      `we have received your complaint. ${p.tenantName} is handling it and will keep you informed at every step.`,
    ],
  }),
  customer_notice: (p) => ({
    subject: `${p.tenantName} 通知 · A note from ${p.tenantName}`,
    lines: [`${p.customerName}，您好：`, '', `Dear ${p.customerName},`],
  }),
};

/**
 * The mails a workflow may send a customer, in Chinese and English together (the customer's
 * language is not known). Only these templates exist: a workflow picks one and may add a line,
 * which is escaped like every value.
 */
export function renderWorkflowMail(
  template: Template,
  params: { customerName: string; tenantName: string; note?: string | undefined },
): Pick<OutgoingMail, 'subject' | 'text' | 'html'> {
  const copy = copies[template](params);
  const lines = params.note ? [...copy.lines, '', params.note] : copy.lines;
  return {
    subject: copy.subject,
    text: lines.join('\n'),
    html: lines.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : '')).join('\n'),
  };
}
