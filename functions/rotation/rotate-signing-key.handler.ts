import { Logger } from '@aws-lambda-powertools/logger';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  generateStoredSigningKey,
  importStoredSigningKey,
  rotateStoredSigningKey,
  type StoredSigningKey,
} from '@crm/app';
import { z } from 'zod';
import { traced } from '../tracing.js';

const logger = new Logger({ serviceName: 'crm-key-rotation' });

/** What Secrets Manager sends a rotation function, once per step. */
const RotationEventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});
export type RotationEvent = z.infer<typeof RotationEventSchema>;

function storedKeyOf(secret: string | undefined): StoredSigningKey | undefined {
  if (!secret) return undefined;
  try {
    const value = JSON.parse(secret) as Partial<StoredSigningKey>;
    return value.kid && value.privateJwk && value.publicJwk ? (value as StoredSigningKey) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rotates the ES256 signing key in Secrets Manager's four steps (docs/operations.md). The new
 * version keeps the public half of the current key, so tokens it signed keep verifying for their
 * lifetime; processes pick the new key up within their key cache (packages/app signing-key.ts).
 * Each step is safe to repeat: Secrets Manager retries a failed rotation with the same token.
 */
export async function rotateSigningKey(
  event: RotationEvent,
  client: Pick<SecretsManagerClient, 'send'>,
  now: () => Date = () => new Date(),
): Promise<void> {
  const { SecretId, ClientRequestToken: token, Step } = event;
  const description = await client.send(new DescribeSecretCommand({ SecretId }));
  const stages = description.VersionIdsToStages?.[token];
  if (!description.RotationEnabled) throw new Error(`Secret ${SecretId} does not have rotation enabled`);
  if (!stages) throw new Error(`Version ${token} of ${SecretId} is not staged for rotation`);
  if (stages.includes('AWSCURRENT')) {
    logger.info('version already current: nothing to do', { step: Step });
    return;
  }
  if (!stages.includes('AWSPENDING')) throw new Error(`Version ${token} of ${SecretId} is not pending`);

  if (Step === 'createSecret') {
    try {
      await client.send(
        new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' }),
      );
      return; // made by an earlier attempt
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const current = storedKeyOf(
      (await client.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' }))).SecretString,
    );
    // Before the API's first use the secret holds a placeholder: the first key has nothing to retire.
    const next = current ? await rotateStoredSigningKey(current, now()) : await generateStoredSigningKey();
    await client.send(
      new PutSecretValueCommand({
        SecretId,
        ClientRequestToken: token,
        SecretString: JSON.stringify(next),
        VersionStages: ['AWSPENDING'],
      }),
    );
    logger.info('new signing key staged', { kid: next.kid, retired: next.previous?.kid });
    return;
  }
  if (Step === 'setSecret') return; // the key is ours alone: no other system to tell
  if (Step === 'testSecret') {
    const pending = storedKeyOf(
      (
        await client.send(
          new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' }),
        )
      ).SecretString,
    );
    if (!pending) throw new Error('The pending version is not a signing key');
    await importStoredSigningKey(pending); // throws on a malformed key
    return;
  }
  const currentVersion = Object.entries(description.VersionIdsToStages ?? {}).find(([, versionStages]) =>
    versionStages.includes('AWSCURRENT'),
  )?.[0];
  await client.send(
    new UpdateSecretVersionStageCommand({
      SecretId,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: token,
      ...(currentVersion ? { RemoveFromVersionId: currentVersion } : {}),
    }),
  );
  logger.info('new signing key is current', { version: token });
}

const client = traced(new SecretsManagerClient({}));

/** Lambda entry: Secrets Manager's rotation schedule on the JWT signing-key secret. */
export const handler = async (event: unknown) => rotateSigningKey(RotationEventSchema.parse(event), client);
