import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../lib/stacks/api-stack.js';
import { actionsOf, buildTestApp, policyStatements, policyStatementsOfRole } from './helpers.js';

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

  it('sends the secret’s current value, with no version pinned (a rotation moves it)', () => {
    const value = JSON.stringify(apiOrigin(web).OriginCustomHeaders?.[0]?.HeaderValue);
    expect(value).toMatch(/:SecretString:::}}/);
  });

  describe('rotation', () => {
    const resources = (type: string) =>
      Object.entries(web.findResources(type)) as [string, { Properties: Record<string, unknown> }][];
    const [rotationId, rotation] =
      resources('AWS::Lambda::Function').find(([, fn]) =>
        JSON.stringify(fn.Properties.Environment).includes('"crm-origin-rotation"'),
      ) ?? [];
    const distributionId = Object.keys(web.findResources('AWS::CloudFront::Distribution'))[0] as string;

    it('rotates the secret every 30 days with a function beside the distribution', () => {
      expect(rotationId).toBeDefined();
      web.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
        SecretId: { 'Fn::ImportValue': Match.stringLikeRegexp(`Ref${secretId}`) },
        RotationLambdaARN: { 'Fn::GetAtt': [rotationId, 'Arn'] },
        RotationRules: { ScheduleExpression: 'rate(30 days)' },
      });
      expect(rotation?.Properties.Environment).toEqual({
        Variables: expect.objectContaining({
          DISTRIBUTION_ID: { Ref: distributionId },
          ORIGIN_VERIFY_HEADER,
        }),
      });
      // The API stack's acknowledgements of "no rotation" are gone with the manual procedure.
      expect(JSON.stringify(api.toJSON())).not.toContain('Rotated by hand');
    });

    it('lets it change this secret and rewrite this distribution only, and only Secrets Manager of this account invoke it', () => {
      const role =
        (rotation?.Properties.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] ??
        '-';
      const statements = policyStatementsOfRole(web, role);
      const onCloudFront = statements.filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('cloudfront:')),
      );
      expect(onCloudFront).toHaveLength(1);
      expect(actionsOf(onCloudFront[0] ?? {}).sort()).toEqual([
        'cloudfront:GetDistributionConfig',
        'cloudfront:UpdateDistribution',
      ]);
      expect(JSON.stringify(onCloudFront[0]?.Resource)).toContain(`{"Ref":"${distributionId}"}`);
      const onSecret = statements.filter((statement) =>
        actionsOf(statement).includes('secretsmanager:PutSecretValue'),
      );
      expect(onSecret).toHaveLength(1);
      expect(JSON.stringify(onSecret[0]?.Resource)).toContain(`Ref${secretId}`);
      web.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [rotationId, 'Arn'] },
        Principal: 'secretsmanager.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    });

    it('sends a rotation Secrets Manager gave up on to a failure queue, and alarms on it and on errors', () => {
      web.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: rotationId },
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
      const alarms = resources('AWS::CloudWatch::Alarm').map(([, alarm]) =>
        String(alarm.Properties.AlarmDescription),
      );
      expect(alarms.some((text) => text.startsWith('OriginSecretRotation: the function failed'))).toBe(true);
      expect(
        alarms.some((text) => text.startsWith('OriginSecretRotationFailures: messages are waiting')),
      ).toBe(true);
    });
  });
});
