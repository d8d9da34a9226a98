import type { TableClient } from '@crm/dynamodb';

type Command = { constructor: { name: string }; input: Record<string, unknown> };
type TransactItem = { Put?: { Item?: Record<string, unknown> } };

/** The error every call of a crashed worker gets: nothing it does after the crash reaches the table. */
export class WorkerDied extends Error {
  constructor() {
    super('the worker died (simulated)');
    this.name = 'WorkerDied';
  }
}

/**
 * A transaction that puts an item of entity type `type` (`campaignRecipient`, `surveyClaim`), for
 * `crashingTable`'s `after`: the claim of a send.
 */
export function putsItemOfType(type: string, match: (item: Record<string, unknown>) => boolean = () => true) {
  return (command: Command): boolean =>
    command.constructor.name === 'TransactWriteCommand' &&
    ((command.input.TransactItems as TransactItem[] | undefined) ?? []).some(
      (entry) => entry.Put?.Item?.entityType === type && match(entry.Put.Item),
    );
}

/**
 * The table client a worker that dies mid-way uses: its calls go through until one that `after`
 * picks has been written (the claim of a send), then that call and every one after it throws
 * `WorkerDied` — the write stands, nothing later happens (the outbox, the mark), as when a Lambda
 * is killed. Services built on it (`createServices({ table: crashing.client })`) reach the table,
 * the tenant's items and the outbox only through it.
 */
export function crashingTable(
  table: TableClient,
  after: (command: Command) => boolean,
): { client: TableClient; crashed: () => boolean } {
  let dead = false;
  const doc = new Proxy(table.doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: Command, ...rest: unknown[]) => {
        if (dead) throw new WorkerDied();
        const result = await (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        if (after(command)) {
          dead = true;
          throw new WorkerDied();
        }
        return result;
      };
    },
  });
  return { client: { ...table, doc }, crashed: () => dead };
}
