import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { assertPortFree } from './free-port.js';
import { IN_MEMORY, type LocalConfig } from './local-config.js';

/** The DynamoDB the local runtime talks to, and how to let go of it. */
export type LocalStorage = {
  endpoint: string;
  /** Stops the JVM this process started (if any) and releases the data folder. */
  stop: () => Promise<void>;
};

/**
 * Claims the data folder and boots DynamoDB Local (or adopts `DYNAMODB_ENDPOINT`). It imports
 * little, so main.ts starts it first and loads the rest of the runtime while the JVM boots.
 * Fails fast, before the JVM starts, when the HTTP port is taken.
 */
export async function prepareLocalStorage(config: LocalConfig): Promise<LocalStorage> {
  if (config.port !== 0) await assertPortFree(config.port);
  const inMemory = config.dataDir === IN_MEMORY;
  // Two servers on one SQLite file, or two pollers on one checkpoint file, would corrupt both.
  const lock = inMemory ? undefined : lockDataDir(config.dataDir);
  if (config.dynamodbEndpoint) {
    return { endpoint: config.dynamodbEndpoint, stop: async () => lock?.release() };
  }
  try {
    const server = await startDynamoDbLocal(
      inMemory ? { inMemory: true } : { dbPath: join(config.dataDir, 'dynamodb') },
    );
    return {
      endpoint: server.endpoint,
      stop: async () => {
        await server.stop();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
