import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { assertPortFree } from './free-port.js';
import { IN_MEMORY, type LocalConfig, seedInputFile } from './local-config.js';
import {
  copyDurably,
  DB_FILE,
  findSeedSnapshot,
  restoreSeedSnapshot,
  type SeedSnapshot,
  type SeedSnapshotPlace,
  saveSeedSnapshot,
  seedSnapshotPlace,
} from './seed-snapshot.js';

/** Where a first start stages its database: memory-backed on Linux. */
const STAGING_PARENT = '/dev/shm';
const STAGING_PREFIX = 'crm-first-start-';

/** The DynamoDB the local runtime talks to, and how to let go of it. */
export type LocalStorage = {
  endpoint: string;
  /**
   * True on a first start that runs on a staging copy in memory-backed storage (see `persist`):
   * DynamoDB Local with `-dbPath` syncs every item to disk, ~10× slower than memory, and a seed
   * writes some 150,000 items.
   */
  staged: boolean;
  /**
   * Moves a staged database into the data folder: stops DynamoDB Local, copies its file (one
   * sequential write), and starts it again on the data folder at the same endpoint. Nothing may
   * use the database meanwhile (the runtime holds requests and stops the poller). No-op when not
   * staged.
   */
  persist: () => Promise<void>;
  /**
   * After `persist`, frees the staging folder; given `snapshot`, first keeps the staged database
   * (no longer in use) as the pristine copy later first starts begin from (seed-snapshot.ts),
   * with the poller's checkpoints at the move. No-op when not staged.
   */
  releaseStaging: (snapshot?: { checkpoints: string | undefined; summary: string }) => Promise<void>;
  /** True when a staged seed may be kept as a pristine copy (`CRM_SEED_CACHE` is not `off`). */
  keepsSeedCopies: boolean;
  /** Set when this first start began from a pristine copy instead of seeding. */
  restored: SeedSnapshot | undefined;
  /** Stops the JVM this process started (if any) and releases the data folder. A staged database not yet persisted is discarded. */
  stop: () => Promise<void>;
};

/** The data folder holds no database yet. */
function isFresh(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'dynamodb', DB_FILE)) && !existsSync(join(dataDir, 'seed.json'));
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging folders left by runtimes that died before persisting (they hold memory on tmpfs). */
function removeAbandonedStaging(): void {
  for (const name of readdirSync(STAGING_PARENT)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const dir = join(STAGING_PARENT, name);
    try {
      const owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && pidAlive(owner)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // someone else's, or being created right now
    }
  }
}

/**
 * A first start seeds on a staging folder in memory-backed storage when there is one
 * (`/dev/shm`), unless `CRM_STAGING=off`; the seed then runs at in-memory speed and the database
 * moves into the data folder once, when the seed is done.
 */
export function shouldStage(config: LocalConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    config.dataDir !== IN_MEMORY &&
    !config.dynamodbEndpoint &&
    config.seed !== 'none' &&
    env.CRM_STAGING !== 'off' &&
    writable(STAGING_PARENT) &&
    isFresh(config.dataDir)
  );
}

/**
 * A fresh data folder starts from the pristine copy of an earlier first start's seed when one
 * matches (same seeder, input, code and DynamoDB Local), instead of seeding again.
 */
function restoreFromSnapshot(
  config: LocalConfig,
  place: SeedSnapshotPlace | undefined,
): SeedSnapshot | undefined {
  if (!place || !isFresh(config.dataDir)) return undefined;
  const snapshot = findSeedSnapshot(place);
  if (!snapshot) return undefined;
  try {
    restoreSeedSnapshot({ snapshot, dataDir: config.dataDir, seed: config.seed });
    return snapshot;
  } catch (error) {
    // A copy replaced or removed while being read: seed as if there were none.
    console.error(`could not start from the pristine copy in ${snapshot.dir}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Claims the data folder and boots DynamoDB Local (or adopts `DYNAMODB_ENDPOINT`). It imports
 * little, so main.ts starts it first and loads the rest of the runtime while the JVM boots.
 * Fails fast, before the JVM starts, when the HTTP port is taken.
 */
export async function prepareLocalStorage(config: LocalConfig): Promise<LocalStorage> {
  if (config.port !== 0) await assertPortFree(config.port, config.host);
  const inMemory = config.dataDir === IN_MEMORY;
  // Two servers on one SQLite file, or two pollers on one checkpoint file, would corrupt both.
  const lock = inMemory ? undefined : lockDataDir(config.dataDir);
  if (config.dynamodbEndpoint) {
    return {
      endpoint: config.dynamodbEndpoint,
      staged: false,
      persist: async () => {},
      releaseStaging: async () => {},
      keepsSeedCopies: false,
      restored: undefined,
      stop: async () => lock?.release(),
    };
  }
  let staging: string | undefined;
  try {
    // Named by hashing the seed's input and code: only worth it on a first start.
    const place =
      inMemory || !isFresh(config.dataDir)
        ? undefined
        : seedSnapshotPlace(config, seedInputFile(config.seed));
    const restored = restoreFromSnapshot(config, place);
    if (shouldStage(config)) {
      removeAbandonedStaging();
      staging = mkdtempSync(join(STAGING_PARENT, STAGING_PREFIX));
      writeFileSync(join(staging, 'owner.pid'), String(process.pid));
    }
    const dataDb = join(config.dataDir, 'dynamodb');
    let server = await startDynamoDbLocal(inMemory ? { inMemory: true } : { dbPath: staging ?? dataDb });
    const dropStaging = () => {
      if (staging) rmSync(staging, { recursive: true, force: true });
      staging = undefined;
    };
    return {
      endpoint: server.endpoint,
      staged: staging !== undefined,
      persist: async () => {
        if (!staging) return;
        await server.stop();
        mkdirSync(dataDb, { recursive: true });
        copyDurably(join(staging, DB_FILE), join(dataDb, DB_FILE));
        server = await startDynamoDbLocal({ dbPath: dataDb, port: server.port });
      },
      releaseStaging: async (snapshot) => {
        if (!staging) return;
        try {
          if (place && snapshot)
            await saveSeedSnapshot({ place, dbFile: join(staging, DB_FILE), ...snapshot });
        } finally {
          dropStaging();
        }
      },
      keepsSeedCopies: place !== undefined,
      restored,
      stop: async () => {
        await server.stop();
        dropStaging();
        lock?.release();
      },
    };
  } catch (error) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    lock?.release();
    throw error;
  }
}
