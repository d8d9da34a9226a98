import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** How long the values are trusted without a read; an unknown value read sooner (below). */
const CACHE_MS = 5 * 60_000;
/**
 * An unknown value re-reads the secret at most this often: CloudFront's new value passes within
 * seconds of the rotation, and a caller spraying wrong values costs one read per process per interval.
 */
const UNKNOWN_VALUE_REREAD_MS = 5_000;

/**
 * The values of the origin-verify secret the API accepts: its current version and, during a
 * rotation, the previous one (the rotation makes the new value current before it sets
 * CloudFront's header to it; docs/operations.md). Read every five minutes, and sooner (at most
 * every five seconds, one read shared by concurrent requests) when a request presents a value
 * that the cached ones do not match: the rotation's new value passes at once.
 */
export function secretsManagerOriginSecret(
  secretId: string,
  client = new SecretsManagerClient({}),
  now = () => Date.now(),
): (hint?: { unknown: true }) => Promise<readonly string[]> {
  let cached: { values: readonly string[]; at: number } | undefined;
  let reading: Promise<readonly string[]> | undefined;
  const read = async (versionStage: 'AWSCURRENT' | 'AWSPREVIOUS') => {
    try {
      const secret = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: versionStage }),
      );
      return secret.SecretString ? [secret.SecretString] : [];
    } catch (error) {
      // Before the first rotation there is no previous version.
      if (versionStage === 'AWSPREVIOUS' && error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  };
  const readBoth = async () => {
    const values = [...(await read('AWSCURRENT')), ...(await read('AWSPREVIOUS'))];
    cached = { values, at: now() };
    return values;
  };
  return async (hint) => {
    const age = cached ? now() - cached.at : Number.POSITIVE_INFINITY;
    if (cached && age < (hint?.unknown ? UNKNOWN_VALUE_REREAD_MS : CACHE_MS)) return cached.values;
    reading ??= readBoth().finally(() => {
      reading = undefined;
    });
    return reading;
  };
}
