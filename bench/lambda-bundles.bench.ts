import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { lambdaBundleOptions, lambdaEntries, repoRoot } from '@crm/local';
import { build } from 'esbuild';
import { type Benchmark, type BenchResult, quantile } from './harness.js';

const run = promisify(execFile);

// Inside node_modules so a bundle's (rare) bare imports still resolve, and git never sees it.
const outDir = join(repoRoot, 'node_modules', '.cache', 'crm-bench', 'lambda');
const IMPORT_RUNS = 7;

/** The smallest useful Hono Lambda: the baseline the CRM bundles are compared with. */
const bareHonoEntry = `
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
`;

async function bundle(
  name: string,
  entry: string,
): Promise<{ file: string; bytes: number; mapBytes: number }> {
  const outfile = join(outDir, name, 'index.mjs');
  await build({
    ...lambdaBundleOptions,
    entryPoints: [join(repoRoot, entry)],
    outfile,
    absWorkingDir: repoRoot,
    tsconfig: join(repoRoot, 'functions/tsconfig.json'),
    logLevel: 'error',
  });
  return { file: outfile, bytes: statSync(outfile).size, mapBytes: statSync(`${outfile}.map`).size };
}

/**
 * Cold-init proxy: a fresh node process (as a new Lambda sandbox would be) imports the bundle and
 * reports how long the import (module evaluation, top-level code) took. Median of several runs.
 */
async function importTimeMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const samples: number[] = [];
  for (let index = 0; index < IMPORT_RUNS; index++) {
    const { stdout } = await run(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '--eval', script],
      {
        cwd: outDir,
        env: {
          PATH: process.env.PATH,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          AWS_REGION: 'us-east-1',
          // The handlers read these at import; nothing is called during the import.
          TABLE_NAME: 'bench',
          IMPORT_BUCKET: 'bench',
          DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
        },
      },
    );
    samples.push(Number(stdout.trim().split('\n').at(-1)));
  }
  return quantile(
    samples.sort((a, b) => a - b),
    0.5,
  );
}

export const benchmarks: Benchmark[] = [
  {
    name: 'lambda-bundles',
    run: async ({ log }) => {
      mkdirSync(join(outDir, 'bare-hono'), { recursive: true });
      const bareEntry = join(outDir, 'bare-hono', 'entry.ts');
      writeFileSync(bareEntry, bareHonoEntry);
      const baseline = await bundle('bare-hono', bareEntry.slice(repoRoot.length));
      const baselineImport = await importTimeMs(baseline.file);
      log(`bare Hono handler: ${baseline.bytes} bytes, import ${baselineImport.toFixed(1)} ms`);
      const results: BenchResult[] = [];
      for (const [name, entry] of Object.entries(lambdaEntries)) {
        const bundled = await bundle(name, entry);
        const importMs = await importTimeMs(bundled.file);
        log(`${entry}: ${bundled.bytes} bytes, import ${importMs.toFixed(1)} ms`);
        results.push(
          {
            name: `${name} bundle size (${entry})`,
            value: bundled.bytes / 1024,
            unit: 'KiB',
            baseline: { name: 'bare Hono handler', value: baseline.bytes / 1024 },
            ratio: bundled.bytes / baseline.bytes,
            notes: `minified ESM, AWS SDK bundled (as CDK deploys it); source map ${(bundled.mapBytes / 1024).toFixed(0)} KiB`,
          },
          {
            name: `${name} cold import (${entry})`,
            value: importMs,
            unit: 'ms',
            baseline: { name: 'bare Hono handler', value: baselineImport },
            ratio: importMs / baselineImport,
            notes: `median of ${IMPORT_RUNS} fresh node processes; lower is better`,
          },
        );
      }
      return results;
    },
  },
];
