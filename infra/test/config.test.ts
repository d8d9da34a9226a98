import { App, RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_API_RATE_LIMITS, readStageConfig } from '../lib/config.js';

describe('stage config', () => {
  it('defaults to the disposable dev stage', () => {
    const config = readStageConfig(new App());
    expect(config).toMatchObject({ stage: 'dev', protectData: false, removalPolicy: RemovalPolicy.DESTROY });
  });

  it('protects data in every other stage and reads CORS origins from context', () => {
    const config = readStageConfig(
      new App({
        context: { stage: 'prod', corsOrigins: 'https://crm.example.com, https://admin.example.com' },
      }),
    );
    expect(config).toMatchObject({ stage: 'prod', protectData: true, removalPolicy: RemovalPolicy.RETAIN });
    expect(config.corsOrigins).toEqual(['https://crm.example.com', 'https://admin.example.com']);
  });

  it('rejects a stage name that cannot be part of a stack name', () => {
    expect(() => readStageConfig(new App({ context: { stage: 'Prod_1' } }))).toThrow(/context "stage"/);
  });

  it('reads the alarm address and the custom domain, and refuses them malformed or half given', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const config = readStageConfig(
      new App({ context: { alarmEmail: 'ops@example.com', domainName: 'crm.example.com', certificateArn } }),
    );
    expect(config.alarmEmail).toBe('ops@example.com');
    expect(config.customDomain).toEqual({ domainName: 'crm.example.com', certificateArn });
    const read = (context: Record<string, string>) => () => readStageConfig(new App({ context }));
    expect(read({ alarmEmail: 'ops' })).toThrow(/alarmEmail/);
    expect(read({ domainName: 'crm.example.com' })).toThrow(/go together/);
    expect(
      read({
        domainName: 'crm.example.com',
        certificateArn: certificateArn.replace('us-east-1', 'eu-west-1'),
      }),
    ).toThrow(/us-east-1/);
  });
  it('reads the API rate limits per stage from context, each left out keeping the app default', () => {
    expect(readStageConfig(new App({ context: { stage: 'prod' } })).rateLimits).toEqual(
      DEFAULT_API_RATE_LIMITS,
    );
    // -c gives strings, cdk.json numbers.
    const tuned = readStageConfig(
      new App({ context: { stage: 'prod', rateLimitTenantPerSecond: '20', rateLimitTenantBurst: 200 } }),
    );
    expect(tuned.rateLimits).toEqual({
      tenant: { capacity: 200, refillPerSecond: 20 },
      apiKey: DEFAULT_API_RATE_LIMITS.apiKey,
    });
    const read = (context: Record<string, string>) => () => readStageConfig(new App({ context }));
    expect(read({ rateLimitApiKeyPerSecond: '0' })).toThrow(
      /context "rateLimitApiKeyPerSecond" must be a positive number/,
    );
    expect(read({ rateLimitTenantBurst: '0.5' })).toThrow(
      /context "rateLimitTenantBurst" must be at least 1/,
    );
  });
});
