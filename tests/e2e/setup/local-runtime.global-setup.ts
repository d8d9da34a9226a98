import { join } from 'node:path';
import { readLocalConfig, repoRoot, startLocalRuntime } from '@crm/local';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../support/web-build.js';
import '../support/provided-context.js';

/**
 * The product as a newcomer runs it, once for the whole e2e run: the built SPA (built here when
 * missing or stale) served by the real local runtime on a free port, with an in-memory DynamoDB
 * Local, no seed and no nightly timer. Specs isolate themselves by signing up their own tenant.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = performance.now();
  ensureWebBuild(join(repoRoot, 'web'));
  const runtime = await startLocalRuntime(
    readLocalConfig({ PORT: '0', CRM_DATA_DIR: ':memory:', CRM_SEED: 'none', CRM_REFIT_HOUR_UTC: 'off' }),
    { log: () => {} },
  );
  project.provide('e2eBaseUrl', runtime.url);
  // For specs that run a nightly pass with a fake clock against the runtime's own table.
  project.provide('e2eDynamoDb', { endpoint: runtime.dynamodbEndpoint, tableName: runtime.tableName });
  console.log(
    `e2e: local runtime at ${runtime.url} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return () => runtime.stop();
}
