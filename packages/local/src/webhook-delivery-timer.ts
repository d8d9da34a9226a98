import {
  deliverDueWebhooks,
  dueTenantsScheduler,
  type HostResolver,
  WebhookDeliveryWorker,
} from '@crm/app/webhooks';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';

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
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = () => {
    running ??= deliverDueWebhooks({ table: options.table, tenantClient, worker })
      .then(() => undefined)
      .catch((error: Error) => options.log(`webhook delivery pass failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void pass();
  }, options.intervalMs ?? 1000);
  // The HTTP server keeps the process alive; this timer must never be the reason it stays.
  timer.unref();
  return {
    tick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
