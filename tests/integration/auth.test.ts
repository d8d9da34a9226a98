import { beforeAll, describe, expect, it } from 'vitest';
import { mailedToken } from '../support/mailbox.js';
import { call, createTestApp, signUpTenant, TEST_PASSWORD, uniqueEmail } from '../support/test-app.js';

describe('sign-up', () => {
  const app = createTestApp();

  it('creates the tenant and its owner and returns tokens at the top level', async () => {
    const email = uniqueEmail();
    const { status, body } = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: '王记米店', email, password: TEST_PASSWORD, locale: 'zh-CN' },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      tenant: { name: '王记米店', version: 1, settings: { locale: 'zh-CN' } },
      user: { email, role: 'owner', status: 'active' },
      tokenType: 'Bearer',
    });
    expect(typeof body.accessToken).toBe('string');
    expect(typeof body.refreshToken).toBe('string');
  });

  it('answers bad e-mail, weak password and unknown fields with field-level 400s', async () => {
    const { status, body } = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: 'X', email: 'not-an-email', password: 'short', tenantId: 'evil' },
    });
    expect(status).toBe(400);
    const fields = (body.error as { fields: { path: string }[] }).fields.map((field) => field.path);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'tenantId']));
  });

  it('gives each field issue of a bad body its code and bounds, for the SPA to word', async () => {
    const { status, body } = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: '', email: 'not-an-email', password: 'short', locale: 'fr', tenantId: 'evil' },
    });
    expect(status).toBe(400);
    expect((body.error as { fields: unknown[] }).fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'tenantName', code: 'too_small', origin: 'string', minimum: 1 }),
        expect.objectContaining({ path: 'email', code: 'invalid_format', format: 'email' }),
        expect.objectContaining({ path: 'password', code: 'too_small', minimum: 10 }),
        expect.objectContaining({ path: 'locale', code: 'invalid_value', values: ['zh-CN', 'en'] }),
        expect.objectContaining({ path: 'tenantId', code: 'unrecognized_keys', message: expect.any(String) }),
      ]),
    );
  });

  it('answers malformed JSON with a 400 in the error shape', async () => {
    const response = await app.request('/v1/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"tenantName":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  });

  it('answers an existing e-mail with check-email and creates nothing for a wrong password', async () => {
    const owner = await signUpTenant(app);
    const { status, body } = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: 'Second', email: owner.email, password: 'another-password-1' },
    });
    expect(status).toBe(202);
    expect(body).toMatchObject({ status: 'check-email' });
    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
  });
});

describe('login, refresh and logout', () => {
  const app = createTestApp();

  it('logs in and reads /v1/me', async () => {
    const owner = await signUpTenant(app);
    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const me = await call(app, 'GET', '/v1/me', {
      auth: { Authorization: `Bearer ${login.body.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'owner',
      tenant: { id: owner.tenantId },
      user: { id: owner.userId },
    });
  });

  it('asks which tenant when the person belongs to several, and logs into the one named', async () => {
    const owner = await signUpTenant(app, 'First');
    const verified = await call(app, 'POST', '/v1/auth/verify-email', {
      body: { token: await mailedToken(owner.email, 'verify-email') },
    });
    expect(verified.status).toBe(204);
    const second = await call(app, 'POST', '/v1/auth/signup', {
      body: { tenantName: 'Second', email: owner.email, password: TEST_PASSWORD },
    });
    expect(second.status).toBe(202);
    const ambiguous = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(ambiguous.status).toBe(409);
    const tenants = (ambiguous.body.error as { details: { tenants: { tenantId: string }[] } }).details
      .tenants;
    expect(tenants).toHaveLength(2);
    expect(tenants.map((tenant) => tenant.tenantId)).toContain(owner.tenantId);
    const chosen = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD, tenantId: owner.tenantId },
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.tenant).toMatchObject({ id: owner.tenantId });
  });

  it('throttles after 5 failed logins with 429 and Retry-After, even for the right password', async () => {
    const owner = await signUpTenant(app);
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await call(app, 'POST', '/v1/auth/login', {
        body: { email: owner.email, password: 'wrong-password!' },
      });
      expect(failed.status).toBe(401);
    }
    const throttled = await call(app, 'POST', '/v1/auth/login', {
      body: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const owner = await signUpTenant(app);
    const first = await call(app, 'POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(owner.refreshToken);
    const replay = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    expect(replay.status).toBe(401);
    const afterRevocation = await call(app, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(afterRevocation.status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const owner = await signUpTenant(app);
    expect(
      (await call(app, 'POST', '/v1/auth/logout', { body: { refreshToken: owner.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await call(app, 'POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status,
    ).toBe(401);
  });

  it('answers a missing token with 401 in the error shape', async () => {
    const { status, body } = await call(app, 'GET', '/v1/me');
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });
});

describe('users, roles and invitations', () => {
  const app = createTestApp();
  let owner: Awaited<ReturnType<typeof signUpTenant>>;

  beforeAll(async () => {
    owner = await signUpTenant(app);
  });

  async function inviteAndAccept(role: 'admin' | 'member' | 'partner') {
    const email = uniqueEmail(role);
    const invite = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email, role },
    });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ email, role, status: 'invited' });
    const outbox = await call(app, 'GET', '/v1/dev/outbox', { auth: owner.auth });
    const mail = (outbox.body.items as { to: string; text: string }[]).find((item) => item.to === email);
    const token = /token: (\S+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD, name: `A ${role}` },
    });
    expect(accepted.status).toBe(200);
    const reused = await call(app, 'POST', '/v1/auth/accept-invitation', {
      body: { token, password: TEST_PASSWORD },
    });
    expect(reused.status).toBe(401);
    return {
      email,
      userId: (invite.body as { id: string }).id,
      auth: { Authorization: `Bearer ${accepted.body.accessToken}` },
    };
  }

  it('invites a member by a one-time link; the member works but cannot manage', async () => {
    const member = await inviteAndAccept('member');
    expect((await call(app, 'GET', '/v1/me', { auth: member.auth })).body).toMatchObject({ role: 'member' });
    expect((await call(app, 'GET', '/v1/tenant', { auth: member.auth })).status).toBe(200);
    const patch = await call(app, 'PATCH', '/v1/tenant', {
      auth: member.auth,
      body: { name: 'x', version: 1 },
    });
    expect(patch.status).toBe(403);
    expect((await call(app, 'GET', '/v1/users', { auth: member.auth })).status).toBe(403);
    expect(
      (await call(app, 'POST', '/v1/api-keys', { auth: member.auth, body: { name: 'k', scope: 'read' } }))
        .status,
    ).toBe(403);
  });

  it('refuses to invite an e-mail that is already a user of the tenant', async () => {
    const { status, body } = await call(app, 'POST', '/v1/users/invitations', {
      auth: owner.auth,
      body: { email: owner.email, role: 'member' },
    });
    expect(status).toBe(400);
    expect((body.error as { fields: { path: string }[] }).fields[0]?.path).toBe('email');
  });

  it('lets admins change roles with versions, but never create owners or touch themselves', async () => {
    const admin = await inviteAndAccept('admin');
    const member = await inviteAndAccept('member');
    const current = await call(app, 'GET', `/v1/users/${member.userId}`, { auth: admin.auth });
    const version = current.body.version as number;
    const promoted = await call(app, 'PATCH', `/v1/users/${member.userId}`, {
      auth: admin.auth,
      headers: { 'If-Match': String(version) },
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'admin', version: version + 1 });
    const stale = await call(app, 'PATCH', `/v1/users/${member.userId}`, {
      auth: admin.auth,
      headers: { 'If-Match': String(version) },
      body: { name: 'Stale' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: { current: { version: version + 1 } },
    });
    const toOwner = await call(app, 'PATCH', `/v1/users/${member.userId}`, {
      auth: admin.auth,
      body: { role: 'owner', version: version + 1 },
    });
    expect(toOwner.status).toBe(403);
    const self = await call(app, 'PATCH', `/v1/users/${admin.userId}`, {
      auth: admin.auth,
      body: { role: 'member', version: 2 },
    });
    expect(self.status).toBe(403);
  });

  it('a disabled user can no longer log in', async () => {
    const member = await inviteAndAccept('member');
    const user = await call(app, 'GET', `/v1/users/${member.userId}`, { auth: owner.auth });
    const disabled = await call(app, 'PATCH', `/v1/users/${member.userId}`, {
      auth: owner.auth,
      body: { status: 'disabled', version: user.body.version },
    });
    expect(disabled.status).toBe(200);
    const login = await call(app, 'POST', '/v1/auth/login', {
      body: { email: member.email, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(401);
  });
});

describe('tenant settings', () => {
  const app = createTestApp();

  it('needs a version, bumps it, and refuses a stale one', async () => {
    const owner = await signUpTenant(app);
    expect(
      (await call(app, 'PATCH', '/v1/tenant', { auth: owner.auth, body: { name: 'Renamed' } })).status,
    ).toBe(428);
    const renamed = await call(app, 'PATCH', '/v1/tenant', {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Renamed', settings: { locale: 'en' } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Renamed',
      version: 2,
      settings: { locale: 'en', defaultCurrency: 'CNY' },
    });
    const stale = await call(app, 'PATCH', '/v1/tenant', {
      auth: owner.auth,
      headers: { 'If-Match': '1' },
      body: { name: 'Lost' },
    });
    expect(stale.status).toBe(409);
  });
});

describe('API keys', () => {
  const app = createTestApp();

  it('are shown once, authenticate like tokens, honour scope, and stop working when revoked', async () => {
    const owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: 'ERP sync', scope: 'read' },
    });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^crm_/);
    const keyAuth = { Authorization: `Bearer ${key}` };

    const me = await call(app, 'GET', '/v1/me', { auth: keyAuth });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ tenant: { id: owner.tenantId }, apiKey: { scope: 'read' } });
    expect(
      (await call(app, 'PATCH', '/v1/tenant', { auth: keyAuth, body: { name: 'x', version: 1 } })).status,
    ).toBe(403);

    const listed = await call(app, 'GET', '/v1/api-keys', { auth: owner.auth });
    const item = (listed.body.items as Record<string, unknown>[])[0];
    expect(item).toMatchObject({ name: 'ERP sync', scope: 'read', lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('.')[2]);
    expect(item).not.toHaveProperty('secretHash');

    expect((await call(app, 'DELETE', `/v1/api-keys/${created.body.id}`, { auth: owner.auth })).status).toBe(
      204,
    );
    expect((await call(app, 'GET', '/v1/me', { auth: keyAuth })).status).toBe(401);
  });

  it('refuse a key with a tampered secret', async () => {
    const owner = await signUpTenant(app);
    const created = await call(app, 'POST', '/v1/api-keys', {
      auth: owner.auth,
      body: { name: 'k', scope: 'write' },
    });
    const tampered = `${(created.body.key as string).slice(0, -2)}xx`;
    expect((await call(app, 'GET', '/v1/me', { auth: { Authorization: `Bearer ${tampered}` } })).status).toBe(
      401,
    );
  });
});
