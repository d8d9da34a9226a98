import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { persistentSigningKey, type SigningKeyProvider, type StoredSigningKey } from '@crm/app';
import { traced } from '../tracing.js';

// Every cold Lambda that finds the secret empty races to fill it; a fixed request token makes
// PutSecretValue idempotent, so exactly one key wins and the losers read it back.
const FIRST_VERSION_TOKEN = 'crm-signing-key-initial-0000000001';

function parse(secret: string | undefined): StoredSigningKey | undefined {
  if (!secret) return undefined;
  try {
    const value = JSON.parse(secret) as Partial<StoredSigningKey>;
    return value.kid && value.privateJwk && value.publicJwk ? (value as StoredSigningKey) : undefined;
  } catch {
    return undefined;
  }
}

/** The ES256 key lives in Secrets Manager (JWT_SECRET_ARN); it is generated on first use. */
export function secretsManagerSigningKey(
  secretId: string,
  client = traced(new SecretsManagerClient({})),
): SigningKeyProvider {
  const load = async () =>
    parse((await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString);
  return persistentSigningKey({
    load,
    save: async (key) => {
      try {
        await client.send(
          new PutSecretValueCommand({
            SecretId: secretId,
            SecretString: JSON.stringify(key),
            ClientRequestToken: FIRST_VERSION_TOKEN,
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceExistsException)) throw error;
        const winner = await load();
        if (!winner) throw error;
        Object.assign(key, winner);
      }
    },
  });
}
