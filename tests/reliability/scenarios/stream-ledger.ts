import type { TableClient } from '@crm/dynamodb';
import type { ApiCall, TenantOwner } from './api.js';
import { createCustomer } from './api.js';
import { allDeliveries, customerHistory } from './ledger.js';

/** What was acknowledged: customers created and the names each was renamed to, in order. */
export type AcknowledgedWrites = { customers: { id: string; renames: string[] }[] };

/**
 * `customers` customers created through the API, each renamed `renamesEach` times with versions;
 * `poisonAt` slips a customer named `poisonName` in after that many (its record makes a reaction
 * throw). Sequential: one writer, so the stream order is the acknowledgement order.
 */
export async function writeCustomers(
  api: ApiCall,
  owner: TenantOwner,
  options: { customers: number; renamesEach: number; poison?: { at: number; name: string } },
): Promise<AcknowledgedWrites & { poisonId?: string }> {
  const written: AcknowledgedWrites['customers'] = [];
  let poisonId: string | undefined;
  for (let index = 0; index < options.customers; index++) {
    if (options.poison?.at === index) poisonId = (await createCustomer(api, owner, options.poison.name)).id;
    const customer = await createCustomer(api, owner, `Ledger ${index}`);
    let version = customer.version;
    const renames: string[] = [];
    for (let rename = 0; rename < options.renamesEach; rename++) {
      const name = `Ledger ${index} rename ${rename}`;
      const answer = await api('PATCH', `/v1/customers/${customer.id}`, {
        auth: owner.auth,
        headers: { 'If-Match': String(version) },
        body: { name },
      });
      if (answer.status !== 200) throw new Error(`rename answered ${answer.status}`);
      version = answer.body.version as number;
      renames.push(name);
    }
    written.push({ id: customer.id, renames });
  }
  return { customers: written, ...(poisonId ? { poisonId } : {}) };
}

/**
 * The ledger of two reactions' effects compared with the acknowledged writes; one line per
 * difference, empty when every write took effect exactly once:
 * - the audit history holds, per customer, one `created` and one `updated` entry per rename,
 *   naming it (the entry's id derives from the stream record's event id);
 * Each line starts with `missing` or `applied twice`.
 * - the webhook outbox holds one `customer.created` per customer and one `customer.updated` per
 *   rename (a delivery is keyed by endpoint and event id).
 */
export async function streamLedgerViolations(
  table: TableClient,
  owner: TenantOwner,
  endpointId: string,
  writes: AcknowledgedWrites,
): Promise<string[]> {
  const violations: string[] = [];
  for (const customer of writes.customers) {
    const history = await customerHistory(table, owner.tenantId, customer.id);
    const created = history.filter((entry) => entry.action === 'created').length;
    if (created !== 1)
      violations.push(`${verdict(created)}: customer ${customer.id}'s "created" history entry`);
    const renamed = history
      .filter((entry) => entry.action === 'updated')
      .map((entry) => (entry.changes as Record<string, [unknown, unknown]> | undefined)?.name?.[1]);
    for (const name of customer.renames) {
      const count = renamed.filter((entry) => entry === name).length;
      if (count !== 1) violations.push(`${verdict(count)}: customer ${customer.id}'s rename to "${name}"`);
    }
    if (renamed.length > customer.renames.length)
      violations.push(
        `applied twice: customer ${customer.id} has ${renamed.length} renames for ${customer.renames.length}`,
      );
  }
  const deliveries = await allDeliveries(table, owner.tenantId, endpointId);
  const seen = new Map<string, number>();
  for (const delivery of deliveries) {
    const data = (JSON.parse(delivery.body) as { data: { id?: string; name?: string } }).data;
    const key = `${delivery.eventType} ${data.id} ${delivery.eventType === 'customer.updated' ? data.name : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const expectOnce = (key: string) => {
    const count = seen.get(key) ?? 0;
    if (count !== 1) violations.push(`${verdict(count)}: the delivery of ${key}`);
  };
  for (const customer of writes.customers) {
    expectOnce(`customer.created ${customer.id} `);
    for (const name of customer.renames) expectOnce(`customer.updated ${customer.id} ${name}`);
  }
  return violations;
}

/** What a count of effects of one acknowledged write means, when it is not 1. */
const verdict = (count: number) => (count === 0 ? 'missing' : 'applied twice');

/**
 * Polls `check` until it answers no violations or `timeoutMs` passes; the last answer. A write
 * applied twice stays so: the first sighting ends the wait.
 */
export async function untilNoViolations(
  check: () => Promise<string[]>,
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let violations = await check();
  while (
    violations.length > 0 &&
    !violations.some((line) => line.startsWith('applied twice')) &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    violations = await check();
  }
  return violations;
}
