import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
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
