import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CampaignRecipient, inHoldout } from '@crm/domain';
import {
  CAMPAIGN_RECIPIENT_PARTITIONS,
  CampaignRepository,
  keys,
  TenantItems,
  TenantTable,
  toItem,
} from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaignFixtures } from '../support/campaign-fixtures.js';
import { call, createTestApp, type SignedUpTenant, signUpTenant, uniqueEmail } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

type Item = Record<string, unknown>;

/**
 * A campaign's recipients spread over CAMPAIGN_RECIPIENT_PARTITIONS partitions (issue 16,
 * docs/scaling.md): a send writes them by the hash of the customer id, and everything that reads
 * them (results, the unsubscribe link, a repeated send, export and deletion) finds them there; a
 * campaign whose send began before (no `recipientPartitions` on its item) keeps its recipients in
 * its own partition and still reads and resumes there.
 */
describe('campaign recipients spread over partitions', () => {
  let now = Date.now();
  const app = createTestApp({ clock: () => new Date(now) });
  const table = testTableClient();
  let owner: SignedUpTenant;
  const { newCustomer, newSegment, newCampaign, mails } = campaignFixtures(app, () => owner.auth);
  const send = (campaignId: string) =>
    call(app, 'POST', `/v1/campaigns/${campaignId}/send`, { auth: owner.auth });
  const results = async (campaignId: string) =>
    (await call(app, 'GET', `/v1/campaigns/${campaignId}/results`, { auth: owner.auth })).body;
  const partitionItems = async (pk: string): Promise<Item[]> => {
    const found: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  };
  /** Every item of the campaign: its own partition and every shard, whichever layout it has. */
  const campaignItems = async (campaignId: string) =>
    (
      await Promise.all(
        [
          ...keys.campaignRecipientPartitions(owner.tenantId, campaignId),
          ...keys.campaignRecipientPartitions(owner.tenantId, campaignId, CAMPAIGN_RECIPIENT_PARTITIONS),
        ].map(partitionItems),
      )
    ).flat();
  const exported = async (campaignId: string) => {
    const found: Item[] = [];
    for await (const { items } of new TenantItems(table, owner.tenantId).pages())
      found.push(
        ...items.filter((item) => item.entityType === 'campaignRecipient' && item.campaignId === campaignId),
      );
    return found;
  };
  let spreadCampaign = '';
  let spreadCustomers: string[] = [];
  let oldCampaign = '';
  let oldCustomers: string[] = [];

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Spread Tenant 分区');
  });

  it('writes a send’s recipients by the hash of the customer id, and results, unsubscribe, a repeated send and export read them', async () => {
    const tag = 'spread';
    spreadCustomers = [];
    for (let index = 0; index < 24; index++)
      spreadCustomers.push(
        await newCustomer({ name: `S${index}`, email: uniqueEmail('spread'), tags: [tag] }),
      );
    const noMail = await newCustomer({ name: 'No mail', tags: [tag] });
    const segmentId = await newSegment(tag);
    spreadCampaign = await newCampaign({ segmentId, holdoutPercent: 25, name: 'Spread 分区' });
    const sent = await send(spreadCampaign);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const heldOut = spreadCustomers.filter((customerId) =>
      inHoldout({ campaignId: spreadCampaign, customerId, holdoutPercent: 25 }),
    );
    const contacted = spreadCustomers.length - heldOut.length;
    expect(sent.body).toMatchObject({ done: true });
    expect((sent.body as { campaign: { progress: unknown } }).campaign.progress).toMatchObject({
      processed: 25,
      sent: contacted,
      holdout: heldOut.length,
      skipped: 1,
    });

    // The campaign's own partition holds the campaign item only (with the counters and the count);
    // each recipient is in the shard its customer id hashes to, and they span several shards.
    const own = await partitionItems(keys.campaignPartition(owner.tenantId, spreadCampaign));
    expect(own.map((item) => item.sk)).toEqual(['CAMPAIGN']);
    expect(own[0]?.recipientPartitions).toBe(CAMPAIGN_RECIPIENT_PARTITIONS);
    const shards = new Set<string>();
    for (const customerId of [...spreadCustomers, noMail]) {
      const key = keys.campaignRecipient(
        owner.tenantId,
        spreadCampaign,
        customerId,
        CAMPAIGN_RECIPIENT_PARTITIONS,
      );
      const [item] = (await partitionItems(key.pk)).filter((found) => found.sk === key.sk);
      expect(item, customerId).toBeDefined();
      shards.add(key.pk);
    }
    expect(shards.size).toBeGreaterThan(5);
    // The bookkeeping never reaches the API.
    const fetched = await call(app, 'GET', `/v1/campaigns/${spreadCampaign}`, { auth: owner.auth });
    expect(fetched.body).not.toHaveProperty('recipientPartitions');

    expect(await results(spreadCampaign)).toMatchObject({
      sent: contacted,
      holdout: heldOut.length,
      skippedByReason: { no_email: 1 },
      unsubscribed: 0,
    });

    // The unsubscribe link marks the recipient in its shard.
    const mail = (await mails()).find((found) => found.kind === 'campaign' && found.text.includes('/u/'));
    const token = /https:\/\/crm\.test\/u\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    expect((await call(app, 'POST', `/v1/public/unsubscribe/${token}`)).status).toBe(200);
    expect(await results(spreadCampaign)).toMatchObject({ unsubscribed: 1, messages: { unsubscribed: 1 } });

    // Sent again: every customer is found decided in its shard, nobody gets a second message.
    const before = (await mails()).filter((found) => found.kind === 'campaign').length;
    now += 61_000;
    await send(spreadCampaign);
    expect((await mails()).filter((found) => found.kind === 'campaign').length).toBe(before);

    // Export (and deletion) reach every shard, each before the campaign's own partition: a
    // deletion cut off between them still finds the shards through the campaign's list entry.
    expect((await exported(spreadCampaign)).length).toBe(25);
    const walked: string[] = [];
    for await (const { pk } of new TenantItems(table, owner.tenantId).partitionKeys()) walked.push(pk);
    const ownAt = walked.indexOf(keys.campaignPartition(owner.tenantId, spreadCampaign));
    expect(ownAt).toBeGreaterThan(-1);
    for (const shard of keys.campaignRecipientPartitions(
      owner.tenantId,
      spreadCampaign,
      CAMPAIGN_RECIPIENT_PARTITIONS,
    )) {
      expect(walked.indexOf(shard), shard).toBeGreaterThan(-1);
      expect(walked.indexOf(shard), shard).toBeLessThan(ownAt);
    }
  }, 120_000);

  it('reads and resumes a campaign whose send began before recipients were spread, in its own partition', async () => {
    const tag = 'old-layout';
    oldCustomers = [];
    for (let index = 0; index < 3; index++)
      oldCustomers.push(await newCustomer({ name: `O${index}`, email: uniqueEmail('old'), tags: [tag] }));
    const segmentId = await newSegment(tag);
    oldCampaign = await newCampaign({
      segmentId,
      name: 'Old 旧',
      subject: { zh: 'Old {{name}}', en: 'Old {{name}}' },
    });
    // As a send begun before the change left it: sending, no `recipientPartitions`, the first
    // customer decided (sent) in the campaign's own partition.
    const decidedAt = new Date(now).toISOString();
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.campaign(owner.tenantId, oldCampaign),
        UpdateExpression:
          'SET #status = :sending, sendStartedAt = :at, progress.#processed = :one, progress.#sent = :one',
        ExpressionAttributeNames: { '#status': 'status', '#processed': 'processed', '#sent': 'sent' },
        ExpressionAttributeValues: { ':sending': 'sending', ':at': decidedAt, ':one': 1 },
      }),
    );
    const first = oldCustomers[0] as string;
    const recipient: CampaignRecipient = {
      campaignId: oldCampaign,
      customerId: first,
      status: 'sent',
      reason: null,
      to: 'old@example.test',
      decidedAt,
      unsubscribedAt: null,
      deliveries: [{ contactId: null, to: 'old@example.test', status: 'sent' }],
    };
    await new TenantTable(table, owner.tenantId).put(
      toItem('campaignRecipient', keys.campaignRecipient(owner.tenantId, oldCampaign, first), recipient),
    );

    const resumed = await send(oldCampaign);
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body).toMatchObject({ campaign: { status: 'sent', progress: { processed: 3, sent: 3 } } });
    // Only the two not decided before were mailed.
    expect(
      (await mails()).filter((mail) => mail.kind === 'campaign' && mail.subject.startsWith('Old ')).length,
    ).toBe(2);
    // All three in the campaign's own partition, none in a shard.
    const own = await partitionItems(keys.campaignPartition(owner.tenantId, oldCampaign));
    expect(
      own
        .filter((item) => item.entityType === 'campaignRecipient')
        .map((item) => item.customerId)
        .sort(),
    ).toEqual([...oldCustomers].sort());
    expect(own.find((item) => item.sk === 'CAMPAIGN')).not.toHaveProperty('recipientPartitions');
    expect(
      (await campaignItems(oldCampaign)).filter((item) => item.entityType === 'campaignRecipient').length,
    ).toBe(3);

    expect(await results(oldCampaign)).toMatchObject({ sent: 3, unsubscribed: 0 });
    const repository = new CampaignRepository(table, owner.tenantId);
    expect((await repository.recipients(oldCampaign)).items.map((item) => item.customerId)).toEqual(
      [...oldCustomers].sort(),
    );
    expect(
      await repository.markUnsubscribed({ campaignId: oldCampaign, customerId: first, at: decidedAt }),
    ).toBe(true);
    expect(await results(oldCampaign)).toMatchObject({ unsubscribed: 1 });
    expect((await exported(oldCampaign)).length).toBe(3);
  }, 120_000);

  it('deletes the recipients of both layouts with the tenant', async () => {
    expect(spreadCampaign && oldCampaign).toBeTruthy();
    const doomed = new TenantItems(table, owner.tenantId);
    await doomed.deleteAll();
    expect(await campaignItems(spreadCampaign)).toEqual([]);
    expect(await campaignItems(oldCampaign)).toEqual([]);
  }, 120_000);
});
