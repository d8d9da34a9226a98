import { locales } from '@crm/domain';
import { describe, expect, it } from 'vitest';
import { renderMail } from './mail-templates.js';

describe('renderMail', () => {
  it('renders every mail in both languages with its link in text and html', () => {
    for (const locale of locales) {
      const link = 'https://crm.example/reset-password?token=abc';
      const mail = renderMail('password-reset', locale, { link, minutes: 30 });
      expect(mail.subject.length).toBeGreaterThan(0);
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
    }
  });

  it('escapes what a tenant name could smuggle into the html', () => {
    const mail = renderMail('invitation', 'en', {
      tenantName: '<script>alert(1)</script>',
      link: 'https://crm.example/accept-invitation?token=t',
      token: 't',
      days: 7,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });
});
