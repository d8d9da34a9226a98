import { RoleSchema } from '@crm/domain';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Principal } from './principal.js';
import { type SigningKeyProvider, verificationKeyFor } from './signing-key.js';

export const TOKEN_ISSUER = 'crm';
export const TOKEN_AUDIENCE = 'crm-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const ClaimsSchema = z.object({ sub: z.string().min(1), tid: z.string().min(1), role: RoleSchema });

export async function issueAccessToken(
  keyProvider: SigningKeyProvider,
  principal: Extract<Principal, { kind: 'user' }>,
  now: Date,
): Promise<string> {
  const key = await keyProvider();
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ tid: principal.tenantId, role: principal.role })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
}

/** The key id a token names, or undefined for anything that is not a JWS header. */
function keyIdOf(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies signature (ES256 only: `alg: none` and HMAC confusion are refused), issuer, audience
 * and expiry; returns undefined for any token that fails, so callers answer 401 uniformly. The
 * token's `kid` picks the key: the current one, or the one it replaced while its grace lasts; a
 * kid this process does not know makes it read the stored key once more (rotated elsewhere).
 */
export async function verifyAccessToken(
  keyProvider: SigningKeyProvider,
  token: string,
  now: Date,
): Promise<Extract<Principal, { kind: 'user' }> | undefined> {
  return (await verifiedAccessToken(keyProvider, token, now))?.principal;
}

/** A verified token: who it names, the key that signed it and when it expires (epoch ms). */
export type VerifiedAccessToken = {
  principal: Extract<Principal, { kind: 'user' }>;
  kid: string;
  expiresAt: number;
};

/** `verifyAccessToken`, also telling the key and the expiry (what a cache of verified tokens re-checks). */
export async function verifiedAccessToken(
  keyProvider: SigningKeyProvider,
  token: string,
  now: Date,
): Promise<VerifiedAccessToken | undefined> {
  const kid = keyIdOf(token);
  if (!kid) return undefined;
  let publicKey = verificationKeyFor(await keyProvider(), kid, now);
  publicKey ??= verificationKeyFor(await keyProvider({ fresh: true }), kid, now);
  if (!publicKey) return undefined;
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success || typeof payload.exp !== 'number') return undefined;
    return {
      principal: { kind: 'user', tenantId: claims.data.tid, userId: claims.data.sub, role: claims.data.role },
      kid,
      expiresAt: payload.exp * 1000,
    };
  } catch {
    return undefined;
  }
}
