import type { CustomerHistoryEntry } from '@crm/domain';
import { type ApiCall, createCustomer, type TenantOwner } from './api.js';

/** How hard one customer is hit: editors with versions and order writers, all at once. */
export type HotCustomerLoad = {
  editors: number;
  editsPerEditor: number;
  orderWriters: number;
  ordersPerWriter: number;
};

export type HotCustomerOutcome = {
  customerId: string;
  initialVersion: number;
  /** Edits answered 200: the name each wrote and the version it was answered with. */
  accepted: { name: string; version: number }[];
  /** Edits answered 409 (a stale version): the name each would have written. */
  rejected: string[];
  /** Order amounts answered 201. */
  acceptedOrders: number[];
  /** Any other answer, edit or order: `PATCH 500`, `POST 429`… (always a violation). */
  unexpected: string[];
  /** The customer as read once the load is over. */
  final: { version: number; name: string; stats: { orderCount: number; orderValue: number } };
};

/**
 * `editors` clients each PATCH the customer's name `editsPerEditor` times with the version they last
 * saw (If-Match), taking the current version from a 409's details as a client would, while
 * `orderWriters` clients add orders to the same customer. Nothing is asserted here: the outcome is
 * judged by `hotCustomerViolations` once the history reaction has caught up.
 */
export async function runHotCustomerLoad(
  api: ApiCall,
  owner: TenantOwner,
  load: HotCustomerLoad,
): Promise<HotCustomerOutcome> {
  const customer = await createCustomer(api, owner, 'Hot customer');
  const accepted: HotCustomerOutcome['accepted'] = [];
  const rejected: string[] = [];
  const acceptedOrders: number[] = [];
  const unexpected: string[] = [];
  const path = `/v1/customers/${customer.id}`;

  const editor = async (index: number) => {
    let known = customer.version;
    for (let attempt = 0; attempt < load.editsPerEditor; attempt++) {
      const name = `Editor ${index} edit ${attempt}`;
      const answer = await api('PATCH', path, {
        auth: owner.auth,
        headers: { 'If-Match': String(known) },
        body: { name },
      });
      if (answer.status === 200) {
        known = answer.body.version as number;
        accepted.push({ name, version: known });
      } else if (answer.status === 409) {
        rejected.push(name);
        const details = (answer.body.error as { details?: { current?: { version?: number } } }).details;
        known = details?.current?.version ?? known;
      } else {
        unexpected.push(`PATCH ${answer.status}`);
      }
    }
  };
  const orderWriter = async (index: number) => {
    for (let n = 0; n < load.ordersPerWriter; n++) {
      const amount = 100 + index * load.ordersPerWriter + n;
      const answer = await api('POST', `${path}/interactions`, {
        auth: owner.auth,
        body: {
          type: 'order',
          amount,
          currency: 'CNY',
          occurredAt: new Date(
            Date.UTC(2026, 0, 1) + (index * load.ordersPerWriter + n) * 60_000,
          ).toISOString(),
        },
      });
      if (answer.status === 201) acceptedOrders.push(amount);
      else unexpected.push(`POST order ${answer.status}`);
    }
  };

  await Promise.all([
    ...Array.from({ length: load.editors }, (_, index) => editor(index)),
    ...Array.from({ length: load.orderWriters }, (_, index) => orderWriter(index)),
  ]);
  const read = await api('GET', path, { auth: owner.auth });
  return {
    customerId: customer.id,
    initialVersion: customer.version,
    accepted,
    rejected,
    acceptedOrders,
    unexpected,
    final: read.body as HotCustomerOutcome['final'],
  };
}

/**
 * What the outcome and the audit history (written by the stream reaction) must agree on; one line
 * per broken promise, empty when all hold:
 * - every accepted edit is in the history, once, and no rejected one is;
 * - the final version is the initial one plus the accepted count, and the accepted edits were
 *   answered with exactly the versions in between (no two writers got the same version);
 * - the order figures are exactly the sum of the accepted orders;
 * - no answer was anything but 200/409 for an edit or 201 for an order.
 */
export function hotCustomerViolations(
  outcome: HotCustomerOutcome,
  history: readonly CustomerHistoryEntry[],
): string[] {
  const violations = [...outcome.unexpected.map((answer) => `unexpected answer ${answer}`)];
  const written = history
    .filter((entry) => entry.action === 'updated')
    .map((entry) => (entry.changes as Record<string, [unknown, unknown]> | undefined)?.name?.[1]);
  const writtenCounts = new Map<unknown, number>();
  for (const name of written) writtenCounts.set(name, (writtenCounts.get(name) ?? 0) + 1);
  for (const { name } of outcome.accepted) {
    const count = writtenCounts.get(name) ?? 0;
    if (count !== 1) violations.push(`accepted edit "${name}" is in the history ${count} times`);
  }
  for (const name of outcome.rejected) {
    if (writtenCounts.has(name)) violations.push(`rejected edit "${name}" is in the history`);
  }
  if (written.length !== outcome.accepted.length)
    violations.push(`${written.length} updates in the history for ${outcome.accepted.length} accepted edits`);
  const expectedVersion = outcome.initialVersion + outcome.accepted.length;
  if (outcome.final.version !== expectedVersion)
    violations.push(`final version ${outcome.final.version}, expected ${expectedVersion}`);
  const versions = outcome.accepted.map((edit) => edit.version).sort((a, b) => a - b);
  const between = Array.from({ length: outcome.accepted.length }, (_, i) => outcome.initialVersion + 1 + i);
  if (versions.join() !== between.join())
    violations.push(
      `accepted edits were answered with versions ${versions.join()}, expected ${between.join()}`,
    );
  const last = outcome.accepted.find((edit) => edit.version === expectedVersion);
  if (last && outcome.final.name !== last.name)
    violations.push(`final name "${outcome.final.name}" is not the last accepted edit's "${last.name}"`);
  const orderValue = outcome.acceptedOrders.reduce((sum, amount) => sum + amount, 0);
  if (outcome.final.stats.orderCount !== outcome.acceptedOrders.length)
    violations.push(
      `orderCount ${outcome.final.stats.orderCount}, ${outcome.acceptedOrders.length} accepted`,
    );
  if (outcome.final.stats.orderValue !== orderValue)
    violations.push(`orderValue ${outcome.final.stats.orderValue}, accepted orders sum to ${orderValue}`);
  return violations;
}
