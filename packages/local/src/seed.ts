import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TableClient } from '@crm/dynamodb';
import type { SeedProgressUpdate } from './seed-progress.js';

export type SeedContext = {
  table: TableClient;
  log: (message: string) => void;
  /** Reports how far the seed has come (shown by `GET /runtime.json`). */
  progress?: (update: SeedProgressUpdate) => void;
};

/** What a seeder did. */
export type Seeded = {
  summary: string;
  /**
   * The database it left is the same on every run (given the same input and code) and complete,
   * so later first starts may begin from a copy of it instead of seeding (seed-snapshot.ts).
   */
  reusable?: boolean;
};

/** Fills a fresh database with something to look at. Must be safe to run twice. */
export type Seeder = (context: SeedContext) => Promise<Seeded>;

export type SeedOutcome =
  | { status: 'seeded'; summary: string }
  | { status: 'skipped'; reason: 'disabled' | 'already-seeded' }
  | { status: 'unavailable'; name: string }
  | { status: 'failed'; error: string };

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
  /**
   * Runs after the seeder, before the marker is written: a seed counts as done only once this
   * succeeded (the local runtime moves a staged database into the data folder here).
   */
  beforeMarking?: (seeded: Seeded) => Promise<void>;
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
  const seeded = await seeder(context);
  const { summary } = seeded;
  await options.beforeMarking?.(seeded);
  if (markerPath) {
    mkdirSync(dirname(markerPath), { recursive: true });
    writeFileSync(
      markerPath,
      `${JSON.stringify({ seeder: name, summary, at: new Date().toISOString() }, null, 2)}\n`,
    );
  }
  return { status: 'seeded', summary };
}
