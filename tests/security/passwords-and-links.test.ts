import { DEMO_PASSWORD } from '@crm/local/demo';
import { describe, expect, it } from 'vitest';
import { latestMail, mailedToken } from '../support/mailbox.js';
import {
  call,
  createTestApp,
  signUpTenant,
  TEST_PASSWORD,
  TEST_PUBLIC_URL,
  uniqueEmail,
} from '../support/test-app.js';

describe('finding 11: passwords follow NIST SP 800-63B', () => {
  const app = createTestApp();
  const signup = (password: string) =>
    call(app, 'POST', '/v1/auth/signup', { body: { tenantName: 'T', email: uniqueEmail(), password } });

  for (const [name, password] of [
    ['ten spaces', '          '],
    ['ten tabs and spaces', '\t \t \t \t \t '],
    ['a common password', '1234567890'],
    ['a common password in capitals', 'QWERTYUIOP'],
    ['nine characters', 'a9b8c7d6e'],
  ] as const) {
    it(`refuses ${name} with a field-level 400`, async () => {
      const { status, body } = await signup(password);
      expect(status).toBe(400);
      expect((body.error as { fields: { path: string }[] }).fields.map((field) => field.path)).toContain(
        'password',
      );
    });
  }

  it('accepts a long passphrase without composition rules, and the seeds’ passwords', async () => {
    expect((await signup('correct horse battery staple')).status).toBe(201);
    expect((await signup(TEST_PASSWORD)).status).toBe(201);
    expect((await signup(DEMO_PASSWORD)).status).toBe(201);
  });

  it('applies the same rules to a password reset', async () => {
    const owner = await signUpTenant(app);
    await call(app, 'POST', '/v1/auth/password-reset/request', { body: { email: owner.email } });
    const token = await mailedToken(owner.email, 'reset-password');
    const reset = await call(app, 'POST', '/v1/auth/password-reset', {
      body: { token, password: '1234567890' },
    });
    expect(reset.status).toBe(400);
  });
});

describe('finding 10: links in mails use the configured public URL, never the Host header', () => {
  const app = createTestApp();

  it('ignores a forged Host header on an invitation', async () => {
    const owner = await signUpTenant(app);
    const email = uniqueEmail('invitee');
    const invite = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      headers: { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' },
      body: { email, role: 'member' },
    });
    expect(invite.status).toBe(201);
    const mail = await latestMail(email, 'invitation');
    expect(mail?.text).toContain(`${TEST_PUBLIC_URL}/accept-invitation?token=`);
    expect(`${mail?.text}${mail?.html}`).not.toContain('evil.example');
  });

  it('ignores a forged Host header on reset and confirmation mails', async () => {
    const email = uniqueEmail('person');
    const created = await call(app, 'POST', '/v1/auth/signup', {
      headers: { Host: 'evil.example' },
      body: { tenantName: 'T', email, password: TEST_PASSWORD },
    });
    expect(created.status).toBe(201);
    await call(app, 'POST', '/v1/auth/password-reset/request', {
      headers: { Host: 'evil.example' },
      body: { email },
    });
    for (const kind of ['verify-email', 'password-reset']) {
      const mail = await latestMail(email, kind);
      expect(mail?.text).toContain(TEST_PUBLIC_URL);
      expect(mail?.text).not.toContain('evil.example');
    }
  });
});

describe('the local mailbox page', () => {
  const app = createTestApp();

  it('lists mails with their links, escaping what a tenant name could inject', async () => {
    const owner = await signUpTenant(app, '<img src=x onerror=alert(1)>');
    const email = uniqueEmail('invitee');
    await call(app, 'POST', '/v1/users/invitations', { auth: owner.auth, body: { email, role: 'member' } });
    const response = await app.request('/dev/mailbox');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`To ${email}`);
    expect(page).toMatch(
      new RegExp(`<a href="${TEST_PUBLIC_URL}/accept-invitation\\?token=[A-Za-z0-9_-]+">`),
    );
    expect(page).not.toContain('<img src=x');
  });
});
