import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's scrypt guidance: N=2^17, r=8, p=1 (≈128 MiB). Tests and the local demo may lower N.
const DEFAULTS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
};

/**
 * scrypt from node:crypto. The stored form carries its parameters
 * (`scrypt$N$r$p$salt$hash`), so raising the cost later keeps old hashes verifiable.
 */
export function createScryptHasher(cost: { N?: number } = {}): PasswordHasher {
  const params = { ...DEFAULTS, ...cost };
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, params);
      return [
        'scrypt',
        params.N,
        params.r,
        params.p,
        salt.toString('base64url'),
        key.toString('base64url'),
      ].join('$');
    },
    async verify(password, stored) {
      const [scheme, N, r, p, salt, expected] = stored.split('$');
      if (scheme !== 'scrypt' || !N || !r || !p || !salt || !expected) return false;
      const expectedKey = Buffer.from(expected, 'base64url');
      const key = await derive(password, Buffer.from(salt, 'base64url'), {
        N: Number(N),
        r: Number(r),
        p: Number(p),
      });
      return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
    },
  };
}
