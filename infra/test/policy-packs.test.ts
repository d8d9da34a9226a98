import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

/** Everything switched on: SES mail (its handler and topic) and an alarm address. */
const prodContext = {
  publicUrl: 'https://crm.example.com',
  mailFrom: 'no-reply@crm.example.com',
  mailIdentity: 'crm.example.com',
  alarmEmail: 'ops@example.com',
};

type ValidationReport = {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[];
};

const controlTower = () => new CfnGuardValidator({ controlTowerRulesEnabled: true });

describe('AWS policy rules over the prod app', () => {
  it('passes AWS Control Tower’s proactive controls (cfn-guard), each exception acknowledged with its reason', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'crm-guard-'));
    const { app } = buildTestApp({
      stage: 'prod',
      context: prodContext,
      policyValidation: [controlTower()],
      outdir,
    });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(
      readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const guard = report.pluginReports.find((plugin) => plugin.pluginName === 'cdk-validator-cfnguard');
    expect(guard?.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(guard?.conclusion).toBe('success');
  }, 240_000);

  it('the same rules do fail a stack that breaks one (a queue without a dead-letter queue)', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'crm-guard-bad-')) });
    Validations.of(app).addPlugins(controlTower());
    new Queue(new Stack(app, 'Bad'), 'NoDlq');
    expect(() => app.synth()).toThrow(/CT\.SQS\.PR\.1/);
  }, 120_000);

  it('has no error in cdk-nag’s ServerlessChecks pack', () => {
    const { app } = buildTestApp({ stage: 'prod', context: prodContext });
    const report = new ServerlessChecks().validateScope(app);
    const errors = report.violations
      .filter((violation) => violation.severity === 'error')
      .map(
        (violation) =>
          `${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );
    expect(errors).toEqual([]);
  }, 240_000);
});
