import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** Long enough that a rotation reaches every warm process well before CloudFront switches over. */
const CACHE_MS = 5 * 60_000;

/**
 * The values of the origin-verify secret the API accepts: its current version and, during a
 * rotation, the previous one (CloudFront keeps sending the old value until the web stack is
 * deployed with the new one; docs/operations.md). Read at most every five minutes.
 */
export function secretsManagerOriginSecret(
  secretId: string,
  client = new SecretsManagerClient({}),
  now = () => Date.now(),
): () => Promise<readonly string[]> {
  let cached: { values: readonly string[]; at: number } | undefined;
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
  return async () => {
    if (cached && now() - cached.at < CACHE_MS) return cached.values;
    const values = [...(await read('AWSCURRENT')), ...(await read('AWSPREVIOUS'))];
    cached = { values, at: now() };
    return values;
  };
}
