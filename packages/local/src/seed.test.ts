import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableClient } from '@crm/dynamodb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runSeed, type Seeder } from './seed.js';

const directory = mkdtempSync(join(tmpdir(), 'crm-seed-'));
const context = { table: {} as TableClient, log: () => {} };

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('runSeed', () => {
  it('seeds on the first start only', async () => {
    const seeder = vi.fn<Seeder>(async () => ({ summary: '3 customers' }));
    const markerPath = join(directory, 'first', 'seed.json');

    const first = await runSeed({ name: 'demo', seeders: { demo: seeder }, markerPath, context });
    const second = await runSeed({ name: 'demo', seeders: { demo: seeder }, markerPath, context });

    expect(first).toEqual({ status: 'seeded', summary: '3 customers' });
    expect(second).toEqual({ status: 'skipped', reason: 'already-seeded' });
    expect(seeder).toHaveBeenCalledTimes(1);
  });

  it('always seeds an in-memory database', async () => {
    const seeder = vi.fn<Seeder>(async () => ({ summary: 'ok' }));
    await runSeed({ name: 'demo', seeders: { demo: seeder }, markerPath: undefined, context });
    await runSeed({ name: 'demo', seeders: { demo: seeder }, markerPath: undefined, context });
    expect(seeder).toHaveBeenCalledTimes(2);
  });

  it('skips when CRM_SEED=none and reports a seeder that is not there yet without marking', async () => {
    const markerPath = join(directory, 'later', 'seed.json');
    expect(await runSeed({ name: 'none', seeders: {}, markerPath, context })).toEqual({
      status: 'skipped',
      reason: 'disabled',
    });
    expect(await runSeed({ name: 'demo', seeders: {}, markerPath, context })).toEqual({
      status: 'unavailable',
      name: 'demo',
    });
    expect(existsSync(markerPath)).toBe(false);
  });

  it('hands the seeder’s result to the step before marking, and marks only after it', async () => {
    const markerPath = join(directory, 'handed', 'seed.json');
    const seen: unknown[] = [];
    const seeder = vi.fn<Seeder>(async () => ({ summary: 'whole', reusable: true }));

    await runSeed({
      name: 'demo',
      seeders: { demo: seeder },
      markerPath,
      context,
      beforeMarking: async (seeded) => {
        seen.push({ ...seeded, markedYet: existsSync(markerPath) });
      },
    });

    expect(seen).toEqual([{ summary: 'whole', reusable: true, markedYet: false }]);
    expect(existsSync(markerPath)).toBe(true);
  });
});
