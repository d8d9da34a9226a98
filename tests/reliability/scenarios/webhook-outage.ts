import { createServer, type Server } from 'node:http';
import { deliverDueWebhooks, dueTenantsScheduler, WebhookDeliveryWorker } from '@crm/app/webhooks';
import { webhookRetryDelaysMs } from '@crm/domain';
import { type StoredWebhookDelivery, sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { findFreePort } from '@crm/local';
import { type ApiCall, createCustomer, type TenantOwner } from './api.js';
import { allDeliveries } from './ledger.js';

export type WebhookOutageOutcome = {
  events: number;
  /** Simulated milliseconds from the first attempt to the receiver's return. */
  downForMs: number;
  startedAt: number;
  deliveries: StoredWebhookDelivery[];
  /** The `webhook-id` of every request the receiver answered, in arrival order. */
  received: string[];
};

/** A receiver on a fixed loopback port that answers 200 once started: before, the port is closed. */
function receiverOn(port: number) {
  const received: string[] = [];
  let server: Server | undefined;
  return {
    received,
    url: `http://127.0.0.1:${port}/hook`,
    get up() {
      return server !== undefined;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        const started = createServer((request, response) => {
          request.resume();
          request.on('end', () => {
            received.push(String(request.headers['webhook-id']));
            response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          });
        });
        started.once('error', reject);
        started.listen(port, '127.0.0.1', () => {
          server = started;
          resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `events` customer.created events for an endpoint whose receiver is down (its port closed) for
 * `downForMs` of a simulated clock, then back. The delivery job (the worker the local timer and the
 * AWS queue consumer run) is driven by that clock, jumping from one due attempt to the next, so two
 * days pass in seconds and every attempt happens exactly when the schedule says (no jitter).
 * `deliveriesWritten` waits for the fan-out reaction to have written the deliveries.
 */
export async function runWebhookOutage(options: {
  api: ApiCall;
  owner: TenantOwner;
  table: TableClient;
  events: number;
  downForMs: number;
  deliveriesWritten: () => Promise<void>;
}): Promise<WebhookOutageOutcome> {
  const { api, owner, table } = options;
  const receiver = receiverOn(await findFreePort());
  try {
    const hook = await api('POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: receiver.url, events: ['customer.created'] },
    });
    if (hook.status !== 201) throw new Error(`webhook create answered ${hook.status}`);
    const endpointId = hook.body.id as string;
    for (let index = 0; index < options.events; index++) await createCustomer(api, owner, `Outage ${index}`);
    await options.deliveriesWritten();

    const startedAt = Date.now();
    let now = startedAt;
    const tenantClient = sharedClientFactory(table);
    const worker = new WebhookDeliveryWorker({
      tenantClient,
      clock: () => new Date(now),
      policy: { allowLoopback: true },
      scheduler: dueTenantsScheduler(table),
      random: () => 0.5,
    });
    for (let pass = 0; pass < 10_000; pass++) {
      await deliverDueWebhooks({ table, tenantClient, worker });
      const pending = (await allDeliveries(table, owner.tenantId, endpointId)).filter(
        (delivery) => delivery.status === 'pending',
      );
      if (pending.length === 0) break;
      const nextDue = Math.min(...pending.map((delivery) => Date.parse(delivery.nextAttemptAt as string)));
      if (!receiver.up && nextDue >= startedAt + options.downForMs) await receiver.start();
      now = Math.max(now, nextDue);
    }
    return {
      events: options.events,
      downForMs: options.downForMs,
      startedAt,
      deliveries: await allDeliveries(table, owner.tenantId, endpointId),
      received: receiver.received,
    };
  } finally {
    await receiver.close();
  }
}

/**
 * What must hold; one line per broken promise, empty when all hold:
 * - every event was delivered, and the receiver took each message id exactly once;
 * - each delivery failed on every attempt the schedule places inside the outage and succeeded at
 *   the first one after it, with the same id throughout (one delivery item, one id);
 * - the attempts came in the schedule's order: the k-th wait is the schedule's k-th step.
 */
export function webhookOutageViolations(outcome: WebhookOutageOutcome): string[] {
  const violations: string[] = [];
  if (outcome.deliveries.length !== outcome.events)
    violations.push(`${outcome.deliveries.length} deliveries for ${outcome.events} events`);
  const receivedCounts = new Map<string, number>();
  for (const id of outcome.received) receivedCounts.set(id, (receivedCounts.get(id) ?? 0) + 1);
  // Attempts the schedule makes while the receiver is down, from a first attempt at the start.
  let elapsed = 0;
  let failing = 0;
  for (const delay of webhookRetryDelaysMs) {
    elapsed += delay;
    if (elapsed >= outcome.downForMs) break;
    failing += 1;
  }
  for (const delivery of outcome.deliveries) {
    const where = `delivery ${delivery.id}`;
    if (delivery.status !== 'delivered') violations.push(`${where} is ${delivery.status}`);
    const count = receivedCounts.get(delivery.id) ?? 0;
    if (count !== 1) violations.push(`${where} reached the receiver ${count} times`);
    const outcomes = delivery.attempts.map((attempt) => attempt.outcome);
    const expected = [...Array(failing).fill('retry'), 'delivered'];
    if (outcomes.join() !== expected.join()) violations.push(`${where} attempts went ${outcomes.join(', ')}`);
    delivery.attempts.forEach((attempt, index) => {
      if (index === 0) return;
      const waited = Date.parse(attempt.at) - Date.parse(delivery.attempts[index - 1]?.at as string);
      const step = webhookRetryDelaysMs[index] as number;
      // The simulated clock stops at each due attempt; one pass may serve it a moment later.
      if (waited < step || waited > step + 1_000)
        violations.push(
          `${where}: attempt ${index + 1} came ${waited} ms after the one before, the schedule says ${step}`,
        );
    });
  }
  const unknown = [...receivedCounts.keys()].filter(
    (id) => !outcome.deliveries.some((delivery) => delivery.id === id),
  );
  if (unknown.length > 0) violations.push(`the receiver got ids no delivery has: ${unknown.join(', ')}`);
  return violations;
}
