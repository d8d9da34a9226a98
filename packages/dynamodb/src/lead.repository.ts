import { DomainError, type Lead, type LeadGrade, type LeadStatus, type Opportunity } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { customerIsLive, opportunityItem } from './opportunity.repository.js';
import { allOfPartition, equalityFilters, salesListPage } from './sales-list-page.js';
import { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';
import { conditionFailedAt } from './transaction-failure.js';

type Item = Record<string, unknown>;

export type LeadListFilter = {
  status?: LeadStatus;
  grade?: LeadGrade;
  source?: string;
  ownerId?: string;
  limit: number;
  cursor?: string;
};

/** How a conversion reaches its customer: a new one (the writes that create it) or a live one. */
export type ConversionCustomer =
  | { kind: 'new'; customerId: string; actions: TransactItems }
  | { kind: 'existing'; customerId: string };

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

function leadItem(tenantId: string, lead: Lead): Item {
  return toItem(
    'lead',
    {
      ...keys.lead(tenantId, lead.id),
      ...keys.leadsIndex(tenantId, lead.createdAt, lead.id),
      ...keys.leadsByStatusIndex(tenantId, lead.status, lead.createdAt, lead.id),
    },
    lead,
  );
}

const read = (item: Item) => fromItem<Lead>(item);

/** Leads (销售线索), each in its own partition, listed by tenant and by status. */
export class LeadRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(leadId: string): Promise<Lead | undefined> {
    const item = await this.table.get(keys.lead(this.tenantId, leadId));
    return item ? read(item) : undefined;
  }

  async create(lead: Lead): Promise<void> {
    await this.table.put(leadItem(this.tenantId, lead), { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  /** Writes `next` if the lead is still at `expectedVersion` and open or disqualified (a converted lead is final). */
  async save(next: Lead, expectedVersion: number): Promise<Lead> {
    const stored: Lead = { ...next, version: expectedVersion + 1 };
    try {
      await this.table.put(leadItem(this.tenantId, stored), {
        ConditionExpression: '#version = :expected AND #status <> :converted',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':converted': 'converted' },
      });
      return stored;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw await this.whyNot(next.id, expectedVersion);
    }
  }

  private async whyNot(leadId: string, expectedVersion: number): Promise<DomainError> {
    const current = await this.get(leadId);
    if (!current) return new DomainError('not_found', 'Lead not found');
    if (current.status === 'converted') {
      return new DomainError('invalid_state', 'The lead is already converted', {
        details: { customerId: current.customerId, opportunityId: current.opportunityId },
      });
    }
    return new DomainError(
      'version_conflict',
      `The lead was changed by someone else (expected version ${expectedVersion}, it is ${current.version})`,
      { details: { current } },
    );
  }

  /**
   * The conversion, all or nothing: the lead marked converted (only from `open` at
   * `expectedVersion`, so a second conversion fails), the deal written, and the customer created
   * or checked live. A lead converts once: the second answers `invalid_state`.
   */
  async convert(input: {
    lead: Lead;
    expectedVersion: number;
    opportunity: Opportunity;
    customer: ConversionCustomer;
  }): Promise<Lead> {
    const { lead, opportunity, customer } = input;
    const stored: Lead = { ...lead, version: input.expectedVersion + 1 };
    const customerActions =
      customer.kind === 'new' ? customer.actions : [customerIsLive(this.tenantId, customer.customerId)];
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: leadItem(this.tenantId, stored),
            ConditionExpression: '#version = :expected AND #status = :open',
            ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
            ExpressionAttributeValues: { ':expected': input.expectedVersion, ':open': 'open' },
          },
        },
        {
          Put: {
            TableName: '',
            Item: opportunityItem(this.tenantId, opportunity),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...customerActions,
      ]);
      return stored;
    } catch (error) {
      const failed = conditionFailedAt(error);
      if (failed.includes(0)) {
        const current = await this.get(lead.id);
        if (current?.status === 'disqualified') {
          throw new DomainError('invalid_state', 'The lead is disqualified; reopen it to convert it');
        }
        throw await this.whyNot(lead.id, input.expectedVersion);
      }
      if (failed.some((index) => index >= 2)) {
        if (customer.kind === 'existing') {
          throw new DomainError('validation_failed', 'The customer does not exist or is archived', {
            fields: [{ path: 'customerId', message: 'no such live customer' }],
          });
        }
        throw new DomainError(
          'validation_failed',
          'A unique custom field value is taken by another customer',
          {
            fields: [{ path: 'customer.customFields', message: 'must be unique' }],
          },
        );
      }
      if (failed.includes(1)) throw new DomainError('already_exists', 'Opportunity already exists');
      throw error;
    }
  }

  /** Every lead created in [from, to) (the KPIs' lead conversion): a window of the creation index. */
  async createdBetween(input: { from: string; to: string }): Promise<Lead[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi1',
      partition: keys.leadsPartition(this.tenantId),
      fromSortKey: input.from,
      // Sort keys are `<createdAt>#<id>`: `<to>` sorts before `<to>#<id>`, so a lead created at `to` is out.
      toSortKey: input.to,
      read,
    });
  }

  /** Newest first; status narrows the index, the other filters apply to its pages. */
  async list(filter: LeadListFilter): Promise<{ items: Lead[]; nextCursor: string | null }> {
    const t = this.tenantId;
    const byStatus = filter.status !== undefined;
    return salesListPage({
      table: this.table,
      index: byStatus ? 'gsi2' : 'gsi1',
      partition: byStatus ? keys.leadsByStatusPartition(t, filter.status as string) : keys.leadsPartition(t),
      keyOf: (id) => keys.lead(t, id),
      filters: equalityFilters({ grade: filter.grade, source: filter.source, ownerId: filter.ownerId }),
      limit: filter.limit,
      cursor: filter.cursor,
      read,
    });
  }
}
