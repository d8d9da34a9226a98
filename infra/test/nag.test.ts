import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

describe('cdk-nag AwsSolutions', () => {
  for (const stage of ['dev', 'prod']) {
    it(`has zero unacknowledged errors in the ${stage} stage`, () => {
      const { app } = buildTestApp({ stage, nag: true });
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
