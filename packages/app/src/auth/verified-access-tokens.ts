import { type VerifiedAccessToken, verifiedAccessToken } from './access-token.js';
import type { Principal } from './principal.js';
import { type SigningKeyProvider, verificationKeyFor } from './signing-key.js';

const MAX_ENTRIES = 10_000;

/**
 * The access tokens this process has verified, kept until they expire. A client sends the same
 * token with every request of its 15 minutes, and an ES256 verification (a trip to libuv's thread
 * pool) per request was a good part of a list page's own work. Only the signature check is
 * spared: a token is found by its exact text, so it is the very token that was verified, and
 * every hit checks again that it has not expired and that its key is still accepted (a rotation's
 * grace may end before the token does). Tokens that fail are never kept.
 */
export class VerifiedAccessTokens {
  private readonly keyProvider: SigningKeyProvider;
  private readonly maxEntries: number;
  private readonly verified = new Map<string, VerifiedAccessToken>();

  constructor(keyProvider: SigningKeyProvider, options: { maxEntries?: number } = {}) {
    this.keyProvider = keyProvider;
    this.maxEntries = options.maxEntries ?? MAX_ENTRIES;
  }

  /** As `verifyAccessToken`: the token's principal, or undefined for any token that fails. */
  async verify(token: string, now: Date): Promise<Extract<Principal, { kind: 'user' }> | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() < known.expiresAt && verificationKeyFor(await this.keyProvider(), known.kid, now)) {
        return known.principal;
      }
      this.verified.delete(token);
    }
    const verified = await verifiedAccessToken(this.keyProvider, token, now);
    if (!verified) return undefined;
    // Bounded: past the limit the oldest entries go first (a Map iterates in insertion order).
    if (this.verified.size >= this.maxEntries) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, verified);
    return verified.principal;
  }
}
