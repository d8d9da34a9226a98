import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../lib/stacks/api-stack.js';
import { actionsOf, buildTestApp, policyStatements } from './helpers.js';

type Origin = {
  Id: string;
  DomainName: unknown;
  OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
};

function apiOrigin(web: Template): Origin {
  const [distribution] = Object.values(web.findResources('AWS::CloudFront::Distribution')) as {
    Properties: { DistributionConfig: { Origins: Origin[] } };
  }[];
  const origins = distribution?.Properties.DistributionConfig.Origins ?? [];
  const api = origins.find((origin) => JSON.stringify(origin.DomainName).includes('ApiEndpoint'));
  if (!api) throw new Error('no API origin');
  return api;
}

describe('direct calls to the execute-api endpoint are refused', () => {
  const prod = buildTestApp({ stage: 'prod' });
  const api = Template.fromStack(prod.api);
  const web = Template.fromStack(prod.web);
  const [secretId] = Object.keys(api.findResources('AWS::SecretsManager::Secret')).filter((id) =>
    id.startsWith('OriginVerifySecret'),
  );

  it('keeps a generated origin secret in Secrets Manager', () => {
    expect(secretId).toBeDefined();
    api.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 48, ExcludePunctuation: true }),
    });
  });

  it('has CloudFront send it to the API origin as a header, resolved at deploy time (never in the template)', () => {
    const headers = apiOrigin(web).OriginCustomHeaders ?? [];
    expect(headers.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    const value = JSON.stringify(headers[0]?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(`${secretId}`);
  });

  it('tells the API which header and secret to check, and lets it read only that secret', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ORIGIN_VERIFY_HEADER,
          ORIGIN_VERIFY_SECRET_ARN: { Ref: secretId },
        }),
      },
    });
    const reads = policyStatements(api).filter((statement) =>
      actionsOf(statement).includes('secretsmanager:GetSecretValue'),
    );
    // Policies are minimized: the secret may share a statement with the signing key, never a wildcard.
    const resources = reads.flatMap((statement) =>
      Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource],
    );
    expect(resources).toContainEqual({ Ref: secretId });
    expect(resources).not.toContain('*');
  });

  it('pins the secret version from context `originSecretVersion`, so a rotation reaches CloudFront', () => {
    const rotated = buildTestApp({
      stage: 'prod',
      context: { originSecretVersion: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' },
    });
    const value = JSON.stringify(
      apiOrigin(Template.fromStack(rotated.web)).OriginCustomHeaders?.[0]?.HeaderValue,
    );
    expect(value).toContain(':a1b2c3d4-5678-90ab-cdef-EXAMPLE11111}}');
  });
});
