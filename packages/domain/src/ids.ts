import { monotonicFactory } from 'ulid';
import { z } from 'zod';

const nextUlid = monotonicFactory();

/** ULIDs sort by creation time, so ids double as stable, time-ordered sort keys. */
export function newId(): string {
  return nextUlid();
}

/**
 * A ULID's 26 characters of Crockford base 32 (no I, L, O or U), unanchored: the one spelling,
 * from which the whole-string pattern and the key patterns that embed an id are built.
 */
export const ULID_PATTERN_SOURCE = '[0-9A-HJKMNP-TV-Z]{26}';

export const ULID_PATTERN = new RegExp(`^${ULID_PATTERN_SOURCE}$`);

export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}

/**
 * An id (a ULID) in a request or a document; `what` names it in the refusal.
 *
 * @example
 * z.object({ customerId: idSchema('a customer id') })
 */
export function idSchema(what = 'an id (ULID)') {
  return z.string().max(26, `must be ${what}`).regex(ULID_PATTERN, `must be ${what}`);
}

export const IdSchema = idSchema();

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID whose time part is `time` and whose random part is taken from `seedHash` (hex, at least
 * 20 digits): the same inputs always give the same id, so a re-imported row overwrites itself
 * instead of duplicating.
 */
export function deterministicUlid(time: number, seedHash: string): string {
  let timePart = '';
  let remaining = Math.max(0, Math.floor(time));
  for (let index = 0; index < 10; index++) {
    timePart = CROCKFORD[remaining % 32] + timePart;
    remaining = Math.floor(remaining / 32);
  }
  let randomPart = '';
  // 80 bits = 16 Crockford digits; 20 hex digits carry exactly 80 bits.
  let bits = BigInt(`0x${seedHash.slice(0, 20).padEnd(20, '0')}`);
  for (let index = 0; index < 16; index++) {
    randomPart = CROCKFORD[Number(bits & 31n)] + randomPart;
    bits >>= 5n;
  }
  return timePart + randomPart;
}
