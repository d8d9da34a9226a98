import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

type LambdaResource = {
  Properties: { Code?: { S3Key?: unknown }; Environment?: { Variables?: Record<string, unknown> } };
};

/**
 * The other infra tests skip esbuild for speed; this one bundles every function of dev and of prod
 * as `cdk synth` does, so an import esbuild cannot resolve fails CI, not a deploy.
 */
describe('synthesis with bundling', () => {
  it('bundles every application function of dev and prod into an ESM file', () => {
    // One assembly directory for both: CDK then reuses dev's bundles for prod (same code, same
    // options), which halves the time; each stage's assets are checked right after its synth.
    const outdir = mkdtempSync(join(tmpdir(), 'crm-bundled-'));
    for (const stage of ['dev', 'prod']) {
      const crm = buildTestApp({ stage, bundling: true, outdir });
      const assembly = crm.app.synth();
      const stacks = [crm.data, crm.api, crm.streams, crm.scheduled, crm.web, crm.edge];
      let bundled = 0;
      for (const stack of stacks) {
        const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function') as Record<
          string,
          LambdaResource
        >;
        for (const [id, fn] of Object.entries(functions)) {
          // Our functions carry a Powertools service name; CDK's own handlers are prebuilt.
          if (fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === undefined) continue;
          const key = JSON.stringify(fn.Properties.Code?.S3Key ?? '');
          const hash = /([0-9a-f]{64})\.zip/.exec(key)?.[1];
          expect(hash, `${stack.stackName}/${id} has no asset`).toBeDefined();
          const bundle = join(assembly.directory, `asset.${hash}`, 'index.mjs');
          expect(existsSync(bundle), `${stack.stackName}/${id}: ${bundle}`).toBe(true);
          expect(statSync(bundle).size).toBeGreaterThan(10_000);
          bundled += 1;
        }
      }
      expect(bundled, stage).toBeGreaterThanOrEqual(8);
    }
    // Sixteen functions bundled by esbuild one after another: over three minutes on a loaded box.
  }, 360_000);
});
