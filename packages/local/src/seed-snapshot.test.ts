import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalConfig, readLocalConfig } from './local-config.js';
import {
  CHECKPOINTS_FILE,
  DB_FILE,
  findSeedSnapshot,
  restoreSeedSnapshot,
  SEED_MARKER_FILE,
  saveSeedSnapshot,
  seedSnapshotKey,
  seedSnapshotPlace,
} from './seed-snapshot.js';

const root = mkdtempSync(join(tmpdir(), 'crm-seed-snapshot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const day = new Date('2026-12-01T09:00:00Z');

function sources(name: string, text: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'thing.ts'), text);
  writeFileSync(join(dir, 'thing.test.ts'), `// test beside ${text}`);
  return dir;
}

const input = join(root, 'input.txt');
writeFileSync(input, '00001 19970101 1 11.77\n');
const code = sources('code', 'export const a = 1;');
const key = (changes: Partial<Parameters<typeof seedSnapshotKey>[0]> = {}) =>
  seedSnapshotKey({
    seed: 'demo',
    tableName: 'crm',
    today: day,
    inputFile: input,
    sourceDirs: [code],
    engineVersion: '10.3.0',
    ...changes,
  });

describe('seedSnapshotKey', () => {
  it('names the same seed the same way all day', () => {
    expect(key()).toBe(key({ today: new Date('2026-12-01T23:59:59Z') }));
  });

  it('changes with the day, the input, the code, the table and DynamoDB Local', () => {
    const other = join(root, 'other-input.txt');
    writeFileSync(other, '00001 19970101 1 11.78\n');
    const keys = [
      key(),
      key({ today: new Date('2026-12-02T00:00:00Z') }),
      key({ inputFile: other }),
      key({ sourceDirs: [sources('changed-code', 'export const a = 2;')] }),
      key({ tableName: 'crm-other' }),
      key({ engineVersion: '10.4.0' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores tests beside the code', () => {
    const before = key();
    writeFileSync(join(code, 'thing.test.ts'), '// another test');
    expect(key()).toBe(before);
  });
});

describe('seedSnapshotPlace', () => {
  const config = (env: NodeJS.ProcessEnv): LocalConfig =>
    readLocalConfig({ CRM_DATA_DIR: join(root, 'data'), ...env });

  it('has no place for copies when turned off, in memory, on an outside DynamoDB or without a seed', () => {
    const cache = { CRM_SEED_CACHE: join(root, 'cache') };
    expect(seedSnapshotPlace(config(cache), input, { env: cache, today: day })).toBeDefined();
    const off = { CRM_SEED_CACHE: 'off' };
    expect(seedSnapshotPlace(config(off), input, { env: off, today: day })).toBeUndefined();
    for (const env of [
      { CRM_DATA_DIR: ':memory:' },
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' },
      { CRM_SEED: 'none' },
    ]) {
      expect(
        seedSnapshotPlace(config({ ...cache, ...env }), input, { env: cache, today: day }),
      ).toBeUndefined();
    }
  });
});

describe('a pristine copy', () => {
  const cache = join(root, 'copies');
  const staged = join(root, 'staged.db');
  writeFileSync(staged, 'the seeded database');
  const place = (today: Date) =>
    seedSnapshotPlace(readLocalConfig({ CRM_DATA_DIR: join(root, 'unused') }), input, {
      env: { CRM_SEED_CACHE: cache },
      today,
    }) as NonNullable<ReturnType<typeof seedSnapshotPlace>>;

  it('is not found before a seed kept one', () => {
    expect(findSeedSnapshot(place(day))).toBeUndefined();
  });

  it('starts a fresh data folder with the database, the checkpoints that go with it and the seed marker', async () => {
    const checkpoints = '{"streamArn":"arn:stream","shards":{"s1":{"sequenceNumber":"42"}}}\n';
    await saveSeedSnapshot({ place: place(day), dbFile: staged, checkpoints, summary: '3 customers' });
    const snapshot = findSeedSnapshot(place(day));
    expect(snapshot).toMatchObject({ summary: '3 customers', streamArn: 'arn:stream' });

    const dataDir = join(root, 'fresh-data');
    restoreSeedSnapshot({ snapshot: snapshot as NonNullable<typeof snapshot>, dataDir, seed: 'demo' });

    expect(readFileSync(join(dataDir, 'dynamodb', DB_FILE), 'utf8')).toBe('the seeded database');
    expect(readFileSync(join(dataDir, CHECKPOINTS_FILE), 'utf8')).toBe(checkpoints);
    const marker = JSON.parse(readFileSync(join(dataDir, SEED_MARKER_FILE), 'utf8'));
    expect(marker).toMatchObject({
      seeder: 'demo',
      summary: '3 customers',
      restoredFrom: { dir: place(day).dir },
    });
  });

  it('replaces the copy of another day, keeping one per seeder', async () => {
    const tomorrow = new Date('2026-12-02T08:00:00Z');
    await saveSeedSnapshot({
      place: place(tomorrow),
      dbFile: staged,
      checkpoints: undefined,
      summary: 'next day',
    });

    expect(findSeedSnapshot(place(day))).toBeUndefined();
    expect(findSeedSnapshot(place(tomorrow))?.summary).toBe('next day');
    expect(readdirSync(cache)).toEqual([place(tomorrow).dir.slice(cache.length + 1)]);
    expect(existsSync(join(place(tomorrow).dir, CHECKPOINTS_FILE))).toBe(false);
  });
});
