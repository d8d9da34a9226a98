import {
  type CloudFrontClient,
  type DistributionConfig,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { secretsManagerOriginSecret } from '../http/secrets-manager-origin-secret.js';
import { type OriginRotationEvent, rotateOriginSecret } from './rotate-origin-secret.js';
import { fakeSecretsManager, rotationSteps } from './secrets-manager-rotation.fake.js';

const HEADER = 'x-origin-verify';
const OLD = 'A'.repeat(48);

/** The origin secret holding OLD: each new random value differs; `events` records the rotation's order. */
function fakeOriginSecret(events: string[]) {
  let passwords = 0;
  return fakeSecretsManager(OLD, {
    randomPassword: (input) => {
      expect(input).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
      passwords++;
      return `${passwords}`.padStart(48, 'N');
    },
    onCurrent: (value) => events.push(`current ${value}`),
  });
}

/** A distribution with the SPA's S3 origin and the API origin carrying the header. */
function fakeCloudFront(events: string[], options: { failUpdates?: number } = {}) {
  let etag = 1;
  let failures = options.failUpdates ?? 0;
  let config: DistributionConfig = {
    CallerReference: 'ref',
    Comment: 'crm',
    Enabled: true,
    DefaultCacheBehavior: undefined as never,
    Origins: {
      Quantity: 2,
      Items: [
        { Id: 'spa', DomainName: 'bucket.s3.amazonaws.com', CustomHeaders: { Quantity: 0, Items: [] } },
        {
          Id: 'api',
          DomainName: 'abc.execute-api.eu-west-1.amazonaws.com',
          CustomHeaders: { Quantity: 1, Items: [{ HeaderName: HEADER, HeaderValue: OLD }] },
        },
      ],
    },
  };
  const updates: { IfMatch?: string }[] = [];
  const client = {
    send: async (command: object) => {
      if (command instanceof GetDistributionConfigCommand) {
        expect(command.input.Id).toBe('E123');
        return { DistributionConfig: structuredClone(config), ETag: `etag-${etag}` };
      }
      if (command instanceof UpdateDistributionCommand) {
        updates.push({ IfMatch: command.input.IfMatch });
        if (failures > 0) {
          failures--;
          throw new Error('PreconditionFailed');
        }
        if (command.input.IfMatch !== `etag-${etag}`) throw new Error('PreconditionFailed');
        config = structuredClone(command.input.DistributionConfig as DistributionConfig);
        etag++;
        events.push(`cloudfront ${apiHeader()}`);
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as CloudFrontClient;
  const apiHeader = () => config.Origins?.Items?.[1]?.CustomHeaders?.Items?.[0]?.HeaderValue;
  return { client, updates, apiHeader, config: () => config };
}

/** The secret, the distribution and the rotation's dependencies on them, with one event log. */
function setup(options: { failUpdates?: number; header?: string } = {}) {
  const events: string[] = [];
  const secrets = fakeOriginSecret(events);
  const cloudFront = fakeCloudFront(events, options);
  const deps = {
    secrets: secrets.client,
    cloudFront: cloudFront.client,
    distributionId: 'E123',
    header: options.header ?? HEADER,
  };
  return { events, secrets, cloudFront, deps };
}

async function rotate(deps: Parameters<typeof rotateOriginSecret>[1], token: string) {
  for (const Step of rotationSteps) {
    const event: OriginRotationEvent = { SecretId: 'origin', ClientRequestToken: token, Step };
    await rotateOriginSecret(event, deps);
  }
}

describe('rotating the CloudFront origin secret', () => {
  it('makes a new random value current, then sets CloudFront’s header to it, and the API accepts both', async () => {
    const { events, secrets, cloudFront, deps } = setup();
    // A warm API process that read the values before the rotation.
    let now = 0;
    const accepted = secretsManagerOriginSecret('origin', secrets.client as never, () => now);
    expect(await accepted()).toEqual([OLD]);

    secrets.startRotation('v2');
    await rotate(deps, 'v2');

    const fresh = secrets.stage('AWSCURRENT') as string;
    expect(fresh).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(fresh).not.toBe(OLD);
    expect(secrets.stage('AWSPREVIOUS')).toBe(OLD);
    // The API knows the new value before CloudFront sends it.
    expect(events).toEqual([`current ${fresh}`, `cloudfront ${fresh}`]);
    expect(cloudFront.apiHeader()).toBe(fresh);
    expect(cloudFront.updates).toEqual([{ IfMatch: 'etag-1' }]);
    // The S3 origin is left as it was.
    expect(cloudFront.config().Origins?.Items?.[0]?.CustomHeaders?.Items).toEqual([]);
    // The warm process's cache predates the rotation: the unknown value makes it read again.
    now = 5_000;
    expect(await accepted()).toEqual([OLD]);
    expect(await accepted({ unknown: true })).toEqual([fresh, OLD]);
  });

  it('sets the header again when finishSecret is retried after CloudFront refused the update', async () => {
    const { secrets, cloudFront, deps } = setup({ failUpdates: 1 });
    secrets.startRotation('v2');
    await expect(rotate(deps, 'v2')).rejects.toThrow(/PreconditionFailed/);
    expect(cloudFront.apiHeader()).toBe(OLD);
    // Secrets Manager retries the step with the same token; the version is current by now.
    await rotateOriginSecret({ SecretId: 'origin', ClientRequestToken: 'v2', Step: 'finishSecret' }, deps);
    expect(cloudFront.apiHeader()).toBe(secrets.stage('AWSCURRENT'));
    // And once it is set, a further retry changes nothing.
    await rotateOriginSecret({ SecretId: 'origin', ClientRequestToken: 'v2', Step: 'finishSecret' }, deps);
    expect(cloudFront.updates).toHaveLength(2);
  });

  it('repeats createSecret without a second value, and refuses a version that is not staged', async () => {
    const { secrets, cloudFront, deps } = setup();
    secrets.startRotation('v2');
    const create: OriginRotationEvent = {
      SecretId: 'origin',
      ClientRequestToken: 'v2',
      Step: 'createSecret',
    };
    await rotateOriginSecret(create, deps);
    const pending = secrets.stage('AWSPENDING');
    await rotateOriginSecret(create, deps);
    expect(secrets.stage('AWSPENDING')).toBe(pending);
    await expect(rotateOriginSecret({ ...create, ClientRequestToken: 'v9' }, deps)).rejects.toThrow(
      /not staged/,
    );
    expect(cloudFront.updates).toEqual([]);
  });

  it('fails when no origin carries the header, rather than rotating a value nobody sends', async () => {
    const { secrets, deps } = setup({ header: 'x-other' });
    secrets.startRotation('v2');
    await expect(rotate(deps, 'v2')).rejects.toThrow(/No origin of E123 carries x-other/);
  });
});
