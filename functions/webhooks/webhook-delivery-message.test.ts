import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DeliveryRef } from '@crm/app/webhooks';
import { describe, expect, it } from 'vitest';
import { delaySecondsUntil, sqsWebhookScheduler } from './sqs-webhook-scheduler.js';
import { deliverQueuedWebhook } from './webhook-delivery-message.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ref: DeliveryRef = { tenantId: 't1', endpointId: 'e1', messageId: 'm1' };
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** A queue that keeps what was sent to it (the SQS client's `send`). */
function queue() {
  const sent: SendMessageCommand['input'][] = [];
  const client = {
    send: async (command: SendMessageCommand) => {
      sent.push(command.input);
      return {};
    },
  } as never;
  return { sent, scheduler: sqsWebhookScheduler({ queueUrl: 'https://sqs/q', client, clock: () => NOW }) };
}

describe('the SQS delivery queue', () => {
  it('delays a message until its attempt is due, at most 15 minutes', () => {
    expect(delaySecondsUntil(NOW, NOW)).toBe(0);
    expect(delaySecondsUntil(at(-30), NOW)).toBe(0);
    expect(delaySecondsUntil(at(4.2), NOW)).toBe(5);
    expect(delaySecondsUntil(at(300), NOW)).toBe(300);
    expect(delaySecondsUntil(at(2 * 3600), NOW)).toBe(900);
  });

  it('sends the delivery and its due time', async () => {
    const { sent, scheduler } = queue();
    await scheduler.schedule(ref, at(1800));
    expect(sent).toEqual([
      {
        QueueUrl: 'https://sqs/q',
        DelaySeconds: 900,
        MessageBody: JSON.stringify({ ...ref, dueAt: at(1800).toISOString() }),
      },
    ]);
  });

  it('sends a message that arrived early on with the rest of the wait, and attempts a due one', async () => {
    const { sent, scheduler } = queue();
    const attempted: DeliveryRef[] = [];
    const worker = {
      attempt: async (delivery: DeliveryRef) => {
        attempted.push(delivery);
        return 'delivered' as const;
      },
    };
    const early = JSON.stringify({ ...ref, dueAt: at(1800).toISOString() });
    expect(await deliverQueuedWebhook(early, { worker, scheduler, clock: () => at(900) })).toBe('requeued');
    expect(sent[0]?.DelaySeconds).toBe(900);
    expect(attempted).toEqual([]);

    const due = JSON.stringify({ ...ref, dueAt: at(1800).toISOString() });
    expect(await deliverQueuedWebhook(due, { worker, scheduler, clock: () => at(1800) })).toBe('delivered');
    expect(attempted).toEqual([ref]);
    expect(sent).toHaveLength(1);
  });

  it('refuses a malformed message, so SQS retries it into the DLQ', async () => {
    const { scheduler } = queue();
    const worker = { attempt: async () => 'delivered' as const };
    await expect(
      deliverQueuedWebhook(JSON.stringify({ tenantId: 't1' }), { worker, scheduler, clock: () => NOW }),
    ).rejects.toThrow();
    await expect(deliverQueuedWebhook('not json', { worker, scheduler, clock: () => NOW })).rejects.toThrow();
  });
});
