import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

type Rule = {
  Name: string;
  Action?: Record<string, unknown>;
  Statement: {
    ManagedRuleGroupStatement?: { Name: string; VendorName: string };
    RateBasedStatement?: {
      Limit: number;
      AggregateKeyType: string;
      ScopeDownStatement?: { ByteMatchStatement?: { SearchString: string; PositionalConstraint: string } };
    };
  };
};

describe('edge stack (CloudFront WAF)', () => {
  const prod = buildTestApp({ stage: 'prod' });
  const edge = Template.fromStack(prod.edge);
  const web = Template.fromStack(prod.web);
  const rules = () =>
    (Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0] as { Properties: { Rules: Rule[] } })
      .Properties.Rules;

  it('lives in us-east-1, as CloudFront requires, while the other stacks stay in the stage’s region', () => {
    expect(prod.edge.region).toBe('us-east-1');
    expect(prod.web.region).toBe('eu-central-1');
    expect(prod.data.region).toBe('eu-central-1');
  });

  it('is one CLOUDFRONT-scope web ACL that allows by default', () => {
    edge.resourceCountIs('AWS::WAFv2::WebACL', 1);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('runs AWS’s common, known-bad-inputs and IP-reputation rule groups', () => {
    const groups = rules().flatMap((rule) => rule.Statement.ManagedRuleGroupStatement ?? []);
    expect(groups.map((group) => group.Name).sort()).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    for (const group of groups) expect(group.VendorName).toBe('AWS');
  });

  it('blocks a client address over its rate, tighter on the auth paths', () => {
    const rated = rules().filter((rule) => rule.Statement.RateBasedStatement);
    expect(rated).toHaveLength(2);
    for (const rule of rated) {
      expect(rule.Action).toEqual({ Block: {} });
      expect(rule.Statement.RateBasedStatement?.AggregateKeyType).toBe('IP');
    }
    const auth = rated.find((rule) => rule.Statement.RateBasedStatement?.ScopeDownStatement);
    const overall = rated.find((rule) => !rule.Statement.RateBasedStatement?.ScopeDownStatement);
    expect(auth?.Statement.RateBasedStatement?.ScopeDownStatement?.ByteMatchStatement).toMatchObject({
      SearchString: '/v1/auth/',
      PositionalConstraint: 'STARTS_WITH',
    });
    expect(auth?.Statement.RateBasedStatement?.Limit).toBeLessThan(
      overall?.Statement.RateBasedStatement?.Limit ?? 0,
    );
  });

  it('is attached to the distribution through a cross-region reference', () => {
    const [webAcl] = Object.keys(edge.findResources('AWS::WAFv2::WebACL'));
    // The edge stack writes the ARN to SSM in the web stack's region; the web stack reads it back.
    edge.hasResourceProperties('Custom::CrossRegionExportWriter', {
      WriterProps: {
        region: 'eu-central-1',
        exports: Match.objectLike({}),
      },
    });
    expect(JSON.stringify(edge.toJSON())).toContain(`"${webAcl}","Arn"`);
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        WebACLId: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.stringLikeRegexp('WebAcl')],
        },
      },
    });
  });

  it('follows context `region`', () => {
    const app = buildTestApp({ context: { region: 'ap-southeast-2' } });
    expect(app.web.region).toBe('ap-southeast-2');
    expect(app.edge.region).toBe('us-east-1');
    expect(() => buildTestApp({ context: { region: 'Frankfurt' } })).toThrow(/region/);
  });
});
