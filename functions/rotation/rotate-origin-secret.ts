import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetDistributionConfigCommand, UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

/** What Secrets Manager sends a rotation function, once per step. */
export const OriginRotationEventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});
export type OriginRotationEvent = z.infer<typeof OriginRotationEventSchema>;

/** As generated at deploy time (api-stack.ts): 48 letters and digits, a safe header value. */
export const ORIGIN_SECRET_LENGTH = 48;

export type OriginSecretRotationDeps = {
  secrets: Pick<SecretsManagerClient, 'send'>;
  cloudFront: Pick<CloudFrontClient, 'send'>;
  /** The distribution whose API origin carries the header. */
  distributionId: string;
  /** The origin custom header holding the secret (`x-origin-verify`). */
  header: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
};

/**
 * Rotates the origin-verify secret in Secrets Manager's four steps (docs/operations.md, "The
 * origin secret"). The order is what keeps every request passing: the new value becomes
 * AWSCURRENT first (the API then accepts it and, as AWSPREVIOUS, the old one, and re-reads the
 * secret when it meets a value it does not know), and only then is CloudFront's header set to it.
 * Every step is safe to repeat; finishSecret repeated on a current version sets the header again,
 * so a rotation whose CloudFront update failed is finished by Secrets Manager's retry.
 */
export async function rotateOriginSecret(
  event: OriginRotationEvent,
  deps: OriginSecretRotationDeps,
): Promise<void> {
  const { SecretId, ClientRequestToken: token, Step } = event;
  const { secrets } = deps;
  const description = await secrets.send(new DescribeSecretCommand({ SecretId }));
  const stages = description.VersionIdsToStages?.[token];
  if (!description.RotationEnabled) throw new Error(`Secret ${SecretId} does not have rotation enabled`);
  if (!stages) throw new Error(`Version ${token} of ${SecretId} is not staged for rotation`);
  const alreadyCurrent = stages.includes('AWSCURRENT');
  if (!alreadyCurrent && !stages.includes('AWSPENDING')) {
    throw new Error(`Version ${token} of ${SecretId} is not pending`);
  }

  if (Step === 'createSecret') {
    if (alreadyCurrent) return;
    try {
      await secrets.send(
        new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' }),
      );
      return; // made by an earlier attempt
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const { RandomPassword } = await secrets.send(
      new GetRandomPasswordCommand({ PasswordLength: ORIGIN_SECRET_LENGTH, ExcludePunctuation: true }),
    );
    if (!RandomPassword) throw new Error('Secrets Manager returned no random password');
    await secrets.send(
      new PutSecretValueCommand({
        SecretId,
        ClientRequestToken: token,
        SecretString: RandomPassword,
        VersionStages: ['AWSPENDING'],
      }),
    );
    deps.log?.('new origin secret staged', { version: token });
    return;
  }
  // CloudFront must not send a value the API does not accept yet: it is told in finishSecret.
  if (Step === 'setSecret') return;
  if (Step === 'testSecret') {
    if (alreadyCurrent) return;
    const pending = await secrets.send(
      new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' }),
    );
    if (!pending.SecretString || !/^[A-Za-z0-9]{32,}$/.test(pending.SecretString)) {
      throw new Error('The pending origin secret is not a header-safe value of at least 32 characters');
    }
    return;
  }

  if (!alreadyCurrent) {
    const currentVersion = Object.entries(description.VersionIdsToStages ?? {}).find(([, versionStages]) =>
      versionStages.includes('AWSCURRENT'),
    )?.[0];
    await secrets.send(
      new UpdateSecretVersionStageCommand({
        SecretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token,
        ...(currentVersion ? { RemoveFromVersionId: currentVersion } : {}),
      }),
    );
    deps.log?.('new origin secret is current', { version: token });
  }
  const current = await secrets.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' }));
  if (!current.SecretString) throw new Error('The current origin secret is empty');
  const changed = await setOriginHeader(deps, current.SecretString);
  deps.log?.(changed ? 'CloudFront sends the new origin secret' : 'CloudFront already sends it', {
    distributionId: deps.distributionId,
  });
}

/**
 * Sets the header on every origin of the distribution that carries it (the API origin), keeping
 * the rest of the configuration as it is; the ETag guards against a concurrent change. Answers
 * whether anything changed.
 */
export async function setOriginHeader(
  deps: Pick<OriginSecretRotationDeps, 'cloudFront' | 'distributionId' | 'header'>,
  value: string,
): Promise<boolean> {
  const { DistributionConfig: config, ETag } = await deps.cloudFront.send(
    new GetDistributionConfigCommand({ Id: deps.distributionId }),
  );
  if (!config || !ETag) throw new Error(`Distribution ${deps.distributionId} has no configuration`);
  const name = deps.header.toLowerCase();
  let carriers = 0;
  let changed = false;
  for (const origin of config.Origins?.Items ?? []) {
    for (const header of origin.CustomHeaders?.Items ?? []) {
      if (header.HeaderName?.toLowerCase() !== name) continue;
      carriers++;
      if (header.HeaderValue !== value) {
        header.HeaderValue = value;
        changed = true;
      }
    }
  }
  if (carriers === 0) throw new Error(`No origin of ${deps.distributionId} carries ${deps.header}`);
  if (changed) {
    await deps.cloudFront.send(
      new UpdateDistributionCommand({ Id: deps.distributionId, IfMatch: ETag, DistributionConfig: config }),
    );
  }
  return changed;
}
