import { testCustomer } from '@crm/testing';
import { describe, expect, it } from 'vitest';
import { campaignMessage } from './campaign-message.js';

const base = {
  locale: 'en' as const,
  subject: { zh: '{{name}}，您好', en: 'Hello {{name}}' },
  body: { zh: '您好 {{name}}', en: 'Dear {{name}},\n\nour spring menu is here.' },
  tenantName: 'Noodle Bar',
  currency: 'CNY',
  unsubscribeLink: 'https://crm.test/u/TOKEN',
  to: 'diner@example.com',
  tenantId: '01JTENANT0000000000000000A',
};

describe('campaignMessage', () => {
  it('fills the placeholders, escapes the customer’s name in the HTML and ends with the unsubscribe link', () => {
    const mail = campaignMessage({
      ...base,
      channel: 'email',
      customer: testCustomer({ name: '<b>Li</b> & Co' }),
    });
    expect(mail).toMatchObject({
      kind: 'campaign',
      to: 'diner@example.com',
      subject: 'Hello <b>Li</b> & Co',
    });
    expect(mail.text).toBe(
      'Dear <b>Li</b> & Co,\n\nour spring menu is here.\n\nUnsubscribe: https://crm.test/u/TOKEN',
    );
    expect(mail.html).toContain('<p>Dear &#60;b&#62;Li&#60;/b&#62; &#38; Co,</p>');
    expect(mail.html).not.toContain('<b>Li</b>');
    expect(mail.html).toContain('<a href="https://crm.test/u/TOKEN">Unsubscribe</a>');
  });

  it('sends an SMS as the outbox kind campaign-sms, text only, in the chosen language, with the link', () => {
    const sms = campaignMessage({
      ...base,
      locale: 'zh',
      channel: 'sms',
      to: '+86 138 0000 0000',
      customer: testCustomer({ name: '王记' }),
    });
    expect(sms).toMatchObject({ kind: 'campaign-sms', to: '+86 138 0000 0000' });
    expect(sms.text).toBe('您好 王记 退订: https://crm.test/u/TOKEN');
  });
});
