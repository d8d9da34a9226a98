import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type ShardCheckpoint = {
  /** The last sequence number the handler finished; the next read starts after it. */
  sequenceNumber?: string;
  /** The shard is closed and every record in it was processed. */
  done?: boolean;
};

export type Checkpoints = {
  /** Checkpoints belong to one stream; a recreated table has a new stream and starts afresh. */
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
};

export type CheckpointStore = {
  load: () => Checkpoints | undefined;
  save: (checkpoints: Checkpoints) => void;
};

/** Checkpoints kept in memory only (`CRM_DATA_DIR=:memory:` and tests). */
export function memoryCheckpointStore(initial?: Checkpoints): CheckpointStore {
  let current = initial ? structuredClone(initial) : undefined;
  return {
    load: () => (current ? structuredClone(current) : undefined),
    save: (checkpoints) => {
      current = structuredClone(checkpoints);
    },
  };
}

/**
 * Checkpoints in a JSON file, written atomically (temp file + rename) so a crash mid-write never
 * leaves a torn file. Writes are synchronous: they are small, and a checkpoint must be on disk
 * before the next batch is read.
 */
export function fileCheckpointStore(path: string): CheckpointStore {
  return {
    load: () => {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as Checkpoints;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new Error(`unreadable stream checkpoint file ${path}: ${(error as Error).message}`);
      }
    },
    save: (checkpoints) => {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(checkpoints, null, 2)}\n`);
      renameSync(temporary, path);
    },
  };
}
