import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { CrmFunction } from '../lib/constructs/crm-function.js';
import { buildTestApp } from './helpers.js';

describe('cdk-nag AwsSolutions', () => {
  const mail = {
    publicUrl: 'https://crm.example.com',
    mailFrom: 'no-reply@crm.example.com',
    mailIdentity: 'crm.example.com',
    campaignSms: 'true',
  };
  for (const [stage, context] of [
    ['dev', {}],
    ['prod', {}],
    ['prod', mail],
  ] as const) {
    const label =
      Object.keys(context).length > 0 ? `${stage} stage with SES mail and SNS SMS` : `${stage} stage`;
    it(`has zero unacknowledged errors in the ${label}`, () => {
      const { app } = buildTestApp({ stage, nag: true, context });
      // The registered plugin runs during synthesis and fails it on any unacknowledged error.
      expect(() => app.synth()).not.toThrow();

      const report = new AwsSolutionsChecks().validateScope(app);
      const errors = report.violations
        .filter((violation) => violation.severity === 'error')
        .map(
          (violation) =>
            `${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
        );
      expect(errors).toEqual([]);
      // Synthesising every stack twice (plugin, then report) takes ~15 s alone and far longer on a busy box.
    }, 180_000);
  }
});

/** The acknowledgement of `ruleId` nearest to `construct` (its own, else its parents'), as cdk-nag finds it. */
function acknowledgementOf(construct: IConstruct, ruleId: string): string | undefined {
  for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      // aws-cdk-lib stores an AwsSolutions id as `Annotation::<id>`; cdk-nag strips the prefix.
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        if (id.replace(/^annotation::/i, '') === ruleId) return reason;
      }
    }
  }
  return undefined;
}

describe('acknowledgement reasons', () => {
  it('name exactly the actions each function’s role holds on Resource "*" (AwsSolutions-IAM5)', () => {
    // Every option that adds a grant on "*": SES mail, SNS SMS, both secret rotations (prod).
    const { app } = buildTestApp({
      stage: 'prod',
      context: {
        publicUrl: 'https://crm.example.com',
        mailFrom: 'no-reply@crm.example.com',
        mailIdentity: 'crm.example.com',
        campaignSms: 'true',
      },
    });
    const functions = app.node.findAll().filter((node): node is CrmFunction => node instanceof CrmFunction);
    expect(functions.length).toBeGreaterThan(10);
    const seen: Record<string, { granted: string[]; named: string[] }> = {};
    for (const fn of functions) {
      const policies = (fn.role?.node.findAll() ?? []).filter((node) => node instanceof CfnPolicy);
      const granted = new Set<string>();
      let reason: string | undefined;
      for (const policy of policies) {
        const document = Stack.of(policy).resolve(policy.policyDocument) as {
          Statement: { Effect: string; Action: string | string[]; Resource: unknown }[];
        };
        for (const statement of document.Statement) {
          if (statement.Effect !== 'Allow' || ![statement.Resource].flat().includes('*')) continue;
          for (const action of [statement.Action].flat()) granted.add(action);
          reason ??= acknowledgementOf(policy, 'AwsSolutions-IAM5[Resource::*]');
        }
      }
      // Actions are written service:Action; the SMS reason's topic ARN (arn:aws:sns:*:*:*) is not one.
      const named = new Set(reason?.match(/\b[a-z0-9-]+:[A-Z][A-Za-z]+\b/g) ?? []);
      seen[fn.node.path] = { granted: [...granted].sort(), named: [...named].sort() };
    }
    for (const [path, { granted, named }] of Object.entries(seen)) {
      expect({ path, named }).toEqual({ path, named: granted });
    }
    // The cases this pins: the rotations' GetRandomPassword, SMS on both senders, tracing on all.
    const withAction = (action: string) =>
      Object.entries(seen)
        .filter(([, { named }]) => named.includes(action))
        .map(([path]) => path);
    expect(withAction('secretsmanager:GetRandomPassword')).toHaveLength(2);
    expect(withAction('sns:Publish')).toHaveLength(2);
    expect(withAction('xray:PutTraceSegments')).toHaveLength(functions.length);
  }, 180_000);
});
