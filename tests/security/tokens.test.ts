import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  type SignedUpTenant,
  signUpTenant,
  testSigningKey,
} from '../support/test-app.js';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('tokens the API must refuse with 401', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    owner = await signUpTenant(app);
    claims = claimsOf(owner.accessToken);
  });

  async function signedByStranger(overrides: Record<string, unknown> = {}, alg = 'ES256'): Promise<string> {
    const { privateKey } = await generateKeyPair(alg);
    return new SignJWT({ ...claims, ...overrides }).setProtectedHeader({ alg }).sign(privateKey);
  }

  const cases: [string, () => Promise<string>][] = [
    ['forged: same claims, another key', () => signedByStranger()],
    ['forged with RS256', () => signedByStranger({}, 'RS256')],
    ['alg none', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`],
    [
      'tampered payload (tenant swapped) with the original signature',
      async () => {
        const [header, , signature] = owner.accessToken.split('.');
        return `${header}.${base64url({ ...claims, tid: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })}.${signature}`;
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  for (const [name, make] of cases) {
    it(`refuses ${name}`, async () => {
      const { status, body } = await call(app, 'GET', '/v1/me', {
        auth: { Authorization: `Bearer ${await make()}` },
      });
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 'unauthenticated', message: expect.any(String) } });
    });
  }

  async function signedByTheRealKey(overrides: Record<string, unknown>): Promise<string> {
    const key = await testSigningKey();
    return new SignJWT({ ...claims, ...overrides })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .sign(key.privateKey);
  }

  it('accepts a token signed by the real key with the right claims (the control case)', async () => {
    const token = await signedByTheRealKey({});
    expect((await call(app, 'GET', '/v1/me', { auth: { Authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
  });

  const badClaims: [string, Record<string, unknown>][] = [
    ['expired', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['from another issuer', { iss: 'someone-else' }],
    ['for another audience', { aud: 'another-api' }],
    ['with an unknown role', { role: 'superuser' }],
  ];
  for (const [name, overrides] of badClaims) {
    it(`refuses a token ${name}, even signed by the real key`, async () => {
      const token = await signedByTheRealKey(overrides);
      expect((await call(app, 'GET', '/v1/me', { auth: { Authorization: `Bearer ${token}` } })).status).toBe(
        401,
      );
    });
  }

  it('refuses a token once it has outlived its 15 minutes', async () => {
    const later = createTestApp({ clock: () => new Date(Date.now() + 16 * 60 * 1000) });
    expect((await call(later, 'GET', '/v1/me', { auth: owner.auth })).status).toBe(401);
  });
});
