import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp, templatesFor } from './helpers.js';

type DistributionResource = { Properties: { DistributionConfig: Record<string, unknown> } };

describe('web stack', () => {
  const { web } = templatesFor('dev');

  it('keeps the SPA in a private, encrypted, TLS-only bucket with server access logs', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/spa/' }),
    });
    web.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^SpaBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('reads the bucket through Origin Access Control', () => {
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({
            OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('OriginAccessControl'), 'Id'] },
          }),
        ]),
      }),
    });
  });

  it('falls back to index.html for client routes with a viewer-request function, never masking API errors', () => {
    web.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
    });
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
    // Distribution-wide custom error responses would turn the API's 404s into 200 index.html.
    const [distribution] = Object.values(
      web.findResources('AWS::CloudFront::Distribution'),
    ) as DistributionResource[];
    expect(distribution?.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
  });

  it('routes /v1/* and /health to the HTTP API uncached', () => {
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/v1/*',
            ViewerProtocolPolicy: 'https-only',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
            AllowedMethods: Match.arrayWith(['POST', 'DELETE']),
          }),
          Match.objectLike({ PathPattern: '/health' }),
        ],
      }),
    });
  });

  it('sends security headers: HSTS, nosniff, DENY framing, referrer policy and a CSP allowing self + the API', () => {
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: {
            ContentSecurityPolicy: {
              'Fn::Join': [
                '',
                [
                  Match.stringLikeRegexp("^default-src 'self';.* connect-src 'self' https://$"),
                  // the API's domain, from its endpoint URL
                  { 'Fn::Select': [2, { 'Fn::Split': ['/', Match.anyValue()] }] },
                  Match.stringLikeRegexp("^; frame-ancestors 'none';.* object-src 'none'$"),
                ],
              ],
            },
            Override: true,
          },
        }),
      }),
    });
  });

  it('deploys the SPA build and invalidates the shell', () => {
    web.resourceCountIs('Custom::CDKBucketDeployment', 2);
    web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/index.html'],
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });

  it('never uploads source maps, and refuses any left in the bucket', () => {
    for (const deployment of Object.values(web.findResources('Custom::CDKBucketDeployment')) as {
      Properties: { Exclude?: string[]; SourceObjectKeys?: unknown };
    }[]) {
      const excluded = deployment.Properties.Exclude ?? [];
      // The shell's deployment excludes everything but index.html at the asset already.
      if (!JSON.stringify(deployment.Properties).includes('no-cache')) expect(excluded).toContain('*.map');
    }
    const [routing] = Object.values(web.findResources('AWS::CloudFront::Function')) as {
      Properties: { FunctionCode: string };
    }[];
    const code = routing?.Properties.FunctionCode ?? '';
    const handler = new Function(`${code}; return handler;`)() as (event: unknown) => {
      statusCode?: number;
      uri?: string;
    };
    expect(handler({ request: { uri: '/assets/index-abc123.js.map' } }).statusCode).toBe(404);
    expect(handler({ request: { uri: '/assets/index-abc123.js' } })).toMatchObject({
      uri: '/assets/index-abc123.js',
    });
    expect(handler({ request: { uri: '/customers/42' } })).toMatchObject({ uri: '/index.html' });
  });

  it('skips the deployment with a warning when the SPA has not been built', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'crm-web-')), 'dist');
    const { web: stack } = buildTestApp({ webDistPath: missing });
    Template.fromStack(stack).resourceCountIs('Custom::CDKBucketDeployment', 0);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('the SPA is NOT deployed'));
  });

  it('serves a custom domain from context with its ACM certificate, over SNI and TLS 1.2 or later', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
    const { web: stack } = buildTestApp({ context: { domainName: 'crm.example.com', certificateArn } });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['crm.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
  });
});
