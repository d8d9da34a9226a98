import type { BuildOptions } from 'esbuild';

/**
 * The esbuild settings the CDK's NodejsFunction uses for every CRM Lambda
 * (infra/lib/constructs/crm-function.ts: `bundling`), in esbuild's own terms, so the bundle-size
 * and cold-import benchmarks measure what is deployed. infra may not import this package (module
 * boundaries), so the two are kept in step by hand: change both or neither.
 */
export const lambdaBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // bundleAwsSDK: true and no externals: the deployed code runs the SDK the tests ran.
  external: [],
  // Bundled CommonJS dependencies call `require` for Node built-ins; an ESM bundle needs this shim.
  banner: {
    js: "import { createRequire as __crmCreateRequire } from 'node:module'; const require = __crmCreateRequire(import.meta.url);",
  },
  outExtension: { '.js': '.mjs' },
} as const satisfies BuildOptions;

/** The Lambda entry points, relative to the repository root. */
export const lambdaEntries = {
  http: 'functions/http/handler.ts',
  streams: 'functions/streams/stream.handler.ts',
  scheduled: 'functions/scheduled/nightly-refit.handler.ts',
  imports: 'functions/imports/import-worker.handler.ts',
  webhooks: 'functions/webhooks/webhook-delivery.handler.ts',
} as const;
