import type { TableClient } from '@crm/dynamodb';
import { testTableClient } from './test-table.js';

/**
 * A client on the shared test table that adds up what its Queries cost: how many were sent and
 * how many items DynamoDB evaluated for them (ScannedCount, before any filter).
 *
 * @example
 * const counting = queryCountingClient(); … new AlertRepository(counting.client, tenantId) … counting.evaluated()
 */
export function queryCountingClient(): {
  client: TableClient;
  queries: () => number;
  evaluated: () => number;
} {
  const client = testTableClient();
  let queries = 0;
  let evaluated = 0;
  client.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        queries += 1;
        evaluated += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'countQueryCosts' },
  );
  return { client, queries: () => queries, evaluated: () => evaluated };
}
