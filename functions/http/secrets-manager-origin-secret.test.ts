import { type GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { secretsManagerOriginSecret } from './secrets-manager-origin-secret.js';

/** A fake Secrets Manager holding the given version stages; counts the reads. */
function fakeSecrets(stages: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    stages,
    client: {
      send: async (command: GetSecretValueCommand) => {
        const stage = command.input.VersionStage ?? 'AWSCURRENT';
        reads.push(stage);
        const value = stages[stage];
        if (value === undefined) {
          throw new ResourceNotFoundException({ message: `no ${stage}`, $metadata: {} });
        }
        return { SecretString: value, $metadata: {} };
      },
    } as never,
  };
}

describe('secretsManagerOriginSecret', () => {
  it('accepts the current and the previous version', async () => {
    const secrets = fakeSecrets({ AWSCURRENT: 'new', AWSPREVIOUS: 'old' });
    expect(await secretsManagerOriginSecret('arn', secrets.client)()).toEqual(['new', 'old']);
  });

  it('accepts the current value alone before the first rotation', async () => {
    const secrets = fakeSecrets({ AWSCURRENT: 'only' });
    expect(await secretsManagerOriginSecret('arn', secrets.client)()).toEqual(['only']);
  });

  it('reads again only after five minutes, so a rotation is seen within them', async () => {
    const secrets = fakeSecrets({ AWSCURRENT: 'v1' });
    let now = 0;
    const accepted = secretsManagerOriginSecret('arn', secrets.client, () => now);
    await accepted();
    secrets.stages.AWSCURRENT = 'v2';
    secrets.stages.AWSPREVIOUS = 'v1';
    now = 299_000;
    expect(await accepted()).toEqual(['v1']);
    now = 300_000;
    expect(await accepted()).toEqual(['v2', 'v1']);
    expect(secrets.reads).toHaveLength(4);
  });

  it('fails when the current value cannot be read: no request is let through unchecked', async () => {
    const secrets = fakeSecrets({});
    await expect(secretsManagerOriginSecret('arn', secrets.client)()).rejects.toThrow(/AWSCURRENT/);
  });

  it('reads again for an unknown value, at most every five seconds, one read for concurrent requests', async () => {
    const secrets = fakeSecrets({ AWSCURRENT: 'v1' });
    let now = 0;
    const accepted = secretsManagerOriginSecret('arn', secrets.client, () => now);
    await accepted();
    secrets.stages.AWSCURRENT = 'v2';
    secrets.stages.AWSPREVIOUS = 'v1';
    now = 4_999;
    expect(await accepted({ unknown: true })).toEqual(['v1']);
    now = 5_000;
    const [first, second] = await Promise.all([accepted({ unknown: true }), accepted({ unknown: true })]);
    expect(first).toEqual(['v2', 'v1']);
    expect(second).toEqual(['v2', 'v1']);
    // Two stages read once at start, once for the unknown value: not once per request.
    expect(secrets.reads).toHaveLength(4);
    // A known value keeps the five-minute cache.
    now = 9_000;
    expect(await accepted()).toEqual(['v2', 'v1']);
    expect(secrets.reads).toHaveLength(4);
  });
});
