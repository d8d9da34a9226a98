import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-token.js';
import {
  FRESH_LOAD_INTERVAL_SECONDS,
  generateStoredSigningKey,
  KEY_CACHE_SECONDS,
  persistentSigningKey,
  RETIRED_KEY_GRACE_SECONDS,
  rotateStoredSigningKey,
  type StoredSigningKey,
} from './signing-key.js';

const principal = { kind: 'user', tenantId: 'T1', userId: 'U1', role: 'owner' } as const;
const at = (iso: string) => new Date(iso);

/** A store in memory that counts its reads, with a clock the test moves. */
function memoryStore(initial: StoredSigningKey) {
  let stored = initial;
  let loads = 0;
  let now = Date.parse('2026-12-01T10:00:00Z');
  const provider = persistentSigningKey(
    {
      load: async () => {
        loads += 1;
        return stored;
      },
      save: async (key) => {
        stored = key;
      },
    },
    () => now,
  );
  return {
    provider,
    loads: () => loads,
    replace: (next: StoredSigningKey) => {
      stored = next;
    },
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

describe('signing key rotation', () => {
  it('keeps a retired key verifying longer than a token signed at the last moment can live', () => {
    expect(RETIRED_KEY_GRACE_SECONDS).toBeGreaterThan(ACCESS_TOKEN_TTL_SECONDS + KEY_CACHE_SECONDS);
  });

  it('keeps only the public half of the key it replaces', async () => {
    const first = await generateStoredSigningKey();
    const rotated = await rotateStoredSigningKey(first, at('2026-12-01T10:00:00Z'));
    expect(rotated.kid).not.toBe(first.kid);
    expect(rotated.previous).toEqual({
      kid: first.kid,
      publicJwk: first.publicJwk,
      retiredAt: '2026-12-01T10:00:00.000Z',
    });
    expect(JSON.stringify(rotated.previous)).not.toContain(String(first.privateJwk.d));
  });

  it('verifies a token of the retired key during the grace period and refuses it after', async () => {
    const first = await generateStoredSigningKey();
    const store = memoryStore(first);
    const issuedAt = at('2026-12-01T10:00:00Z');
    const oldToken = await issueAccessToken(store.provider, principal, issuedAt);

    const rotatedAt = at('2026-12-01T10:05:00Z');
    store.replace(await rotateStoredSigningKey(first, rotatedAt));
    store.advance(KEY_CACHE_SECONDS); // the process reads the rotated key
    const newToken = await issueAccessToken(store.provider, principal, rotatedAt);
    expect(newToken).not.toBe(oldToken);

    // Within its own lifetime, the old token still verifies with the retired key…
    expect(await verifyAccessToken(store.provider, oldToken, at('2026-12-01T10:14:00Z'))).toMatchObject({
      userId: 'U1',
    });
    // …and a token of the retired key is refused once the grace is over, even if otherwise valid.
    const lateSigner = await issueAccessToken(
      memoryStore(first).provider,
      principal,
      new Date(rotatedAt.getTime() + RETIRED_KEY_GRACE_SECONDS * 1000 - 60_000),
    );
    const afterGrace = new Date(rotatedAt.getTime() + RETIRED_KEY_GRACE_SECONDS * 1000 + 1000);
    expect(await verifyAccessToken(store.provider, lateSigner, afterGrace)).toBeUndefined();
    expect(await verifyAccessToken(store.provider, newToken, at('2026-12-01T10:10:00Z'))).toMatchObject({
      userId: 'U1',
    });
  });

  it('reads the store again when a token names a key it has not seen, but not for every such token', async () => {
    const first = await generateStoredSigningKey();
    const reader = memoryStore(first);
    const now = at('2026-12-01T10:00:00Z');
    await reader.provider();
    expect(reader.loads()).toBe(1);

    // Another process rotated the key and signs with the new one.
    const rotated = await rotateStoredSigningKey(first, now);
    reader.replace(rotated);
    const signer = memoryStore(rotated);
    const token = await issueAccessToken(signer.provider, principal, now);
    reader.advance(FRESH_LOAD_INTERVAL_SECONDS);
    expect(await verifyAccessToken(reader.provider, token, now)).toMatchObject({ userId: 'U1' });
    expect(reader.loads()).toBe(2);

    // Unknown kids right after do not reach the store again.
    const stranger = memoryStore(await generateStoredSigningKey());
    const forged = await issueAccessToken(stranger.provider, principal, now);
    expect(await verifyAccessToken(reader.provider, forged, now)).toBeUndefined();
    expect(await verifyAccessToken(reader.provider, forged, now)).toBeUndefined();
    expect(reader.loads()).toBe(2);
  });

  it('refuses a token without a key id, or with a header that is not JSON', async () => {
    const store = memoryStore(await generateStoredSigningKey());
    const now = at('2026-12-01T10:00:00Z');
    const token = await issueAccessToken(store.provider, principal, now);
    const [, payload, signature] = token.split('.');
    const noKid = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
    expect(await verifyAccessToken(store.provider, `${noKid}.${payload}.${signature}`, now)).toBeUndefined();
    expect(await verifyAccessToken(store.provider, `%%%.${payload}.${signature}`, now)).toBeUndefined();
  });
});
