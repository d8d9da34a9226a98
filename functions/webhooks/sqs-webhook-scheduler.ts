import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryRef, WebhookScheduler } from '@crm/app/webhooks';
import { z } from 'zod';
import { traced } from '../tracing.js';

/** SQS delays a message by at most this long; longer waits are re-enqueued (the worker handler). */
export const MAX_SQS_DELAY_SECONDS = 900;

/** The delivery queue's message: which delivery, and when it is due. */
export const WebhookDeliveryMessageSchema = z.object({
  tenantId: z.string().min(1),
  endpointId: z.string().min(1),
  messageId: z.string().min(1),
  dueAt: z.iso.datetime(),
});
export type WebhookDeliveryMessage = z.infer<typeof WebhookDeliveryMessageSchema>;

/** Whole seconds until `dueAt`, within what SQS can delay (0 when due). */
export function delaySecondsUntil(dueAt: Date, now: Date): number {
  const seconds = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  return Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, seconds));
}

type Sender = Pick<SQSClient, 'send'>;

/**
 * The AWS side of the WebhookScheduler port: one message on the delivery queue per due attempt,
 * delayed by up to 15 minutes (the worker handler sends a message that arrives early on again).
 * The API (resend, recover, ping), the stream's fan-out and the worker's retries all use it, with
 * only `sqs:SendMessage` on this queue: no platform item is written with tenant-scoped credentials.
 */
export function sqsWebhookScheduler(options: {
  queueUrl: string;
  client?: Sender;
  clock?: () => Date;
}): WebhookScheduler {
  const client = options.client ?? traced(new SQSClient({}));
  const clock = options.clock ?? (() => new Date());
  return {
    async schedule(ref: DeliveryRef, dueAt: Date) {
      const message: WebhookDeliveryMessage = {
        tenantId: ref.tenantId,
        endpointId: ref.endpointId,
        messageId: ref.messageId,
        dueAt: dueAt.toISOString(),
      };
      await client.send(
        new SendMessageCommand({
          QueueUrl: options.queueUrl,
          MessageBody: JSON.stringify(message),
          DelaySeconds: delaySecondsUntil(dueAt, clock()),
        }),
      );
    },
  };
}
