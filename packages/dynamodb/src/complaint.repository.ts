import {
  type Complaint,
  type ComplaintSlaPolicy,
  type ComplaintStep,
  type CustomerSatisfaction,
  type FigureMoves,
  type Interaction,
  isClosedComplaintStep,
} from '@crm/domain';
import { createdListPage } from './created-list-page.js';
import { putVersionWithRating } from './customer-satisfaction-update.js';
import type { TableClient } from './document-client.js';
import { dueByIndex } from './due-by-index.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { recordWithTimelineEntry } from './timeline-entry-record.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

type Item = Record<string, unknown>;

export type StoredComplaintPolicy = {
  policy: ComplaintSlaPolicy;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

export type ComplaintListQuery = {
  step?: ComplaintStep;
  /** Open complaints only (any step but closed). */
  open?: boolean;
  customerId?: string;
  departmentId?: string;
  /** Overdue at `now`: past the step's due time, or flagged by the nightly pass. */
  overdue?: boolean;
  now: string;
  limit: number;
  cursor?: string;
};

/** Pages are filled from at most this many index reads, so a rare filter cannot scan forever. */
const MAX_READS_PER_PAGE = 10;

export function complaintItem(tenantId: string, complaint: Complaint): Item {
  return toItem(
    'complaint',
    {
      ...keys.complaint(tenantId, complaint.id),
      ...keys.complaintsIndex(tenantId, complaint.recordedAt, complaint.id),
      ...keys.customerComplaintsIndex(tenantId, complaint.customerId, complaint.recordedAt, complaint.id),
      // Only open complaints sit in the index the nightly SLA pass reads.
      ...(!isClosedComplaintStep(complaint.step) && complaint.stepDueAt
        ? keys.openComplaintsIndex(tenantId, complaint.stepDueAt, complaint.id)
        : {}),
    },
    complaint,
  );
}

/**
 * Complaints (客户投诉), the tenant's SLA policy and each customer's satisfaction figure. A
 * complaint lives in its own partition, so transitions never contend with the customer item; the
 * customer item is touched once, when the complaint is recorded on the timeline.
 */
export class ComplaintRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredComplaintPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredComplaintPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredComplaintPolicy>(
      this.table,
      'complaintPolicy',
      keys.complaintPolicy(this.tenantId),
      'The complaint SLA policy was changed by someone else; reload it',
    );
  }

  async get(complaintId: string): Promise<Complaint | undefined> {
    const item = await this.table.get(keys.complaint(this.tenantId, complaintId));
    return item ? fromItem<Complaint>(item) : undefined;
  }

  /**
   * Records the complaint and its entry on the customer's timeline (an interaction of type
   * `complaint` under the complaint's id) and counts that entry in the customer's figures, all
   * or nothing. The figures' guard refuses a missing or archived customer: `not_found` /
   * `invalid_state`. `FiguresBusyError` when another transaction held the customer item (resend).
   */
  async record(input: {
    complaint: Complaint;
    timelineEntry: Interaction;
    moves: FigureMoves;
  }): Promise<void> {
    await recordWithTimelineEntry(this.table, {
      tenantId: this.tenantId,
      customerId: input.complaint.customerId,
      item: complaintItem(this.tenantId, input.complaint),
      timelineEntry: input.timelineEntry,
      moves: input.moves,
      messages: {
        alreadyExists: 'Complaint already recorded',
        customerArchived: 'The customer is archived; restore it to record a complaint',
      },
    });
  }

  /**
   * Writes the complaint as `next` if it is still at `expectedVersion` (a concurrent transition
   * answers `version_conflict`), with a rating added to the customer's satisfaction figure in
   * the same transaction when the step rated it.
   */
  async save(
    next: Complaint,
    expectedVersion: number,
    rated?: { rating: number; at: string },
  ): Promise<Complaint> {
    const stored: Complaint = { ...next, version: expectedVersion + 1 };
    await putVersionWithRating(this.table, {
      tenantId: this.tenantId,
      customerId: next.customerId,
      item: complaintItem(this.tenantId, stored),
      expectedVersion,
      rated,
      what: 'complaint',
    });
    return stored;
  }

  /** Newest first; filters narrow the page, and a page is filled from a bounded number of reads. */
  async list(query: ComplaintListQuery): Promise<{ items: Complaint[]; cursor: string | null }> {
    const byCustomer = query.customerId !== undefined;
    const indexName = byCustomer ? 'gsi3' : 'gsi1';
    const partitionValue = byCustomer
      ? keys.customerComplaintsPartition(this.tenantId, query.customerId as string)
      : keys.complaintsPartition(this.tenantId);
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (query.step) {
      filters.push('#step = :step');
      names['#step'] = 'step';
      values[':step'] = query.step;
    }
    if (query.open) {
      filters.push('NOT #step IN (:closed, :rejected)');
      names['#step'] = 'step';
      values[':closed'] = 'closed';
      values[':rejected'] = 'rejected';
    }
    if (query.departmentId) {
      filters.push('departmentId = :department');
      values[':department'] = query.departmentId;
    }
    if (query.overdue !== undefined) {
      names['#step'] = 'step';
      values[':closed'] = 'closed';
      values[':rejected'] = 'rejected';
      values[':now'] = query.now;
      values[':true'] = true;
      const overdue = '(NOT #step IN (:closed, :rejected) AND (overdue = :true OR stepDueAt < :now))';
      filters.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    return createdListPage<Complaint>({
      table: this.table,
      index: indexName,
      partition: partitionValue,
      keyOf: (id) => keys.complaint(this.tenantId, id),
      limit: query.limit,
      cursor: query.cursor,
      filter: { expressions: filters, names, values },
      maxReads: MAX_READS_PER_PAGE,
    });
  }

  /**
   * When each complaint recorded before `before` was recorded and what step it is in (the KPIs'
   * resolution times): the creation index up to that instant, at most `limit` complaints, newest first.
   */
  async recordedBefore(input: {
    before: string;
    limit: number;
  }): Promise<{ items: Pick<Complaint, 'recordedAt' | 'step' | 'stepEnteredAt'>[]; capped: boolean }> {
    const items: Pick<Complaint, 'recordedAt' | 'step' | 'stepEnteredAt'>[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query<Pick<Complaint, 'recordedAt' | 'step' | 'stepEnteredAt'>>({
        partitionValue: keys.complaintsPartition(this.tenantId),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1sk < :before',
        ExpressionAttributeNames: { '#step': 'step' },
        ExpressionAttributeValues: { ':before': input.before },
        ProjectionExpression: 'recordedAt, #step, stepEnteredAt',
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      });
      items.push(...page.items);
      start = page.lastEvaluatedKey;
    } while (start && items.length < input.limit);
    return { items: items.slice(0, input.limit), capped: start !== undefined || items.length > input.limit };
  }

  /** How many complaints are open now: the open-complaints index holds exactly them. */
  async countOpen(): Promise<number> {
    let count = 0;
    const pages = this.table.queryPages({
      partitionValue: keys.openComplaintsPartition(this.tenantId),
      IndexName: 'gsi2',
      Select: 'COUNT',
    });
    for await (const page of pages) count += page.scannedCount;
    return count;
  }

  /** Ids of open complaints whose step was due at or before `dueBy` (the nightly pass's work). */
  async openDueBy(dueBy: string): Promise<string[]> {
    return dueByIndex({
      table: this.table,
      index: 'gsi2',
      partition: keys.openComplaintsPartition(this.tenantId),
      dueBy: dueBy,
      attribute: 'id',
    });
  }

  async satisfaction(customerId: string): Promise<CustomerSatisfaction> {
    const item = await this.table.get<{
      ratings?: number;
      ratingSum?: number;
      lastRating?: number;
      lastRatedAt?: string;
    }>(keys.customerSatisfaction(this.tenantId, customerId));
    const ratings = item?.ratings ?? 0;
    return {
      customerId,
      ratings,
      mean: ratings > 0 ? Math.round(((item?.ratingSum ?? 0) / ratings) * 100) / 100 : null,
      lastRating: item?.lastRating ?? null,
      lastRatedAt: item?.lastRatedAt ?? null,
    };
  }
}
