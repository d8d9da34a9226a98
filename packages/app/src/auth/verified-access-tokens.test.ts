import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-token.js';
import {
  generateStoredSigningKey,
  importStoredSigningKey,
  RETIRED_KEY_GRACE_SECONDS,
  rotateStoredSigningKey,
  type SigningKey,
} from './signing-key.js';
import { VerifiedAccessTokens } from './verified-access-tokens.js';

const principal = { kind: 'user', tenantId: 'T1', userId: 'U1', role: 'owner' } as const;
const issuedAt = new Date('2026-12-01T10:00:00Z');
const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

/** A provider whose key the test replaces. */
async function keyHolder() {
  const stored = await generateStoredSigningKey();
  let key: SigningKey = await importStoredSigningKey(stored);
  return {
    stored,
    provider: async () => key,
    use: (next: SigningKey) => {
      key = next;
    },
  };
}

describe('VerifiedAccessTokens', () => {
  it('checks a token’s signature once, then knows it by its exact text', async () => {
    const keys = await keyHolder();
    const tokens = new VerifiedAccessTokens(keys.provider);
    const token = await issueAccessToken(keys.provider, principal, issuedAt);
    expect(await tokens.verify(token, later(1))).toEqual(principal);
    // The same kid now names a key that did not sign the token: only a kept token still passes.
    const impostor = await importStoredSigningKey({
      ...(await generateStoredSigningKey()),
      kid: keys.stored.kid,
    });
    keys.use(impostor);
    expect(await tokens.verify(token, later(2))).toEqual(principal);
    expect(await new VerifiedAccessTokens(keys.provider).verify(token, later(2))).toBeUndefined();
  });

  it('refuses a kept token once it expires', async () => {
    const keys = await keyHolder();
    const tokens = new VerifiedAccessTokens(keys.provider);
    const token = await issueAccessToken(keys.provider, principal, issuedAt);
    expect(await tokens.verify(token, later(ACCESS_TOKEN_TTL_SECONDS - 1))).toEqual(principal);
    expect(await tokens.verify(token, later(ACCESS_TOKEN_TTL_SECONDS))).toBeUndefined();
  });

  it('refuses a kept token whose key is no longer accepted (a rotation’s grace ended)', async () => {
    const keys = await keyHolder();
    const first = await keys.provider();
    const rotatedAt = later(60);
    keys.use(await importStoredSigningKey(await rotateStoredSigningKey(keys.stored, rotatedAt)));
    const tokens = new VerifiedAccessTokens(keys.provider);
    // Signed with the retired key a minute before its grace ends (by a process that has not seen
    // the rotation): verified within the grace, and kept…
    const graceEnds = rotatedAt.getTime() + RETIRED_KEY_GRACE_SECONDS * 1000;
    const lateToken = await issueAccessToken(async () => first, principal, new Date(graceEnds - 60_000));
    expect(await tokens.verify(lateToken, new Date(graceEnds - 30_000))).toEqual(principal);
    // …refused once the grace is over, though the token itself has not expired yet.
    expect(await tokens.verify(lateToken, new Date(graceEnds + 1000))).toBeUndefined();
  });

  it('keeps no failed token, and a tampered copy of a kept one fails', async () => {
    const keys = await keyHolder();
    const tokens = new VerifiedAccessTokens(keys.provider);
    const token = await issueAccessToken(keys.provider, principal, issuedAt);
    expect(await tokens.verify(token, later(1))).toEqual(principal);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = [
      header,
      Buffer.from(JSON.stringify({ ...claims, tid: 'T2' })).toString('base64url'),
      signature,
    ].join('.');
    expect(await tokens.verify(forged, later(1))).toBeUndefined();
    expect(await tokens.verify('not-a-token', later(1))).toBeUndefined();
    expect(await tokens.verify(token, later(1))).toEqual(principal);
  });

  it('keeps at most maxEntries tokens, dropping the oldest, and still verifies a dropped one', async () => {
    const keys = await keyHolder();
    const tokens = new VerifiedAccessTokens(keys.provider, { maxEntries: 2 });
    const issued = await Promise.all(
      ['U1', 'U2', 'U3'].map((userId) => issueAccessToken(keys.provider, { ...principal, userId }, issuedAt)),
    );
    for (const token of issued) await tokens.verify(token, later(1));
    const first = issued[0] as string;
    // The first was dropped: it is verified again, so a key that no longer matches refuses it.
    const impostor = await importStoredSigningKey({
      ...(await generateStoredSigningKey()),
      kid: keys.stored.kid,
    });
    keys.use(impostor);
    expect(await tokens.verify(first, later(2))).toBeUndefined();
    expect(await tokens.verify(issued[2] as string, later(2))).toMatchObject({ userId: 'U3' });
  });
});
