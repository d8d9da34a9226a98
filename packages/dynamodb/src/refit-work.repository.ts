import type { ModelFit } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** Where a refit in pieces stands (issue 21); written after every piece, read at the next. */
export type RefitWorkState = {
  phase: 'reading' | 'fitting' | 'scoring';
  /** The customer list cursor the next read page starts at (absent: the first page). */
  cursor?: string;
  pagesRead: number;
  customersRead: number;
  /** Customers with orders read: what the fit and the score pages cover. */
  buyersRead: number;
  pagesScored: number;
  customersScored: number;
  /** The tenant's default currency and the calibration cutoff the run fixed at its start. */
  currency: string;
  cutoffDay: number;
  /** The fit made from every read page, once the fitting piece ran (scores are written from it). */
  fit?: ModelFit;
  readMs: number;
  scoreMs: number;
  /** Counts over every customer scored so far, kept when the fit saw only a sample of them. */
  tally?: RefitTally;
};

/** What a sampled fit's summary counts over everyone, summed page by page as scores are written. */
export type RefitTally = {
  withOrders: number;
  repeaters: number;
  segments: Record<string, number>;
  stages: Record<string, number>;
  abc: Partial<Record<'A' | 'B' | 'C', number>>;
  /** Σ total spend per ABC class (minor units), for the classes' shares. */
  abcValue: Partial<Record<'A' | 'B' | 'C', number>>;
  clvSum: number;
  expected90: number;
};

/** DynamoDB's item limit is 400 KB; a page's text is cut into parts well below it. */
const PART_CHARS = 300_000;
/** Work items outlive any refit (a night); DynamoDB drops those of a run nobody finished. */
const WORK_TTL_SECONDS = 7 * 86_400;

/**
 * The work items of a refit done in pieces (keys.refitWork / refitPage, in the tenant's MODEL
 * partition): its state, and each read page's orders as text in parts, so a piece in another
 * invocation goes on where the last one stopped. A page is written whole before the state counts
 * it, and rewriting it gives the same items: a page redone after a crash changes nothing.
 */
export class RefitWorkRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;
  private readonly fitId: string;

  constructor(client: TableClient, tenantId: string, fitId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
    this.fitId = fitId;
  }

  async getState(): Promise<RefitWorkState | undefined> {
    const item = await this.table.get(keys.refitWork(this.tenantId, this.fitId), { consistent: true });
    return item ? fromItem<RefitWorkState>(item) : undefined;
  }

  async putState(state: RefitWorkState, now: Date): Promise<void> {
    await this.table.put(
      toItem('refitWork', keys.refitWork(this.tenantId, this.fitId), state, {
        expiresAt: epochSeconds(now) + WORK_TTL_SECONDS,
      }),
    );
  }

  /** Stores one read page's text (in as many parts as it takes); the same page again overwrites it. */
  async putPage(page: number, text: string, now: Date): Promise<void> {
    const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
    for (let part = 0; part < parts; part++) {
      const item = toItem(
        'refitPage',
        keys.refitPage(this.tenantId, this.fitId, page, part),
        { text: text.slice(part * PART_CHARS, (part + 1) * PART_CHARS), parts },
        { expiresAt: epochSeconds(now) + WORK_TTL_SECONDS },
      );
      await this.table.put(item);
    }
  }

  /** One page's text, or every page's in page order (parts of an earlier, longer attempt ignored). */
  async pages(page?: number): Promise<string[]> {
    const texts = new Map<string, { parts: number; text: string[] }>();
    const parts = await this.table.queryAll<{ sk: string; text: string; parts: number }>({
      partitionValue: keys.modelPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :page)',
      ExpressionAttributeValues: { ':page': keys.refitPagesPrefix(this.fitId, page) },
      ConsistentRead: true,
    });
    for (const item of parts) {
      const [pageNumber = '', partNumber = ''] = item.sk
        .slice(keys.refitPagesPrefix(this.fitId).length)
        .split('#');
      const entry = texts.get(pageNumber) ?? { parts: item.parts, text: [] };
      if (Number(partNumber) === 0) entry.parts = item.parts;
      entry.text[Number(partNumber)] = item.text;
      texts.set(pageNumber, entry);
    }
    return [...texts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, entry]) => entry.text.slice(0, entry.parts).join(''));
  }

  /** Removes the run's work items (it ended); what is missed expires by TTL. */
  async clear(): Promise<void> {
    const pageParts = await this.table.queryAll<{ sk: string }>({
      partitionValue: keys.modelPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :page)',
      ExpressionAttributeValues: { ':page': keys.refitPagesPrefix(this.fitId) },
      ProjectionExpression: 'sk',
    });
    const sortKeys = [keys.refitWork(this.tenantId, this.fitId).sk, ...pageParts.map((item) => item.sk)];
    for (const sk of sortKeys) await this.table.delete({ pk: keys.modelPartition(this.tenantId), sk });
  }
}
