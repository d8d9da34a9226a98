import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TableClient } from '@crm/dynamodb';

export type SeedContext = {
  table: TableClient;
  log: (message: string) => void;
};

/** Fills a fresh database with something to look at. Must be safe to run twice. */
export type Seeder = (context: SeedContext) => Promise<{ summary: string }>;

export type SeedOutcome =
  | { status: 'seeded'; summary: string }
  | { status: 'skipped'; reason: 'disabled' | 'already-seeded' }
  | { status: 'unavailable'; name: string };

export type RunSeedOptions = {
  /** `CRM_SEED`: the seeder to run, or `none`. */
  name: string;
  seeders: Readonly<Record<string, Seeder>>;
  /**
   * A file that records a finished seed, so it runs on the first start only. Undefined for an
   * in-memory database, which is empty on every start and so is always seeded.
   */
  markerPath: string | undefined;
  context: SeedContext;
};

/**
 * Runs the named seeder once per data folder. A seeder that is not registered yet is reported,
 * not an error, and leaves no marker, so it runs on the first start after it arrives.
 *
 * @example
 * await runSeed({ name: 'demo', seeders, markerPath: '.data/seed.json', context: { table, log } });
 */
export async function runSeed(options: RunSeedOptions): Promise<SeedOutcome> {
  const { name, seeders, markerPath, context } = options;
  if (name === 'none') return { status: 'skipped', reason: 'disabled' };
  if (markerPath && existsSync(markerPath)) return { status: 'skipped', reason: 'already-seeded' };
  const seeder = seeders[name];
  if (!seeder) return { status: 'unavailable', name };
  const { summary } = await seeder(context);
  if (markerPath) {
    mkdirSync(dirname(markerPath), { recursive: true });
    writeFileSync(
      markerPath,
      `${JSON.stringify({ seeder: name, summary, at: new Date().toISOString() }, null, 2)}\n`,
    );
  }
  return { status: 'seeded', summary };
}
