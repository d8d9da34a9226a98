import {
  type Campaign,
  type CampaignAddressing,
  type CampaignDelivery,
  type CampaignRecipient,
  type CampaignSettings,
  DEFAULT_CAMPAIGN_SETTINGS,
  DomainError,
  type RecipientSkipReason,
} from '@crm/domain';
import { conditionHeld, isConditionFailure } from './condition-failure.js';
import { createdListPage } from './created-list-page.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { CAMPAIGN_RECIPIENT_PARTITIONS, keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { updateVersioned } from './versioned-update.js';

type Item = Record<string, unknown>;

/** Where the one-time catch-up of sends begun before the due list stopped, and what it listed. */
export type CampaignSendsCatchUp = {
  done: boolean;
  /** The campaign list's cursor the next night starts at (null: the start, or done). */
  cursor: string | null;
  listed: number;
  updatedAt: string;
};

/** Where the send job stopped walking the segment: table bookkeeping, never part of the campaign. */
const WALK_CURSOR = 'walkCursor';
/**
 * How many partitions the campaign's recipients are spread over (keys.campaignRecipient): written
 * when its send starts, never changed after. Absent on a campaign whose send began before
 * recipients were spread: its recipients are in its own partition. Bookkeeping, as the cursor.
 */
const RECIPIENT_PARTITIONS = 'recipientPartitions';

/** A campaign's recipient layout: a shard count, or undefined for the campaign's own partition. */
type RecipientLayout = number | undefined;

/**
 * Layouts already read, by tenant and campaign. A layout never changes once a send has begun, so
 * one read per process serves every later recipient write; a draft's is not kept (its send may
 * start elsewhere). Bounded, and simply emptied when full.
 */
const knownLayouts = new Map<string, RecipientLayout>();
const KNOWN_LAYOUTS_MAX = 10_000;

function layoutOf(item: Item): RecipientLayout {
  const count = item[RECIPIENT_PARTITIONS];
  return typeof count === 'number' ? count : undefined;
}
/** Results read at most this many recipients (a campaign to a larger segment reads whole shards up to it). */
const MAX_RECIPIENTS = 50_000;

export function campaignItem(tenantId: string, campaign: Campaign): Item {
  return toItem(
    'campaign',
    {
      ...keys.campaign(tenantId, campaign.id),
      ...keys.campaignsIndex(tenantId, campaign.createdAt, campaign.id),
    },
    campaign,
  );
}

type StoredCampaign = Campaign & { [WALK_CURSOR]?: string; [RECIPIENT_PARTITIONS]?: number };

/** The campaign without the table's bookkeeping. */
function withoutBookkeeping(stored: StoredCampaign): Campaign {
  const { [WALK_CURSOR]: _cursor, [RECIPIENT_PARTITIONS]: _partitions, ...campaign } = stored;
  return campaign as Campaign;
}

function campaignFromItem(item: Item): Campaign {
  return withoutBookkeeping(fromItem<StoredCampaign>(item));
}

/** Which progress counter a recipient's status moves. */
const progressCounter: Record<CampaignRecipient['status'], keyof Campaign['progress'] | undefined> = {
  holdout: 'holdout',
  skipped: 'skipped',
  sending: undefined,
  sent: 'sent',
  bounced: 'bounced',
};

/**
 * Campaigns (批量沟通) and what each send decided per customer, one tenant's. A recipient item is
 * written once, with a conditional put in the same transaction as the campaign's counters: a
 * resumed or repeated send finds it and never decides that customer again. Its message is handed
 * to the outbox only by whoever takes the claim (`beginHanding`), so a claim left behind by a
 * worker that died is mailed once by a resumed send, never twice. Recipients are spread over the
 * partitions the campaign item names (`recipientPartitions`), or in the campaign's own partition
 * for a send begun before they were spread; every method here finds them by that.
 */
export class CampaignRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  private remember(campaignId: string, layout: RecipientLayout): void {
    if (knownLayouts.size >= KNOWN_LAYOUTS_MAX) knownLayouts.clear();
    knownLayouts.set(`${this.tenantId}\u0000${campaignId}`, layout);
  }

  /** Where the campaign's recipients are (read once per process for a campaign that has begun sending). */
  private async layout(campaignId: string): Promise<RecipientLayout> {
    const key = `${this.tenantId}\u0000${campaignId}`;
    if (knownLayouts.has(key)) return knownLayouts.get(key);
    const item = await this.table.get(keys.campaign(this.tenantId, campaignId), { consistent: true });
    const layout = item ? layoutOf(item) : undefined;
    if (item && item.status !== 'draft') this.remember(campaignId, layout);
    return layout;
  }

  private async recipientKey(campaignId: string, customerId: string) {
    return keys.campaignRecipient(this.tenantId, campaignId, customerId, await this.layout(campaignId));
  }

  async create(campaign: Campaign): Promise<void> {
    await this.table.put(campaignItem(this.tenantId, campaign), {
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async get(campaignId: string, options: { consistent?: boolean } = {}): Promise<Campaign | undefined> {
    const item = await this.table.get(keys.campaign(this.tenantId, campaignId), options);
    return item ? campaignFromItem(item) : undefined;
  }

  /** The campaign and where its send stopped walking the segment (null: at the start). */
  async getForSending(
    campaignId: string,
  ): Promise<{ campaign: Campaign; walkCursor: string | null } | undefined> {
    const item = await this.table.get(keys.campaign(this.tenantId, campaignId), { consistent: true });
    if (!item) return undefined;
    const cursor = item[WALK_CURSOR];
    return { campaign: campaignFromItem(item), walkCursor: typeof cursor === 'string' ? cursor : null };
  }

  /** Changes a draft's fields at `expectedVersion` (undefined removes a field). */
  async update(input: {
    campaignId: string;
    expectedVersion: number;
    changes: Record<string, unknown>;
    now: string;
  }): Promise<Campaign> {
    const updated = await updateVersioned<StoredCampaign>(this.table, {
      key: keys.campaign(this.tenantId, input.campaignId),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'Campaign',
    });
    return withoutBookkeeping(updated);
  }

  /** Deletes a draft (a campaign that has sent keeps its results). */
  async remove(campaignId: string, expectedVersion?: number): Promise<void> {
    try {
      await this.table.delete(keys.campaign(this.tenantId, campaignId), {
        condition: `attribute_exists(pk) AND #status = :draft${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
        names: { '#status': 'status', ...(expectedVersion === undefined ? {} : { '#version': 'version' }) },
        values: {
          ':draft': 'draft',
          ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }),
        },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(campaignId);
      if (!current) throw new DomainError('not_found', 'Campaign not found');
      if (current.status !== 'draft')
        throw new DomainError('invalid_state', 'The campaign has been sent; it keeps its results');
      throw new DomainError('version_conflict', 'The campaign was changed by someone else; reload it');
    }
  }

  /** Newest first. */
  async list(query: { limit: number; cursor?: string | undefined }) {
    const page = await createdListPage<StoredCampaign>({
      table: this.table,
      partition: keys.campaignsPartition(this.tenantId),
      keyOf: (id) => keys.campaign(this.tenantId, id),
      ...query,
    });
    return {
      items: page.items.map(withoutBookkeeping),
      cursor: page.cursor,
    };
  }

  /** draft → sending, once; false when it was not a draft any more. */
  async startSending(input: { campaignId: string; now: string; actorId: string }): Promise<boolean> {
    const begun = await conditionHeld(
      this.table.update({
        Key: keys.campaign(this.tenantId, input.campaignId),
        UpdateExpression:
          'SET #status = :sending, sendStartedAt = :now, sentBy = :actor, updatedAt = :now, #version = #version + :one, #partitions = :partitions',
        ConditionExpression: 'attribute_exists(pk) AND #status = :draft',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#version': 'version',
          '#partitions': RECIPIENT_PARTITIONS,
        },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':draft': 'draft',
          ':now': input.now,
          ':actor': input.actorId,
          ':one': 1,
          ':partitions': CAMPAIGN_RECIPIENT_PARTITIONS,
        },
      }),
    );
    if (begun) this.remember(input.campaignId, CAMPAIGN_RECIPIENT_PARTITIONS);
    return begun;
  }

  /** Remembers where the walk of the segment got to, so the next run starts there. */
  async saveWalkCursor(campaignId: string, cursor: string | null): Promise<void> {
    await this.table.update({
      Key: keys.campaign(this.tenantId, campaignId),
      UpdateExpression: cursor === null ? 'REMOVE #cursor' : 'SET #cursor = :cursor',
      ConditionExpression: 'attribute_exists(pk) AND #status = :sending',
      ExpressionAttributeNames: { '#cursor': WALK_CURSOR, '#status': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ...(cursor === null ? {} : { ':cursor': cursor }) },
    });
  }

  /** sending → sent, once the whole segment was decided; false if it was no longer sending. */
  async finishSending(input: { campaignId: string; now: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.campaign(this.tenantId, input.campaignId),
        UpdateExpression:
          'SET #status = :sent, sentAt = :now, updatedAt = :now, #version = #version + :one REMOVE #cursor',
        ConditionExpression: 'attribute_exists(pk) AND #status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#cursor': WALK_CURSOR },
        ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':now': input.now, ':one': 1 },
      }),
    );
  }

  /**
   * Records what the send decided for one customer, and counts it, all or nothing; false when the
   * customer was already decided (a resumed or repeated run): then nothing is written or sent.
   */
  async decide(recipient: CampaignRecipient): Promise<boolean> {
    const counter = progressCounter[recipient.status];
    const key = await this.recipientKey(recipient.campaignId, recipient.customerId);
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: toItem('campaignRecipient', key, recipient),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: '',
            Key: keys.campaign(this.tenantId, recipient.campaignId),
            UpdateExpression: `ADD #progress.#processed :one${counter ? ', #progress.#counter :one' : ''}`,
            ConditionExpression: '#status = :sending',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#progress': 'progress',
              '#processed': 'processed',
              ...(counter ? { '#counter': counter } : {}),
            },
            ExpressionAttributeValues: { ':one': 1, ':sending': 'sending' },
          },
        },
      ]);
      return true;
    } catch (error) {
      if ((error as Error).name === 'TransactionCanceledException') {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        if (reasons[1]?.Code === 'ConditionalCheckFailed') {
          throw new DomainError('invalid_state', 'The campaign is no longer sending');
        }
      }
      throw error;
    }
  }

  /**
   * Takes a claimed recipient (`sending`) to hand its messages to the outbox: true for exactly one
   * caller (the claiming worker, or a resumed send that found the claim left behind); false when
   * someone took it already or it is settled.
   */
  async beginHanding(input: { campaignId: string; customerId: string; at: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: await this.recipientKey(input.campaignId, input.customerId),
        UpdateExpression: 'SET handingAt = :at',
        ConditionExpression: '#status = :sending AND attribute_type(handingAt, :null)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': input.at, ':sending': 'sending', ':null': 'NULL' },
      }),
    );
  }

  /**
   * A claimed recipient (`sending`) becomes sent or bounced, with each address's outcome, counted
   * once; or skipped, when a resumed send found none of its addresses may still be written to.
   */
  async settle(
    input: { campaignId: string; customerId: string } & (
      | { status: 'sent' | 'bounced'; deliveries: CampaignDelivery[] }
      | { status: 'skipped'; reason: RecipientSkipReason; passedOver: CampaignAddressing['passedOver'] }
    ),
  ): Promise<void> {
    const changes =
      input.status === 'skipped'
        ? {
            set: 'reason = :reason, passedOver = :passedOver',
            values: { ':reason': input.reason, ':passedOver': input.passedOver },
          }
        : { set: 'deliveries = :deliveries', values: { ':deliveries': input.deliveries } };
    try {
      await this.table.transactWrite([
        {
          Update: {
            TableName: '',
            Key: await this.recipientKey(input.campaignId, input.customerId),
            UpdateExpression: `SET #status = :status, ${changes.set}`,
            ConditionExpression: '#status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': input.status, ':sending': 'sending', ...changes.values },
          },
        },
        {
          Update: {
            TableName: '',
            Key: keys.campaign(this.tenantId, input.campaignId),
            UpdateExpression: 'ADD #progress.#counter :one',
            ExpressionAttributeNames: { '#progress': 'progress', '#counter': input.status },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ]);
    } catch (error) {
      // Settled already (a retry): counted once.
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
    }
  }

  /** Marks the customer's recipient item unsubscribed (once); false when there is none or it was. */
  async markUnsubscribed(input: { campaignId: string; customerId: string; at: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: await this.recipientKey(input.campaignId, input.customerId),
        UpdateExpression: 'SET unsubscribedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_type(unsubscribedAt, :null)',
        ExpressionAttributeValues: { ':at': input.at, ':null': 'NULL' },
      }),
    );
  }

  /**
   * SNS reported the SMS `messageId` undelivered: its delivery turns `bounced` (with SNS's words),
   * and when none of the customer's messages is left delivered the customer turns `sent` →
   * `bounced` and the campaign's counters move, all in one transaction. Written on the condition
   * that the deliveries are as read, so two reports about the same customer cannot both miss the
   * other's change, and a report seen twice finds its delivery bounced already: counted once.
   * `unchanged` when there is no such delivery still `sent` (a duplicate, or not this campaign's).
   */
  async markDeliveryFailed(input: {
    campaignId: string;
    customerId: string;
    messageId: string;
    detail: string;
  }): Promise<'bounced' | 'unchanged'> {
    const key = await this.recipientKey(input.campaignId, input.customerId);
    for (let attempt = 0; ; attempt++) {
      const recipient = await this.recipient(input.campaignId, input.customerId);
      const deliveries = recipient?.deliveries ?? [];
      const index = deliveries.findIndex(
        (delivery) => delivery.messageId === input.messageId && delivery.status === 'sent',
      );
      if (!recipient || index < 0) return 'unchanged';
      const next: CampaignDelivery[] = deliveries.map((delivery, at) =>
        at === index ? { ...delivery, status: 'bounced', failure: input.detail } : delivery,
      );
      const customerBounced =
        recipient.status === 'sent' && next.every((delivery) => delivery.status === 'bounced');
      try {
        await this.table.transactWrite([
          {
            Update: {
              TableName: '',
              Key: key,
              UpdateExpression: `SET deliveries = :next${customerBounced ? ', #status = :bounced' : ''}`,
              ConditionExpression: 'deliveries = :before AND #status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':next': next,
                ':before': deliveries,
                ':status': recipient.status,
                ...(customerBounced ? { ':bounced': 'bounced' } : {}),
              },
            },
          },
          ...(customerBounced
            ? [
                {
                  Update: {
                    TableName: '',
                    Key: keys.campaign(this.tenantId, input.campaignId),
                    UpdateExpression: 'ADD #progress.#sent :minus, #progress.#bounced :one',
                    ExpressionAttributeNames: {
                      '#progress': 'progress',
                      '#sent': 'sent',
                      '#bounced': 'bounced',
                    },
                    ExpressionAttributeValues: { ':one': 1, ':minus': -1 },
                  },
                },
              ]
            : []),
        ]);
        return 'bounced';
      } catch (error) {
        // Changed since it was read (another report, an unsubscribe): read it again.
        if ((error as Error).name !== 'TransactionCanceledException' || attempt >= 4) throw error;
      }
    }
  }

  /**
   * Marks the delivery to `to` unsubscribed (once): the per-address count of the results. False
   * when the recipient has no such delivery (a link from before sends went per contact) or it was.
   */
  async markAddressUnsubscribed(input: {
    campaignId: string;
    customerId: string;
    to: string;
    contactId: string | null;
    at: string;
  }): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const recipient = await this.recipient(input.campaignId, input.customerId);
      const deliveries = recipient?.deliveries ?? [];
      const index = deliveries.findIndex(
        (delivery) => delivery.to === input.to && delivery.contactId === input.contactId,
      );
      if (index < 0 || deliveries[index]?.unsubscribedAt) return false;
      try {
        await this.table.update({
          Key: await this.recipientKey(input.campaignId, input.customerId),
          UpdateExpression: 'SET deliveries = :next',
          ConditionExpression: 'deliveries = :before',
          ExpressionAttributeValues: {
            ':before': deliveries,
            ':next': deliveries.map((delivery, at) =>
              at === index ? { ...delivery, unsubscribedAt: input.at } : delivery,
            ),
          },
        });
        return true;
      } catch (error) {
        // Changed since it was read (a delivery report, another click): read it again.
        if (!isConditionFailure(error) || attempt >= 4) throw error;
      }
    }
  }

  async recipient(campaignId: string, customerId: string): Promise<CampaignRecipient | undefined> {
    const item = await this.table.get(await this.recipientKey(campaignId, customerId), { consistent: true });
    return item ? fromItem<CampaignRecipient>(item) : undefined;
  }

  /**
   * Every recipient of the campaign (up to 50,000), in customer-id order. Spread recipients are
   * read shard by shard until the cap, so a capped campaign's list is not the first 50,000 ids but
   * whole shards' worth.
   */
  async recipients(campaignId: string): Promise<{ items: CampaignRecipient[]; capped: boolean }> {
    const items: CampaignRecipient[] = [];
    let capped = false;
    for (const partition of keys.campaignRecipientPartitions(
      this.tenantId,
      campaignId,
      await this.layout(campaignId),
    )) {
      if (items.length >= MAX_RECIPIENTS) {
        capped = true;
        break;
      }
      let start: Item | undefined;
      do {
        const page = await this.table.query({
          partitionValue: partition,
          KeyConditionExpression: 'begins_with(sk, :rcpt)',
          ExpressionAttributeValues: { ':rcpt': sortKeyPrefixes.campaignRecipient },
          ExclusiveStartKey: start,
        });
        items.push(...page.items.map((item) => fromItem<CampaignRecipient>(item)));
        start = page.lastEvaluatedKey;
      } while (start && items.length < MAX_RECIPIENTS);
      if (start) capped = true;
    }
    items.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    return { items, capped };
  }

  /** How far the catch-up of sends begun before the due list has walked the campaigns (none: not begun). */
  async sendsCatchUp(): Promise<CampaignSendsCatchUp | undefined> {
    const item = await this.table.get(keys.campaignSendsCatchUp(this.tenantId));
    return item ? fromItem<CampaignSendsCatchUp>(item) : undefined;
  }

  async putSendsCatchUp(state: CampaignSendsCatchUp): Promise<void> {
    await this.table.put(toItem('campaignSendsCatchUp', keys.campaignSendsCatchUp(this.tenantId), state));
  }

  /** The tenant's send rate (all campaigns together). */
  async settings(): Promise<CampaignSettings> {
    const item = await this.table.get(keys.campaignSendWindow(this.tenantId));
    const rate = item?.sendRatePerMinute;
    return typeof rate === 'number' ? { sendRatePerMinute: rate } : DEFAULT_CAMPAIGN_SETTINGS;
  }

  async saveSettings(settings: CampaignSettings): Promise<void> {
    await this.table.update({
      Key: keys.campaignSendWindow(this.tenantId),
      UpdateExpression: 'SET sendRatePerMinute = :rate',
      ExpressionAttributeValues: { ':rate': settings.sendRatePerMinute },
    });
  }

  /**
   * Takes one send from the tenant's current minute (a fixed window of `ratePerMinute`), by a
   * conditional write, so parallel runs of several campaigns together never exceed the rate.
   * Returns false when the minute is used up.
   */
  async takeSendSlot(input: { now: Date; ratePerMinute: number }): Promise<boolean> {
    const minute = Math.floor(input.now.getTime() / 60_000);
    const key = keys.campaignSendWindow(this.tenantId);
    const names = { '#minute': 'minute', '#count': 'sentInMinute' };
    // A new minute starts at one send.
    const started = await conditionHeld(
      this.table.update({
        Key: key,
        UpdateExpression: 'SET #minute = :minute, #count = :one',
        ConditionExpression: 'attribute_not_exists(#minute) OR #minute < :minute',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':minute': minute, ':one': 1 },
      }),
    );
    if (started) return true;
    return conditionHeld(
      this.table.update({
        Key: key,
        UpdateExpression: 'ADD #count :one',
        ConditionExpression: '#minute = :minute AND #count < :rate',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':minute': minute, ':one': 1, ':rate': input.ratePerMinute },
      }),
    );
  }
}
