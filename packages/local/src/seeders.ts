import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScryptHasher, inMemorySigningKey } from '@crm/api';
import { seedDemoTenant } from '@crm/api/demo';
import { repoRoot } from './local-config.js';
import type { Seeder } from './seed.js';

/** The CDNOW master file, beside the repository (../shared/data/cdnow); CRM_DEMO_DATA overrides. */
export function cdnowMasterPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CRM_DEMO_DATA || join(repoRoot, '..', 'shared', 'data', 'cdnow', 'CDNOW_master.txt');
}

const demo: Seeder = async ({ table, log }) => {
  const path = cdnowMasterPath();
  if (!existsSync(path)) {
    throw new Error(`demo seed needs the CDNOW master file at ${path} (set CRM_DEMO_DATA, or CRM_SEED=none)`);
  }
  log(`seeding the demo tenant from ${path}`);
  return seedDemoTenant({
    table,
    cdnowMaster: readFileSync(path, 'utf8'),
    hasher: createScryptHasher(),
    // Sign-up issues tokens nobody uses here; the server's own key signs real logins.
    signingKey: inMemorySigningKey(),
    log,
  });
};

/** Seeders `CRM_SEED` can name. */
export const seeders: Readonly<Record<string, Seeder>> = { demo };
