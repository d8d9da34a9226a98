import type { AttemptResult, WebhookDeliveryWorker, WebhookScheduler } from '@crm/app/webhooks';
import { WebhookDeliveryMessageSchema } from './sqs-webhook-scheduler.js';

/**
 * One delivery-queue message: a message that arrives before its delivery is due (waits beyond
 * SQS's 15-minute delay) is sent on with the rest of the wait; a due one is attempted. The
 * delivery item stays the truth: a message whose delivery was moved meanwhile (claimed by another
 * worker, resent, finished) is answered `not-due` or `skipped` and dropped, since whoever moved it
 * scheduled its own message. A malformed body throws: SQS retries it, then the DLQ keeps it.
 */
export async function deliverQueuedWebhook(
  body: string,
  deps: { worker: Pick<WebhookDeliveryWorker, 'attempt'>; scheduler: WebhookScheduler; clock: () => Date },
): Promise<AttemptResult | 'requeued'> {
  const { dueAt, ...ref } = WebhookDeliveryMessageSchema.parse(JSON.parse(body));
  const due = new Date(dueAt);
  if (due.getTime() > deps.clock().getTime()) {
    await deps.scheduler.schedule(ref, due);
    return 'requeued';
  }
  return deps.worker.attempt(ref);
}
