import { createReactions } from '@crm/app/reactions';
import { createStreamHandler, type StreamHandler } from '@crm/app/streams';
import type { Reaction } from '@crm/domain';
import type { TableClient } from '@crm/dynamodb';
import { streamFilter, toEntityChange } from '@crm/dynamodb';
import { createStreamPoller, type StreamPoller } from '@crm/local';
import { actsForTenant } from './tenants-of-this-file.js';
import { testDynamoDbEndpoint, testTableClient, testTableName } from './test-table.js';

/** Reactions that write what other reactions read, one after another, deeper than any chain today. */
const SETTLE_ROUNDS = 6;

/**
 * The production reactions (the registry in packages/app/src/reactions.ts) fed by a poller on the shared test
 * table, from LATEST: what the stream Lambda does in AWS, for suites that read what reactions write
 * (history, scores). On the shared table the poller handles only the records of this file's tenants
 * (tenants-of-this-file.ts): other suites' pollers handle theirs, so each record has one consumer,
 * in order, as in AWS.
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
  const handler = createStreamHandler({
    reactions: [
      ...createReactions({
        table: table?.client ?? testTableClient(),
        ...(deletedTenantsTtlMs === undefined ? {} : { deletedTenantsTtlMs }),
      }),
      ...extra,
    ],
  });
  const poller = createStreamPoller({
    endpoint: testDynamoDbEndpoint(),
    tableName: table?.tableName ?? testTableName(),
    handler: table ? handler : onlyThisFilesTenants(handler),
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

/** The handler, given only the records of this file's tenants (and those of no tenant). */
function onlyThisFilesTenants(handler: StreamHandler): StreamHandler {
  return (event, context) =>
    handler(
      {
        Records: event.Records.filter((record) => {
          const change = toEntityChange(record);
          return !change || actsForTenant(change.tenantId);
        }),
      },
      context,
    );
}
