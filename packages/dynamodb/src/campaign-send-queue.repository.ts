import type { TableClient } from './document-client.js';
import { claimDueEntry } from './due-list-claim.js';
import { platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';

type Item = Record<string, unknown>;

/** A campaign whose send is not finished, and when the scheduled resume should next take it up. */
export type CampaignSendEntry = { tenantId: string; campaignId: string; dueAt: string };

/**
 * The unfinished campaign sends of every tenant (one platform item per campaign, listed in the
 * tenant's directory so its export and deletion find it): what the scheduled resume works through,
 * by Query on gsi2, soonest due first, instead of scanning for campaigns that are `sending`. The
 * campaign item stays the truth: an entry whose campaign is no longer sending is only dropped.
 */
export class CampaignSendQueue {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  private entryItem(entry: CampaignSendEntry): Item {
    const key = platformKeys.campaignSend(entry.tenantId, entry.campaignId);
    return {
      ...key,
      ...tenantDirectory.index(entry.tenantId, 'CAMPAIGNSENDS', key.pk),
      ...platformKeys.campaignSendDueIndex(entry.dueAt, entry.tenantId, entry.campaignId),
      ...entry,
      entityType: 'campaignSend',
    };
  }

  /** Files the campaign (again) as due at `dueAt`: a send in progress is never left unlisted. */
  async mark(entry: CampaignSendEntry): Promise<void> {
    await this.platform.put(this.entryItem(entry));
  }

  /** The entries due at `now` or before, soonest first, at most `limit`. */
  async due(now: string, limit: number): Promise<CampaignSendEntry[]> {
    const items = await this.platform.queryIndexUpTo<Item>({
      index: 'gsi2',
      partition: platformKeys.campaignSendsDuePartition(),
      sortKeyAtMost: `${now}#\uffff`,
      limit,
    });
    return items.map((item) => ({
      tenantId: String(item.tenantId),
      campaignId: String(item.campaignId),
      dueAt: String(item.dueAt),
    }));
  }

  /**
   * Takes the entry for one resume: moves it to `until` if it is still due when it was read, so a
   * second pass running meanwhile (or reading a stale index) leaves it alone. False when taken.
   */
  async claim(entry: CampaignSendEntry, until: string): Promise<boolean> {
    return claimDueEntry(this.platform, {
      key: platformKeys.campaignSend(entry.tenantId, entry.campaignId),
      seenDueAt: entry.dueAt,
      until,
      untilSortKey: platformKeys.campaignSendDueIndex(until, entry.tenantId, entry.campaignId).gsi2sk,
    });
  }

  /** The send finished (or can never go on): nothing left to resume. */
  async clear(input: { tenantId: string; campaignId: string }): Promise<void> {
    await this.platform.delete(platformKeys.campaignSend(input.tenantId, input.campaignId));
  }

  /** The entry of one campaign, if it has one (tests and the API's answers read it). */
  async get(input: { tenantId: string; campaignId: string }): Promise<CampaignSendEntry | undefined> {
    const item = await this.platform.get<Item>(platformKeys.campaignSend(input.tenantId, input.campaignId));
    return item
      ? { tenantId: String(item.tenantId), campaignId: String(item.campaignId), dueAt: String(item.dueAt) }
      : undefined;
  }
}
