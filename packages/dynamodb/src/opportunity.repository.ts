import { DomainError, type Opportunity, type OpportunityStatus } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { allOfPartition, equalityFilters, salesListPage } from './sales-list-page.js';
import { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';
import { conditionFailedAt } from './transaction-failure.js';

type Item = Record<string, unknown>;

export type OpportunityListFilter = {
  status?: OpportunityStatus;
  stage?: string;
  pipeline?: string;
  /** A user id; `null` for deals nobody owns. */
  ownerId?: string | null;
  customerId?: string;
  limit: number;
  cursor?: string;
};

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** The deal's item: its own partition, listed by tenant, status, customer and owner. */
export function opportunityItem(tenantId: string, deal: Opportunity): Item {
  return toItem(
    'opportunity',
    {
      ...keys.opportunity(tenantId, deal.id),
      ...keys.opportunitiesIndex(tenantId, deal.createdAt, deal.id),
      ...keys.opportunitiesByStatusIndex(tenantId, deal.status, deal.createdAt, deal.id),
      ...keys.customerOpportunitiesIndex(tenantId, deal.customerId, deal.createdAt, deal.id),
      ...keys.ownerOpportunitiesIndex(tenantId, deal.ownerId, deal.createdAt, deal.id),
    },
    deal,
  );
}

/** The customer a deal is for must exist and be live. */
export function customerIsLive(tenantId: string, customerId: string): TransactItems[number] {
  return {
    ConditionCheck: {
      TableName: '',
      Key: keys.customer(tenantId, customerId),
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(archivedAt)',
    },
  };
}

const read = (item: Item) => fromItem<Opportunity>(item);

/** Opportunities (销售机会). The funnel reads the open ones and a window of all; never a scan. */
export class OpportunityRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(opportunityId: string): Promise<Opportunity | undefined> {
    const item = await this.table.get(keys.opportunity(this.tenantId, opportunityId));
    return item ? read(item) : undefined;
  }

  /** Writes a new deal for a live customer (`not_found` on the customer otherwise), all or nothing. */
  async create(deal: Opportunity): Promise<void> {
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: opportunityItem(this.tenantId, deal),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        customerIsLive(this.tenantId, deal.customerId),
      ]);
    } catch (error) {
      const failed = conditionFailedAt(error);
      if (failed.includes(1)) {
        throw new DomainError('validation_failed', 'The customer does not exist or is archived', {
          fields: [{ path: 'customerId', message: 'no such live customer' }],
        });
      }
      if (failed.includes(0)) throw new DomainError('already_exists', 'Opportunity already exists');
      throw error;
    }
  }

  /**
   * Writes `next` if the stored deal is still at `expectedVersion` (and still open: closed deals
   * never change), its index keys moving with it.
   */
  async save(next: Opportunity, expectedVersion: number): Promise<Opportunity> {
    const stored: Opportunity = { ...next, version: expectedVersion + 1 };
    try {
      await this.table.put(opportunityItem(this.tenantId, stored), {
        ConditionExpression: '#version = :expected AND #status = :open',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':open': 'open' },
      });
      return stored;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(next.id);
      if (!current) throw new DomainError('not_found', 'Opportunity not found');
      if (current.status !== 'open') {
        throw new DomainError('invalid_state', `The deal is ${current.status}; only open deals change`);
      }
      throw new DomainError(
        'version_conflict',
        `The deal was changed by someone else (expected version ${expectedVersion}, it is ${current.version})`,
        { details: { current } },
      );
    }
  }

  /** Newest first, from the narrowest index the filter allows (customer, owner, status, all). */
  async list(filter: OpportunityListFilter): Promise<{ items: Opportunity[]; nextCursor: string | null }> {
    const t = this.tenantId;
    let index: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
    let partition: string;
    const rest: Record<string, unknown> = { stage: filter.stage, pipeline: filter.pipeline };
    if (filter.customerId !== undefined) {
      index = 'gsi3';
      partition = keys.customerOpportunitiesPartition(t, filter.customerId);
      Object.assign(rest, { status: filter.status, ownerId: filter.ownerId });
    } else if (filter.ownerId !== undefined) {
      index = 'gsi4';
      partition = keys.ownerOpportunitiesPartition(t, filter.ownerId);
      Object.assign(rest, { status: filter.status });
    } else if (filter.status !== undefined) {
      index = 'gsi2';
      partition = keys.opportunitiesByStatusPartition(t, filter.status);
    } else {
      index = 'gsi1';
      partition = keys.opportunitiesPartition(t);
    }
    return salesListPage({
      table: this.table,
      index,
      partition,
      keyOf: (id) => keys.opportunity(t, id),
      filters: equalityFilters(rest),
      limit: filter.limit,
      cursor: filter.cursor,
      read,
    });
  }

  /** Every open deal of the tenant (the funnel's counts): one index partition, nothing closed. */
  async allOpen(): Promise<Opportunity[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi2',
      partition: keys.opportunitiesByStatusPartition(this.tenantId, 'open'),
      read,
    });
  }

  /** Every deal created at or after `since` (the funnel's conversion cohort). */
  async createdSince(since: string): Promise<Opportunity[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi1',
      partition: keys.opportunitiesPartition(this.tenantId),
      fromSortKey: since,
      read,
    });
  }

  /**
   * Every deal won (or lost) in [from, to) by its closing instant (the KPIs): only that status's
   * partition is read, and only deals created before `to`.
   */
  async closedBetween(input: { status: 'won' | 'lost'; from: string; to: string }): Promise<Opportunity[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi2',
      partition: keys.opportunitiesByStatusPartition(this.tenantId, input.status),
      // Every creation instant sorts after '0'; the window's end bounds the creations read.
      fromSortKey: '0',
      toSortKey: input.to,
      filter: {
        expression: 'closedAt >= :closedFrom AND closedAt < :closedTo',
        values: { ':closedFrom': input.from, ':closedTo': input.to },
      },
      read,
    });
  }

  /** Every deal lost at or after `since` (the lost-deal report): only the lost partition is read. */
  async lostSince(since: string): Promise<Opportunity[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi2',
      partition: keys.opportunitiesByStatusPartition(this.tenantId, 'lost'),
      filter: { expression: 'closedAt >= :since', values: { ':since': since } },
      read,
    });
  }
}
