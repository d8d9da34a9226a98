import { existsSync, readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { AnalyticsService, type KnownOrders } from '@crm/app/analytics';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { seedDemoTenant } from './demo/seed-demo-tenant.js';
import { cdnowMasterPath } from './local-config.js';
import type { SeedContext, Seeder } from './seed.js';

export { cdnowMasterPath };

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
  if (!seeded.tenantId) return seeded;
  progress?.({ status: 'fitting' });
  const fitted = await fitDemoTenant(table, seeded.tenantId, seeded.orders, log, progress);
  // Without its fit the demo is not whole: no copy of it for later first starts.
  return { summary: seeded.summary, tenantId: seeded.tenantId, reusable: fitted };
};

/**
 * The demo's first model fit, right after its orders are in, so its customers show scores without
 * waiting for the night. The server answers meanwhile (the seed runs in the background); a start
 * stopped before the fit finished is covered by the nightly refit or `POST /v1/analytics/refit`.
 */
async function fitDemoTenant(
  table: TableClient,
  tenantId: string,
  /** The orders the seed wrote: the fit reads back only those of a customer changed since. */
  knownOrders: KnownOrders | undefined,
  log: (message: string) => void,
  progress: SeedContext['progress'],
): Promise<boolean> {
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
      ...(knownOrders ? { knownOrders } : {}),
    });
    const d = fit.diagnostics;
    if (status === 'succeeded') {
      progress?.({ scored: { done: d?.customers ?? 0, total: d?.customers ?? 0 } });
      log(
        `demo tenant fitted: ${d?.customers} customers scored, ${d?.repeaters} repeat buyers, in ${((d?.readMs ?? 0) + (d?.fitMs ?? 0) + (d?.scoreMs ?? 0)) / 1000} s`,
      );
      return true;
    }
    log(`demo tenant fit ${status}: ${fit.error?.message ?? ''}`);
  } catch (error) {
    log(`demo tenant fit stopped: ${(error as Error).message}`);
  }
  return false;
}

/** Seeders `CRM_SEED` can name. */
export const seeders: Readonly<Record<string, Seeder>> = { demo };
