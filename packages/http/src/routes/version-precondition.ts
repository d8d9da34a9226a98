import { DomainError } from '@crm/domain';
import { z } from '@hono/zod-openapi';

/** The precondition header of every versioned write (documented; `expectedVersion` reads it). */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'The version you read, e.g. `3` or the ETag `"3"`', example: '"3"' }),
});

/**
 * The version a write expects to replace: `If-Match: <version>` (quotes and W/ tolerated, as
 * ETags are usually quoted) or the body's `version`. Writes without one are refused (428), so no
 * client can overwrite a change it never saw.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
    if (!match?.[1]) {
      throw new DomainError('validation_failed', 'If-Match must be the record version, e.g. If-Match: 3', {
        fields: [{ path: 'If-Match', message: 'must be a positive integer version' }],
      });
    }
    const version = Number(match[1]);
    if (bodyVersion !== undefined && bodyVersion !== version) {
      throw new DomainError('validation_failed', 'If-Match and body version disagree', {
        fields: [{ path: 'version', message: 'differs from If-Match' }],
      });
    }
    return version;
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new DomainError(
    'precondition_required',
    'Send the version you are changing: If-Match header or body version',
  );
}

/**
 * The version a state change (archive, restore) expects, when the client sends one: those writes
 * stay unconditional without If-Match (a retried DELETE must not fail), but honour it when given.
 */
export function optionalExpectedVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : expectedVersion(ifMatch, undefined);
}
