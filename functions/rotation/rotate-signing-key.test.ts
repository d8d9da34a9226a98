import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { generateStoredSigningKey, type StoredSigningKey } from '@crm/app';
import { describe, expect, it } from 'vitest';
import { type RotationEvent, rotateSigningKey } from './rotate-signing-key.handler.js';

/** Secrets Manager's versions and stages, as far as rotation uses them. */
function fakeSecretsManager(initial: string) {
  const versions = new Map<string, { value?: string; stages: string[] }>([
    ['v1', { value: initial, stages: ['AWSCURRENT'] }],
  ]);
  const byStage = (stage: string) => [...versions].find(([, version]) => version.stages.includes(stage));
  const client = {
    send: async (command: object) => {
      if (command instanceof DescribeSecretCommand) {
        return {
          RotationEnabled: true,
          VersionIdsToStages: Object.fromEntries(
            [...versions].map(([id, version]) => [id, [...version.stages]]),
          ),
        };
      }
      if (command instanceof GetSecretValueCommand) {
        const { VersionId, VersionStage } = command.input;
        const found = VersionId
          ? [VersionId, versions.get(VersionId)]
          : byStage(VersionStage ?? 'AWSCURRENT');
        const version = found?.[1];
        if (!version?.value || (VersionStage && !version.stages.includes(VersionStage))) {
          throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
        }
        return { SecretString: version.value };
      }
      if (command instanceof PutSecretValueCommand) {
        const { ClientRequestToken, SecretString, VersionStages } = command.input;
        const version = versions.get(ClientRequestToken as string);
        if (!version) throw new Error('unknown version');
        version.value = SecretString as string;
        version.stages = [...new Set([...version.stages, ...(VersionStages ?? [])])];
        return {};
      }
      if (command instanceof UpdateSecretVersionStageCommand) {
        const { MoveToVersionId, RemoveFromVersionId, VersionStage } = command.input;
        const from = versions.get(RemoveFromVersionId as string);
        if (from) from.stages = from.stages.filter((stage) => stage !== VersionStage);
        const to = versions.get(MoveToVersionId as string);
        if (to) to.stages = [...to.stages.filter((stage) => stage !== 'AWSPENDING'), VersionStage as string];
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as SecretsManagerClient;
  /** What Secrets Manager does before calling the function: a new version staged AWSPENDING. */
  const startRotation = (token: string) => versions.set(token, { stages: ['AWSPENDING'] });
  const current = () => JSON.parse(byStage('AWSCURRENT')?.[1].value ?? 'null') as StoredSigningKey;
  return { client, startRotation, current };
}

const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
const rotationAt = new Date('2026-12-01T03:00:00Z');

async function rotate(client: SecretsManagerClient, token: string, repeat = 1) {
  for (const Step of steps) {
    for (let attempt = 0; attempt < repeat; attempt++) {
      const event: RotationEvent = { SecretId: 'jwt', ClientRequestToken: token, Step };
      await rotateSigningKey(event, client, () => rotationAt);
    }
  }
}

describe('rotating the JWT signing key in Secrets Manager', () => {
  it('makes a new current key that keeps the old public key, retired at the rotation', async () => {
    const first = await generateStoredSigningKey();
    const secrets = fakeSecretsManager(JSON.stringify(first));
    secrets.startRotation('v2');
    await rotate(secrets.client, 'v2', 2); // every step twice: a retried rotation changes nothing more
    const current = secrets.current();
    expect(current.kid).not.toBe(first.kid);
    expect(current.previous).toEqual({
      kid: first.kid,
      publicJwk: first.publicJwk,
      retiredAt: rotationAt.toISOString(),
    });
    // A second rotation retires the second key; the first is gone entirely.
    secrets.startRotation('v3');
    await rotate(secrets.client, 'v3');
    expect(secrets.current().previous?.kid).toBe(current.kid);
  });

  it('makes a first key with nothing to retire when the secret still holds the placeholder', async () => {
    const secrets = fakeSecretsManager(
      JSON.stringify({ alg: 'ES256', status: 'uninitialised', placeholder: 'x' }),
    );
    secrets.startRotation('v2');
    await rotate(secrets.client, 'v2');
    expect(secrets.current().kid).toMatch(/^k/);
    expect(secrets.current().previous).toBeUndefined();
  });

  it('refuses a token that is not staged for rotation', async () => {
    const secrets = fakeSecretsManager(JSON.stringify(await generateStoredSigningKey()));
    await expect(
      rotateSigningKey({ SecretId: 'jwt', ClientRequestToken: 'nope', Step: 'createSecret' }, secrets.client),
    ).rejects.toThrow(/not staged/);
  });
});
