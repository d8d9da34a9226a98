import { nightlyJobs } from '@crm/app/nightly';
import { type DeliveryRef, LOST_NOTICE_GRACE_MS, sweepLostWebhookNotices } from '@crm/app/webhooks';
import { newId } from '@crm/domain';
import { sharedClientFactory, WebhookRepository } from '@crm/dynamodb';
import { describe, expect, it } from 'vitest';
import { testTableClient } from '../support/test-table.js';

/**
 * The sweep for lost delivery notices (issue 12): a delivery still pending well past its due time
 * lost its queue message (in AWS: dropped to the DLQ after worker crashes, or never sent), so the
 * nightly pass announces it again; one that is due only just now still has its notice coming.
 */
describe('the sweep for lost webhook notices', () => {
  const table = testTableClient();
  const tenantClient = sharedClientFactory(table);

  async function pendingDelivery(tenantId: string, dueAt: Date) {
    const delivery = {
      id: newId(),
      endpointId: newId(),
      eventType: 'customer.created',
      status: 'pending' as const,
      attempts: [],
      nextAttemptAt: dueAt.toISOString(),
      createdAt: dueAt.toISOString(),
      updatedAt: dueAt.toISOString(),
      body: '{}',
      revision: 0,
      tries: 0,
    };
    expect(await new WebhookRepository(tenantClient(tenantId), tenantId).addDelivery(delivery)).toBe(true);
    return { tenantId, endpointId: delivery.endpointId, messageId: delivery.id };
  }

  it('announces again what is overdue past the grace, and nothing that is due only now', async () => {
    const tenantId = newId();
    const now = new Date('2026-12-02T03:00:00.000Z');
    const lost = await pendingDelivery(tenantId, new Date(now.getTime() - LOST_NOTICE_GRACE_MS - 60_000));
    const lostLongAgo = await pendingDelivery(tenantId, new Date(now.getTime() - 3 * 86_400_000));
    await pendingDelivery(tenantId, new Date(now.getTime() - 60_000));
    await pendingDelivery(tenantId, new Date(now.getTime() + 3_600_000));
    const announced: { ref: DeliveryRef; at: string }[] = [];
    const scheduler = {
      schedule: async (ref: DeliveryRef, at: Date) => {
        announced.push({ ref, at: at.toISOString() });
      },
    };

    const result = await sweepLostWebhookNotices({ tenantClient, scheduler, clock: () => now }, tenantId);

    expect(result).toEqual({ announced: 2 });
    expect(announced.map((entry) => entry.ref.messageId).sort()).toEqual(
      [lost.messageId, lostLongAgo.messageId].sort(),
    );
    expect(announced.every((entry) => entry.at === now.toISOString())).toBe(true);
    expect(announced.map((entry) => entry.ref)).toContainEqual(lost);
  });

  it('runs every night for every tenant, through the nightly registry', async () => {
    const tenantId = newId();
    const now = new Date('2026-12-02T03:00:00.000Z');
    const lost = await pendingDelivery(tenantId, new Date(now.getTime() - 86_400_000));
    const announced: DeliveryRef[] = [];
    const sweep = nightlyJobs.find((job) => job.name === 'webhookSweep');
    expect(sweep).toBeDefined();

    const counts = await sweep?.run(
      {
        table,
        tenantClient,
        clock: () => now,
        webhookScheduler: {
          schedule: async (ref) => {
            announced.push(ref);
          },
        },
      },
      tenantId,
    );

    expect(counts).toEqual({ announced: 1 });
    expect(announced).toEqual([lost]);
  });
});
