import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** A key that signed tokens until it was rotated out: it still verifies them for a while. */
export type RetiredKey = { kid: string; publicKey: CryptoKey; acceptedUntil: Date };

export type SigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; previous?: RetiredKey };

/**
 * Where the ES256 key comes from: Secrets Manager in AWS (functions/http), a file in the data
 * folder locally (packages/local), memory in tests. Providers cache; the API calls this per token.
 * `fresh` asks for the stored key again (a token names a key this process has not seen: the key
 * may have been rotated elsewhere); providers bound how often that reaches the store.
 */
export type SigningKeyProvider = (options?: { fresh?: boolean }) => Promise<SigningKey>;

/**
 * The stored form. Of the key it replaced, only the public half is kept (and when it retired):
 * nothing can sign with a retired key any more, it only verifies the tokens it already signed.
 */
export type StoredSigningKey = {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  previous?: { kid: string; publicJwk: JWK; retiredAt: string };
};

/** How long a process keeps a loaded key before reading the store again (so a rotation spreads). */
export const KEY_CACHE_SECONDS = 5 * 60;

/** The least time between two reads forced by an unknown key id: random kids cannot flood the store. */
export const FRESH_LOAD_INTERVAL_SECONDS = 30;

/**
 * How long a retired key still verifies: an access token lives 15 minutes (ACCESS_TOKEN_TTL_SECONDS),
 * and a process may go on signing with the old key until its cache expires; a minute for clocks.
 */
export const RETIRED_KEY_GRACE_SECONDS = 15 * 60 + KEY_CACHE_SECONDS + 60;

export async function generateStoredSigningKey(): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `k${Date.now().toString(36)}${crypto.randomUUID().slice(0, 8)}`;
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/** A new current key; the old one keeps only its public half and verifies for the grace period. */
export async function rotateStoredSigningKey(
  current: StoredSigningKey,
  now: Date,
): Promise<StoredSigningKey> {
  const next = await generateStoredSigningKey();
  return {
    ...next,
    previous: { kid: current.kid, publicJwk: current.publicJwk, retiredAt: now.toISOString() },
  };
}

export async function importStoredSigningKey(stored: StoredSigningKey): Promise<SigningKey> {
  const key: SigningKey = {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, 'ES256')) as CryptoKey,
  };
  if (stored.previous) {
    key.previous = {
      kid: stored.previous.kid,
      publicKey: (await importJWK(stored.previous.publicJwk, 'ES256')) as CryptoKey,
      acceptedUntil: new Date(Date.parse(stored.previous.retiredAt) + RETIRED_KEY_GRACE_SECONDS * 1000),
    };
  }
  return key;
}

/** The public key that verifies tokens signed by `kid` at `now`, if any still does. */
export function verificationKeyFor(
  key: SigningKey,
  kid: string | undefined,
  now: Date,
): CryptoKey | undefined {
  if (kid === key.kid) return key.publicKey;
  if (key.previous && kid === key.previous.kid && now.getTime() <= key.previous.acceptedUntil.getTime()) {
    return key.previous.publicKey;
  }
  return undefined;
}

/** A key made once per process: for tests. */
export function inMemorySigningKey(): SigningKeyProvider {
  let key: Promise<SigningKey> | undefined;
  return () => {
    key ??= generateStoredSigningKey().then(importStoredSigningKey);
    return key;
  };
}

/**
 * Loads a stored key through `load`, or generates and saves one through `save` when there is none
 * yet. The key is cached for KEY_CACHE_SECONDS, so a rotation written to the store reaches every
 * process within that time; a `fresh` request reads the store at once, at most every
 * FRESH_LOAD_INTERVAL_SECONDS.
 */
export function persistentSigningKey(
  store: {
    load: () => Promise<StoredSigningKey | undefined>;
    save: (key: StoredSigningKey) => Promise<void>;
  },
  clock: () => number = Date.now,
): SigningKeyProvider {
  let key: Promise<SigningKey> | undefined;
  let loadedAt = 0;
  const read = () => {
    loadedAt = clock();
    const loading = (async () => {
      let stored = await store.load();
      if (!stored) {
        stored = await generateStoredSigningKey();
        await store.save(stored);
      }
      return importStoredSigningKey(stored);
    })();
    // A failed read is not cached: the next token tries again.
    loading.catch(() => {
      if (key === loading) key = undefined;
    });
    key = loading;
    return loading;
  };
  return (options) => {
    const age = clock() - loadedAt;
    if (!key || age >= KEY_CACHE_SECONDS * 1000) return read();
    if (options?.fresh && age >= FRESH_LOAD_INTERVAL_SECONDS * 1000) return read();
    return key;
  };
}
