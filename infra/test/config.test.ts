import { App, RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../lib/config.js';

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
});
