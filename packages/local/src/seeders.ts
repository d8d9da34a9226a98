import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { AnalyticsService } from '@crm/app/analytics';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { seedDemoTenant } from './demo/seed-demo-tenant.js';
import { repoRoot } from './local-config.js';
import type { SeedContext, Seeder } from './seed.js';

/** The CDNOW master file, beside the repository (../shared/data/cdnow); CRM_DEMO_DATA overrides. */
export function cdnowMasterPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CRM_DEMO_DATA || join(repoRoot, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
}

const demo: Seeder = async ({ table, log, progress }) => {
  const path = cdnowMasterPath();
  if (!existsSync(path)) {
    throw new Error(`demo seed needs the CDNOW master file at ${path} (set CRM_DEMO_DATA, or CRM_SEED=none)`);
  }
  log(`seeding the demo tenant from ${path}`);
  const seeded = await seedDemoTenant({
    table,
    cdnowMaster: readFileSync(path, 'utf8'),
    hasher: createScryptHasher(),
    // Sign-up issues tokens nobody uses here; the server's own key signs real logins.
    signingKey: inMemorySigningKey(),
    log,
    ...(progress ? { onProgress: progress } : {}),
  });
  if (seeded.tenantId) {
    progress?.({ status: 'fitting' });
    await fitDemoTenant(table, seeded.tenantId, log, progress);
  }
  return seeded;
};

/**
 * The demo's first model fit, right after its orders are in, so its customers show scores without
 * waiting for the night. The server answers meanwhile (the seed runs in the background); a start
 * stopped before the fit finished is covered by the nightly refit or `POST /v1/analytics/refit`.
 */
async function fitDemoTenant(
  table: TableClient,
  tenantId: string,
  log: (message: string) => void,
  progress: SeedContext['progress'],
): Promise<void> {
  const analytics = new AnalyticsService({
    tenantClient: sharedClientFactory(table),
    clock: () => new Date(),
  });
  log('fitting the demo tenant’s analytics models…');
  try {
    const { status, fit } = await analytics.refit({
      tenantId,
      trigger: 'seed',
      waitMs: Number.MAX_SAFE_INTEGER,
    });
    const d = fit.diagnostics;
    if (status === 'succeeded') {
      progress?.({ scored: { done: d?.customers ?? 0, total: d?.customers ?? 0 } });
      log(
        `demo tenant fitted: ${d?.customers} customers scored, ${d?.repeaters} repeat buyers, in ${((d?.readMs ?? 0) + (d?.fitMs ?? 0) + (d?.scoreMs ?? 0)) / 1000} s`,
      );
    } else {
      log(`demo tenant fit ${status}: ${fit.error?.message ?? ''}`);
    }
  } catch (error) {
    log(`demo tenant fit stopped: ${(error as Error).message}`);
  }
}

/** Seeders `CRM_SEED` can name. */
export const seeders: Readonly<Record<string, Seeder>> = { demo };
