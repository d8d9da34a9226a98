import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { generateStoredSigningKey, type StoredSigningKey } from '@crm/app';
import { describe, expect, it } from 'vitest';
import { type RotationEvent, rotateSigningKey } from './rotate-signing-key.handler.js';
import { fakeSecretsManager as fakeVersions, rotationSteps } from './secrets-manager-rotation.fake.js';

/** The secret holding `initial`, and its current signing key as stored. */
function fakeSecretsManager(initial: string) {
  const secrets = fakeVersions(initial);
  const current = () => JSON.parse(secrets.stage('AWSCURRENT') ?? 'null') as StoredSigningKey;
  return { ...secrets, current };
}

const rotationAt = new Date('2026-12-01T03:00:00Z');

async function rotate(client: SecretsManagerClient, token: string, repeat = 1) {
  for (const Step of rotationSteps) {
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
