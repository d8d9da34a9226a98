import type { Seeder } from './seed.js';

/**
 * Seeders `CRM_SEED` can name. The demo tenant (CDNOW customers) arrives with the customer-book
 * work: register it here with one line, e.g. `demo: seedDemoTenant,`.
 */
export const seeders: Readonly<Record<string, Seeder>> = {};
