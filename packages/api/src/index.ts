export type { App } from './app.js';
export { createApp, MAX_BODY_BYTES } from './app.js';
export type { AppDeps } from './app-deps.js';
export { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth/access-token.js';
export type { PasswordHasher } from './auth/password-hasher.js';
export { createScryptHasher } from './auth/password-hasher.js';
export type { SigningKey, SigningKeyProvider, StoredSigningKey } from './auth/signing-key.js';
export {
  generateStoredSigningKey,
  importStoredSigningKey,
  inMemorySigningKey,
  persistentSigningKey,
} from './auth/signing-key.js';
