import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { acknowledgeCrossRegionReferenceHandler } from '../nag.js';

/** Requests one client address may send in five minutes (WAF counts per IP over a sliding 5 min). */
export type EdgeRateLimits = {
  /** Every path. @default 3000 (10 req/s sustained: an office behind one NAT address still fits) */
  readonly perIp: number;
  /** `/v1/auth/*` (sign-up, login, refresh, logout, invitations). @default 100 */
  readonly authPerIp: number;
};

export type EdgeStackProps = StackProps & {
  readonly config: StageConfig;
  /** @default { perIp: 3000, authPerIp: 100 } */
  readonly rateLimits?: EdgeRateLimits;
};

/** The API's auth routes; the tighter rate-based rule is scoped down to them. */
export const AUTH_PATH_PREFIX = '/v1/auth/';

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

function managedRuleGroup(
  priority: number,
  name: string,
  overrides: readonly string[] = [],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(overrides.length
          ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    visibilityConfig: visibility(name),
  };
}

/**
 * The CloudFront-scope WAF web ACL. CloudFront only accepts a web ACL from us-east-1, so this
 * small stack is pinned there and the web stack (in the stage's region) refers to its ARN
 * through a cross-region reference (CDK writes it to SSM Parameter Store in the web stack's
 * region). It is the first line against one client flooding everyone: per-IP rate limits,
 * a tighter one on the auth routes, and AWS's managed rule groups.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const limits = props.rateLimits ?? { perIp: 3000, authPerIp: 100 };
    const prefix = `crm-${props.config.stage}`;

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${prefix}-web`,
      description: `CRM ${props.config.stage} CloudFront web ACL: managed rules, per-IP rate limits`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-web`),
      rules: [
        // Known-bad addresses cost nothing to refuse, before anything is counted for them.
        managedRuleGroup(0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'AuthRatePerIp',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: limits.authPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: AUTH_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('AuthRatePerIp'),
        },
        {
          name: 'RatePerIp',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: limits.perIp, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('RatePerIp'),
        },
        // SizeRestrictions_BODY blocks bodies over 8 KB; CSV imports are larger, and the app
        // enforces its own limits (1 MB, imports 6 MB). Counted, so it still shows in metrics.
        managedRuleGroup(3, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managedRuleGroup(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    acknowledgeCrossRegionReferenceHandler(this);
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }
}
