import {
  deliverDueWebhooks,
  dueTenantsScheduler,
  type HostResolver,
  WebhookDeliveryWorker,
} from '@crm/app/webhooks';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';

/** Enough for a few endpoints hanging at once; more passes would only list the same due work. */
const MAX_OVERLAPPING_PASSES = 4;

export type WebhookDeliveryTimer = {
  stop: () => Promise<void>;
  /** One pass now (tests use it to avoid waiting for the next tick). */
  tick: () => Promise<void>;
};

/**
 * The local stand-in for the delivery queue and worker Lambda: every `intervalMs` it attempts the
 * due deliveries of every tenant that has some pending, with the same worker code. Only here is
 * loopback a permitted target (people try webhooks against a receiver on their machine); the flag
 * comes from this host, never from a request. `timeScale` below 1 runs the retry schedule fast.
 */
export function startWebhookDeliveryTimer(options: {
  table: TableClient;
  log: (message: string) => void;
  intervalMs?: number;
  timeScale?: number;
  clock?: () => Date;
  resolve?: HostResolver;
}): WebhookDeliveryTimer {
  const tenantClient = sharedClientFactory(options.table);
  const worker = new WebhookDeliveryWorker({
    tenantClient,
    clock: options.clock ?? (() => new Date()),
    policy: { allowLoopback: true, ...(options.resolve ? { resolve: options.resolve } : {}) },
    scheduler: dueTenantsScheduler(options.table),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
  });
  // Passes may overlap: one waiting on an endpoint that hangs (up to the timeout) must not hold
  // back the next tick's deliveries to the others. The worker leaves an endpoint whose lane is
  // still open to that lane, and a claim on each delivery refuses a second attempt.
  const running = new Set<Promise<void>>();
  let stopped = false;
  const pass = () => {
    const current = deliverDueWebhooks({ table: options.table, tenantClient, worker })
      .then(() => undefined)
      .catch((error: Error) => options.log(`webhook delivery pass failed: ${error.message}`))
      .finally(() => running.delete(current));
    running.add(current);
    return current;
  };
  const timer = setInterval(() => {
    if (!stopped && running.size < MAX_OVERLAPPING_PASSES) void pass();
  }, options.intervalMs ?? 1000);
  // The HTTP server keeps the process alive; this timer must never be the reason it stays.
  timer.unref();
  return {
    tick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running);
    },
  };
}
