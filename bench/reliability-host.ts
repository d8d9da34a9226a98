import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import { createTableClient, streamFilter, type TableClient } from '@crm/dynamodb';
import { createApp } from '@crm/http';
import {
  createLocalDynamoDbClient,
  createStreamPoller,
  ensureTable,
  findFreePort,
  listen,
  type StreamPoller,
} from '@crm/local';
import { type ApiCall, httpCaller } from '../tests/reliability/scenarios/api.js';

/**
 * The product as the reliability benches run it: the API over real HTTP on loopback and the
 * production reactions fed by the local stream poller, on a table of the bench's own.
 */
export type ReliabilityHost = {
  api: ApiCall;
  table: TableClient;
  poller: StreamPoller;
  /** Waits until the poller has handled everything written so far. */
  settle: (timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

export async function startReliabilityHost(options: {
  endpoint: string;
  tableName: string;
  /** Start the reactions (default true); the stream-fault bench runs its own consumer process. */
  reactions?: boolean;
  webhooksAllowLoopback?: boolean;
  clock?: () => Date;
}): Promise<ReliabilityHost> {
  const control = createLocalDynamoDbClient({ endpoint: options.endpoint });
  await ensureTable(control, options.tableName).finally(() => control.destroy());
  const table = createTableClient({ tableName: options.tableName, endpoint: options.endpoint });
  const app = createApp({
    table,
    signingKey: inMemorySigningKey(),
    passwordHasher: createScryptHasher({ N: 2 ** 10 }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.webhooksAllowLoopback ? { webhooks: { allowLoopback: true } } : {}),
  });
  const server = await listen(app, await findFreePort());
  const poller = createStreamPoller({
    endpoint: options.endpoint,
    tableName: options.tableName,
    handler: createStreamHandler({ reactions: createReactions({ table }) }),
    filter: streamFilter,
    startingPosition: 'LATEST',
    idleBackoff: { initialMs: 10, maxMs: 50 },
    log: () => {},
  });
  if (options.reactions !== false) await poller.start();
  return {
    api: httpCaller(server.url),
    table,
    poller,
    settle: async (timeoutMs = 600_000) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (options.reactions !== false) await poller.waitUntilIdle({ timeoutMs });
    },
    close: async () => {
      if (options.reactions !== false) await poller.stop();
      await server.close();
      table.doc.destroy();
    },
  };
}

/** Throws with every violation listed: a reliability bench that finds one fails the run. */
export function failOnViolations(what: string, violations: readonly string[]): void {
  if (violations.length === 0) return;
  const shown = violations.slice(0, 20).join('\n  ');
  throw new Error(`${what}: ${violations.length} violation(s)\n  ${shown}`);
}
