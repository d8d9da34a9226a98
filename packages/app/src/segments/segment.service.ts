import {
  type Customer,
  customerMatchesSegment,
  DomainError,
  factsMatchSegment,
  newId,
  type Segment,
  type SegmentCount,
  type SegmentFilter,
  SegmentFilterSchema,
  type SegmentInput,
  SegmentInputSchema,
  type SegmentPatch,
  SegmentPatchSchema,
} from '@crm/domain';
import {
  type CustomerListFilters,
  CustomerRepository,
  SegmentRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';
import type { CustomerService } from '../customers/customer.service.js';
import { CustomerFiguresSnapshots } from '../kpis/customer-figures-snapshots.js';
import { parsedInput } from '../parsed-input.js';

type Caller = { tenantId: string; actorId: string };

/** A live count reads at most this many customers (more than the demo book holds); beyond: `capped`. */
export const SEGMENT_COUNT_CAP = 30_000;
/** A members page reads at most this many list pages before it answers (possibly short) with a cursor. */
const MAX_LIST_PAGES_PER_MEMBER_PAGE = 20;
const LIST_PAGE = 200;

/**
 * What of a segment's filter the customer list (GET /v1/customers) can apply in the table: its own
 * single-value filters. The rest (ranges, any-of lists, value class, new vs returning) is applied
 * to what the list returns by customerMatchesSegment, the one definition of membership.
 */
export function listFiltersOf(filter: SegmentFilter): CustomerListFilters {
  const single = <T>(values: readonly T[] | undefined) => (values?.length === 1 ? values[0] : undefined);
  const status = single(filter.status);
  const lifecycleStage = single(filter.lifecycleStage);
  const segment = single(filter.segment);
  const tag = filter.tags?.[0];
  return {
    ...(status ? { status } : {}),
    ...(lifecycleStage ? { lifecycleStage } : {}),
    ...(segment ? { segment } : {}),
    ...(tag ? { tag } : {}),
    ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
    ...(filter.customField ? { customField: filter.customField } : {}),
  };
}

/**
 * Segments (客户细分): saved filters over the customer book, counted and listed by member. A book
 * of 2,000 customers or more is counted from the tenant's customer figures snapshot (the one the
 * KPIs read: a few items instead of every customer, up to ~26 h old); a smaller one live. Members
 * are always read live from the tenant's customer list partitions exactly as GET /v1/customers
 * reads them (never a table scan), oldest customer first, a page at a time.
 */
export class SegmentService {
  private readonly deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    customers: CustomerService;
    /** Books below this many customers are counted live. @default KPI_SNAPSHOT_MIN_CUSTOMERS */
    snapshotMinCustomers?: number;
  };
  private readonly snapshots: CustomerFiguresSnapshots;

  constructor(deps: SegmentService['deps']) {
    this.deps = deps;
    this.snapshots = new CustomerFiguresSnapshots({
      tenantClient: deps.tenantClient,
      clock: deps.clock,
      ...(deps.snapshotMinCustomers !== undefined ? { snapshotMinCustomers: deps.snapshotMinCustomers } : {}),
    });
  }

  private segments(tenantId: string) {
    return new SegmentRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  /** The filter checked, with a custom field's value read as that field's type (as the list does). */
  private async checkedFilter(tenantId: string, filter: SegmentFilter, path: string): Promise<SegmentFilter> {
    if (!filter.customField) return filter;
    try {
      const customField = await this.deps.customers.customFieldFilter({
        tenantId,
        key: filter.customField.key,
        raw: String(filter.customField.value),
      });
      return { ...filter, customField };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation_failed') {
        throw new DomainError('validation_failed', error.message, {
          fields: [{ path: `${path}.customField`, message: error.message }],
        });
      }
      throw error;
    }
  }

  async create(caller: Caller, body: SegmentInput): Promise<Segment & SegmentCount> {
    const input = parsedInput(SegmentInputSchema, body);
    const filter = await this.checkedFilter(caller.tenantId, input.filter, 'filter');
    const at = this.deps.clock().toISOString();
    const segment: Segment = {
      id: newId(),
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      filter,
      createdAt: at,
      createdBy: caller.actorId,
      updatedAt: at,
      version: 1,
    };
    await this.segments(caller.tenantId).create(segment);
    return { ...segment, ...(await this.countFilter(caller.tenantId, filter)) };
  }

  async get({ tenantId, segmentId }: { tenantId: string; segmentId: string }): Promise<Segment> {
    const segment = await this.segments(tenantId).get(segmentId);
    if (!segment) throw new DomainError('not_found', 'Segment not found');
    return segment;
  }

  /** The segment with its live count. */
  async getCounted(query: { tenantId: string; segmentId: string }): Promise<Segment & SegmentCount> {
    const segment = await this.get(query);
    return { ...segment, ...(await this.countFilter(query.tenantId, segment.filter)) };
  }

  async list({ tenantId }: { tenantId: string }, query: { limit: number; cursor?: string | undefined }) {
    return this.segments(tenantId).list(query);
  }

  async update(caller: Caller & { segmentId: string }, body: SegmentPatch, expectedVersion: number) {
    const { version: _version, ...patch } = parsedInput(SegmentPatchSchema, body);
    const filter = patch.filter
      ? await this.checkedFilter(caller.tenantId, patch.filter, 'filter')
      : undefined;
    const updated = await this.segments(caller.tenantId).update({
      segmentId: caller.segmentId,
      expectedVersion,
      changes: {
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description ?? undefined } : {}),
        ...(filter ? { filter } : {}),
      },
      now: this.deps.clock().toISOString(),
    });
    return { ...updated, ...(await this.countFilter(caller.tenantId, updated.filter)) };
  }

  async remove(caller: Caller & { segmentId: string }, expectedVersion?: number): Promise<void> {
    await this.segments(caller.tenantId).remove(caller.segmentId, expectedVersion);
  }

  /** How many live customers an unsaved filter matches (the builder's live count). */
  async preview({ tenantId }: { tenantId: string }, body: unknown): Promise<SegmentCount> {
    const filter = await this.checkedFilter(tenantId, parsedInput(SegmentFilterSchema, body), '');
    return this.countFilter(tenantId, filter);
  }

  /** The count from the snapshot on a large book, else live (countFilterLive). */
  async countFilter(tenantId: string, filter: SegmentFilter): Promise<SegmentCount> {
    const figures = await this.snapshots.forLargeBook({ tenantId }, this.deps.clock());
    if (!figures) return this.countFilterLive(tenantId, filter);
    let count = 0;
    for (const facts of figures.facts) if (factsMatchSegment(facts.segment, filter)) count += 1;
    return {
      count,
      examined: figures.facts.length,
      capped: figures.capped,
      source: 'snapshot',
      asOf: figures.takenAt,
    };
  }

  /** The count read from every live customer item now (the list partitions, page by page). */
  async countFilterLive(tenantId: string, filter: SegmentFilter): Promise<SegmentCount> {
    let count = 0;
    let examined = 0;
    let cursor: string | undefined;
    do {
      const page = await this.listPage(tenantId, filter, LIST_PAGE, cursor);
      examined += page.items.length;
      count += page.items.filter((customer) => customerMatchesSegment(customer, filter)).length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && examined < SEGMENT_COUNT_CAP);
    return { count, examined, capped: Boolean(cursor), source: 'live', asOf: null };
  }

  private listPage(tenantId: string, filter: SegmentFilter, limit: number, cursor: string | undefined) {
    return new CustomerRepository(this.deps.tenantClient(tenantId), tenantId).list({
      tenantId,
      sort: 'createdAt',
      order: 'asc',
      limit,
      archived: false,
      filters: listFiltersOf(filter),
      ...(cursor ? { cursor } : {}),
    });
  }

  /**
   * A page of the members of a filter: at most `limit` customers, oldest first. A page may hold
   * fewer (even none) when few customers match; `nextCursor` is null only at the end.
   */
  async membersOfFilter(
    tenantId: string,
    filter: SegmentFilter,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: Customer[]; nextCursor: string | null }> {
    const items: Customer[] = [];
    let cursor = query.cursor;
    for (let read = 0; read < MAX_LIST_PAGES_PER_MEMBER_PAGE && items.length < query.limit; read++) {
      // Never more than the room left: a page's matches all fit, so the cursor loses none.
      const page = await this.listPage(tenantId, filter, query.limit - items.length, cursor);
      items.push(...page.items.filter((customer) => customerMatchesSegment(customer, filter)));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { items, nextCursor: cursor ?? null };
  }

  async members(
    { tenantId, segmentId }: { tenantId: string; segmentId: string },
    query: { limit: number; cursor?: string | undefined },
  ) {
    const segment = await this.get({ tenantId, segmentId });
    return this.membersOfFilter(tenantId, segment.filter, query);
  }
}
