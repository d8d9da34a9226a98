import type { TableClient } from '@crm/dynamodb';

export type Counts = { requests: number; itemsRead: number; itemsWritten: number; writeRequests: number };

/** Counts requests and the items they returned or wrote (the document client's commands run as the base client's). */
export function countItems(table: TableClient): Counts {
  const counts: Counts = { requests: 0, itemsRead: 0, itemsWritten: 0, writeRequests: 0 };
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as Record<string, unknown>;
      const output = result.output as Record<string, unknown>;
      counts.requests += 1;
      switch (context.commandName) {
        case 'GetItemCommand':
          counts.itemsRead += output.Item ? 1 : 0;
          break;
        case 'QueryCommand':
          counts.itemsRead += (output.Items as unknown[] | undefined)?.length ?? 0;
          break;
        case 'BatchGetItemCommand':
          for (const items of Object.values((output.Responses ?? {}) as Record<string, unknown[]>)) {
            counts.itemsRead += items.length;
          }
          break;
        case 'TransactWriteItemsCommand':
          counts.itemsWritten += (input.TransactItems as unknown[]).length;
          counts.writeRequests += 1;
          break;
        case 'BatchWriteItemCommand':
          for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>)) {
            counts.itemsWritten += requests.length;
          }
          counts.writeRequests += 1;
          break;
        case 'PutItemCommand':
        case 'UpdateItemCommand':
        case 'DeleteItemCommand':
          counts.itemsWritten += 1;
          counts.writeRequests += 1;
          break;
      }
      return result;
    },
    { step: 'initialize', name: 'benchItemCounter' },
  );
  return counts;
}
