import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export type SigningKey = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey };

/**
 * Where the ES256 key comes from: Secrets Manager in AWS (functions/http), a file in the data
 * folder locally (packages/local), memory in tests. Providers cache; the API calls this per token.
 */
export type SigningKeyProvider = () => Promise<SigningKey>;

export type StoredSigningKey = { kid: string; privateJwk: JWK; publicJwk: JWK };

export async function generateStoredSigningKey(): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `k${Date.now().toString(36)}`;
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

export async function importStoredSigningKey(stored: StoredSigningKey): Promise<SigningKey> {
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, 'ES256')) as CryptoKey,
  };
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
 * yet; the result is cached for the life of the process.
 */
export function persistentSigningKey(store: {
  load: () => Promise<StoredSigningKey | undefined>;
  save: (key: StoredSigningKey) => Promise<void>;
}): SigningKeyProvider {
  let key: Promise<SigningKey> | undefined;
  return () => {
    key ??= (async () => {
      let stored = await store.load();
      if (!stored) {
        stored = await generateStoredSigningKey();
        await store.save(stored);
      }
      return importStoredSigningKey(stored);
    })();
    return key;
  };
}
