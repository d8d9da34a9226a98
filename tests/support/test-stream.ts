import { createReactions } from '@crm/app/reactions';
import { createStreamHandler } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';
import { streamFilter } from '@crm/dynamodb';
import { createStreamPoller, type StreamPoller } from '@crm/local';
import { testDynamoDbEndpoint, testTableClient, testTableName } from './test-table.js';

/** Reactions that write what other reactions read, one after another, deeper than any chain today. */
const SETTLE_ROUNDS = 6;

/**
 * The production reactions (the registry in packages/app/src/reactions.ts) fed by a poller on the shared test
 * table, from LATEST: what the stream Lambda does in AWS, for suites that read what reactions write
 * (history, scores). Reactions are idempotent and tenant-scoped, so suites sharing the table don't
 * disturb each other.
 *
 * @example
 * const stream = await startReactions(); … await stream.settle(); … await stream.stop();
 *
 * `table` points it at a suite's own table (`ownTestTable`) instead of the shared one;
 * `deletedTenantsTtlMs` shortens the reactions' cache of deletion markers.
 */
export async function startReactions(
  extra: Reaction[] = [],
  {
    table,
    deletedTenantsTtlMs,
  }: { table?: { tableName: string; client: TableClient }; deletedTenantsTtlMs?: number } = {},
): Promise<{ settle: () => Promise<void>; stop: () => Promise<void>; poller: StreamPoller }> {
  const poller = createStreamPoller({
    endpoint: testDynamoDbEndpoint(),
    tableName: table?.tableName ?? testTableName(),
    handler: createStreamHandler({
      reactions: [
        ...createReactions({
          table: table?.client ?? testTableClient(),
          ...(deletedTenantsTtlMs === undefined ? {} : { deletedTenantsTtlMs }),
        }),
        ...extra,
      ],
    }),
    // What the stream Lambda is invoked with in AWS: the event source mapping's filter.
    filter: streamFilter,
    startingPosition: 'LATEST',
    retryBackoff: { initialMs: 20, maxMs: 200 },
    idleBackoff: { initialMs: 10, maxMs: 50 },
    log: () => {},
  });
  await poller.start();
  return {
    poller,
    // Writes reach the stream within milliseconds; wait until the poller has handled them. Caught
    // up, not idle: other files writing to the shared table meanwhile must not hold this one up.
    // Each round also catches up with what the previous round's reactions wrote (a change, then its
    // alert, then the workflow run or webhook delivery the alert starts, …).
    settle: async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (let round = 0; round < SETTLE_ROUNDS; round++) {
        await poller.waitUntilCaughtUp({ timeoutMs: 10_000 });
      }
    },
    stop: () => poller.stop(),
  };
}
