import {
  DomainError,
  type FigureMoves,
  type Interaction,
  isClosedServiceRequestStatus,
  type ServicePlan,
  type ServiceRequest,
  type ServiceRequestStatus,
  type ServiceSlaPolicy,
} from '@crm/domain';
import { createdListPage } from './created-list-page.js';
import { putVersionWithRating } from './customer-satisfaction-update.js';
import type { TableClient } from './document-client.js';
import { dueByIndex } from './due-by-index.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { servicePlanItem } from './service-plan.repository.js';
import { TenantTable } from './tenant-table.js';
import { recordWithTimelineEntry } from './timeline-entry-record.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

type Item = Record<string, unknown>;

export type StoredServiceSlaPolicy = {
  policy: ServiceSlaPolicy;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

/** How far the one-time SLA backfill has come for a tenant (see `ServiceRequestRepository.withoutSlaClock`). */
export type ServiceSlaBackfillState = {
  /** Every request stored before SLAs existed has been given a due time; nothing left to read. */
  done: boolean;
  /** Where the next night goes on in the request list (gsi1), when a night's reads ran out first. */
  resumeKey: Record<string, unknown> | null;
  /** Requests given a due time so far. */
  backfilled: number;
  updatedAt: string;
};

export type ServiceRequestListQuery = {
  status?: ServiceRequestStatus;
  /** Open requests only (neither followed up nor cancelled). */
  open?: boolean;
  customerId?: string;
  /** Assigned to any of these (`user:<id>`, `team:<id>`, `partner:<id>`: see `serviceAssigneeKey`). */
  assigneeKeys?: readonly string[];
  /** Requests with a visit in [from, to): the calendar's week. */
  from?: string;
  to?: string;
  /** Overdue at `now`: past the status's SLA due time, or flagged by the nightly pass. */
  overdue?: boolean;
  now?: string;
  limit: number;
  cursor?: string;
};

/** Attributes kept on the item for filters only; never part of the record. */
const FILTER_ATTRIBUTES = ['assigneeKey', 'visitsFrom', 'visitsTo'] as const;
/** Pages are filled from at most this many index reads, so a rare filter cannot scan forever. */
const MAX_READS_PER_PAGE = 10;

/** The assignee as one filterable string: `user:<id>`, `team:<departmentId>` or `partner:<id>`. */
export function serviceAssigneeKey(assignee: ServiceRequest['assignee']): string | undefined {
  if (!assignee) return undefined;
  return `${assignee.kind}:${assignee.kind === 'team' ? assignee.departmentId : assignee.userId}`;
}

export function serviceRequestItem(tenantId: string, request: ServiceRequest): Item {
  const item = toItem(
    'serviceRequest',
    {
      ...keys.serviceRequest(tenantId, request.id),
      ...keys.serviceRequestsIndex(tenantId, request.receivedAt, request.id),
      ...keys.customerServiceRequestsIndex(tenantId, request.customerId, request.receivedAt, request.id),
      // Only open requests sit in the index the nightly SLA pass reads.
      ...(!isClosedServiceRequestStatus(request.status) && request.stepDueAt
        ? keys.openServiceRequestsIndex(tenantId, request.stepDueAt, request.id)
        : {}),
    },
    request,
  );
  const assigneeKey = serviceAssigneeKey(request.assignee);
  if (assigneeKey) item.assigneeKey = assigneeKey;
  const starts = request.visits.map((visit) => visit.start).sort();
  const ends = request.visits.map((visit) => visit.end).sort();
  if (starts[0] && ends.length) {
    item.visitsFrom = starts[0];
    item.visitsTo = ends.at(-1);
  }
  return item;
}

function requestFromItem(item: Item): ServiceRequest {
  const record = fromItem<Record<string, unknown>>(item);
  for (const attribute of FILTER_ATTRIBUTES) delete record[attribute];
  // Requests received before service SLAs existed have no SLA clock: they read as never late.
  return {
    stepEnteredAt: record.updatedAt,
    stepDueAt: null,
    overdue: false,
    escalations: [],
    ...record,
  } as unknown as ServiceRequest;
}

/**
 * Service requests (客户服务). A request lives in its own partition, so its steps and visits never
 * contend with the customer item; the customer item is touched once, when the request is received
 * onto the timeline.
 */
export class ServiceRequestRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredServiceSlaPolicy | undefined> {
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredServiceSlaPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredServiceSlaPolicy>(
      this.table,
      'serviceSlaPolicy',
      keys.serviceSlaPolicy(this.tenantId),
      'The service SLA policy was changed by someone else; reload it',
    );
  }

  async slaBackfillState(): Promise<ServiceSlaBackfillState | undefined> {
    const item = await this.table.get(keys.serviceSlaBackfill(this.tenantId));
    return item ? fromItem<ServiceSlaBackfillState>(item) : undefined;
  }

  /** Only the nightly pass writes it, one tenant at a time, so a plain put is enough. */
  async putSlaBackfillState(state: ServiceSlaBackfillState): Promise<void> {
    await this.table.put(toItem('serviceSlaBackfill', keys.serviceSlaBackfill(this.tenantId), state));
  }

  /**
   * Ids of open requests stored before SLAs existed (no `stepEnteredAt`, so no due time and no
   * place in the open-by-due index), read from the tenant's request list (gsi1) from `from`, at
   * most `maxReads` pages: a bounded Query, never a Scan. `resumeKey` is where to go on, or
   * undefined once the list is read to its end.
   */
  async withoutSlaClock(args: {
    from?: Record<string, unknown>;
    maxReads: number;
    pageSize?: number;
  }): Promise<{ ids: string[]; resumeKey: Record<string, unknown> | undefined }> {
    const ids: string[] = [];
    let start: Item | undefined = args.from;
    for (let reads = 0; reads < args.maxReads; reads += 1) {
      const page = await this.table.query<{ id: string }>({
        partitionValue: keys.serviceRequestsPartition(this.tenantId),
        IndexName: 'gsi1',
        Limit: args.pageSize ?? 200,
        ExclusiveStartKey: start,
        FilterExpression: 'attribute_not_exists(stepEnteredAt) AND NOT #status IN (:followedUp, :cancelled)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':followedUp': 'followed_up', ':cancelled': 'cancelled' },
        ProjectionExpression: 'id',
      });
      ids.push(...page.items.map((item) => item.id));
      start = page.lastEvaluatedKey;
      if (!start) break;
    }
    return { ids, resumeKey: start };
  }

  /** Ids of open requests whose status was due at or before `dueBy` (the nightly SLA pass's work). */
  async openDueBy(dueBy: string): Promise<string[]> {
    return dueByIndex({
      table: this.table,
      index: 'gsi2',
      partition: keys.openServiceRequestsPartition(this.tenantId),
      dueBy: dueBy,
      attribute: 'id',
    });
  }

  async get(requestId: string): Promise<ServiceRequest | undefined> {
    const item = await this.table.get(keys.serviceRequest(this.tenantId, requestId));
    return item ? requestFromItem(item) : undefined;
  }

  /**
   * Receives the request with its timeline entry (an interaction of type `service` under the
   * request's id) counted in the customer's figures, all or nothing; from a plan, the plan moves
   * on in the same transaction if it is still at `plan.expectedVersion` (else `version_conflict`:
   * another run served it). A missing customer: `not_found`; archived: `invalid_state`.
   */
  async record(input: {
    request: ServiceRequest;
    timelineEntry: Interaction;
    moves: FigureMoves;
    plan?: { next: ServicePlan; expectedVersion: number };
  }): Promise<void> {
    const { request, plan } = input;
    await recordWithTimelineEntry(this.table, {
      tenantId: this.tenantId,
      customerId: request.customerId,
      item: serviceRequestItem(this.tenantId, request),
      timelineEntry: input.timelineEntry,
      moves: input.moves,
      ...(plan
        ? {
            alongside: {
              items: [
                {
                  Put: {
                    TableName: '',
                    Item: servicePlanItem(this.tenantId, plan.next),
                    ConditionExpression: '#version = :expected',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':expected': plan.expectedVersion },
                  },
                },
              ],
              refused: new DomainError('version_conflict', 'The service plan moved on meanwhile'),
            },
          }
        : {}),
      messages: {
        alreadyExists: 'Service request already received',
        customerArchived: 'The customer is archived; restore it to receive a service request',
      },
    });
  }

  /**
   * Writes the request as `next` if it is still at `expectedVersion` (else `version_conflict`),
   * with a follow-up score added to the customer's satisfaction figure in the same transaction.
   */
  async save(
    next: ServiceRequest,
    expectedVersion: number,
    rated?: { rating: number; at: string },
  ): Promise<ServiceRequest> {
    const stored: ServiceRequest = { ...next, version: expectedVersion + 1 };
    await putVersionWithRating(this.table, {
      tenantId: this.tenantId,
      customerId: next.customerId,
      item: serviceRequestItem(this.tenantId, stored),
      expectedVersion,
      rated,
      what: 'service request',
    });
    return stored;
  }

  /** Newest first; filters narrow the page, filled from a bounded number of index reads. */
  async list(query: ServiceRequestListQuery): Promise<{ items: ServiceRequest[]; cursor: string | null }> {
    const byCustomer = query.customerId !== undefined;
    const partitionValue = byCustomer
      ? keys.customerServiceRequestsPartition(this.tenantId, query.customerId as string)
      : keys.serviceRequestsPartition(this.tenantId);
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (query.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = query.status;
    }
    if (query.open) {
      filters.push('NOT #status IN (:followedUp, :cancelled)');
      names['#status'] = 'status';
      values[':followedUp'] = 'followed_up';
      values[':cancelled'] = 'cancelled';
    }
    if (query.assigneeKeys) {
      if (query.assigneeKeys.length === 0) return { items: [], cursor: null };
      const placeholders = query.assigneeKeys.map((key, index) => {
        values[`:assignee${index}`] = key;
        return `:assignee${index}`;
      });
      filters.push(`assigneeKey IN (${placeholders.join(', ')})`);
    }
    if (query.overdue !== undefined) {
      names['#status'] = 'status';
      values[':followedUp'] = 'followed_up';
      values[':cancelled'] = 'cancelled';
      values[':now'] = query.now ?? new Date().toISOString();
      values[':true'] = true;
      const overdue = '(NOT #status IN (:followedUp, :cancelled) AND (overdue = :true OR stepDueAt < :now))';
      filters.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    if (query.from) {
      filters.push('visitsTo > :from');
      values[':from'] = query.from;
    }
    if (query.to) {
      filters.push('visitsFrom < :to');
      values[':to'] = query.to;
    }
    const indexName = byCustomer ? 'gsi3' : 'gsi1';
    return createdListPage({
      table: this.table,
      index: indexName,
      partition: partitionValue,
      keyOf: (id) => keys.serviceRequest(this.tenantId, id),
      limit: query.limit,
      cursor: query.cursor,
      filter: { expressions: filters, names, values },
      maxReads: MAX_READS_PER_PAGE,
      read: requestFromItem,
    });
  }
}
