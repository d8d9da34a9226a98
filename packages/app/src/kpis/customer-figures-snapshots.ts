import { randomUUID } from 'node:crypto';
import {
  CUSTOMER_SNAPSHOT_FORMAT,
  type CustomerSnapshotFacts,
  DEFAULT_SNAPSHOT_CHUNK_BYTES,
  packCustomerFacts,
  segmentFactsOf,
  unpackCustomerFacts,
} from '@crm/domain';
import {
  type CustomerKpiRow,
  CustomerRepository,
  type KpiSnapshotHead,
  KpiSnapshotRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';
import { meanGapDays } from '../churn/mean-gap-days.js';

/** More than the CDNOW demo book (23,570): beyond it the customer figures say so (`customersCapped`). */
export const KPI_CUSTOMER_CAP = 60_000;
/**
 * Below this many customers the figures are read live on every request (well under a second) and
 * no snapshot is read: a small business adding its first customers sees them counted at once,
 * not the next morning. Larger books read the snapshot, up to ~26 h old (`asOf` says when).
 */
export const KPI_SNAPSHOT_MIN_CUSTOMERS = 2_000;
/** A snapshot older than this is taken again on read: the nightly refresh plus a couple of hours' slack. */
export const KPI_SNAPSHOT_MAX_AGE_MS = 26 * 3_600_000;

/** The customers the snapshot holds (KPI and segment facts), and when they were read. */
export type CustomerFigures = {
  facts: CustomerSnapshotFacts[];
  takenAt: string;
  capped: boolean;
};

type TenantScope = { tenantId: string };

/**
 * Refreshes under way in this process, per tenant: a builder typing a filter on a large book with
 * a stale snapshot asks several counts at once, and one pass over the book serves them all.
 */
const refreshing = new Map<string, Promise<CustomerFigures>>();

/**
 * The tenant's customer figures snapshot (docs/kpis.md "Cost"): what retention, acquisition and
 * activity read of every live customer, and what a segment condition reads (docs/campaigns.md),
 * packed into a few items. Reading every customer item costs tens of seconds on a demo-size book;
 * the snapshot is refreshed by the nightly job after the refit (fresh P(alive)), and taken on read
 * when missing, packed another way or older than ~26 h, so only that request pays.
 */
export class CustomerFiguresSnapshots {
  private readonly deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    snapshotChunkBytes?: number;
    snapshotMinCustomers?: number;
  };

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    /** The chunk size; tests make it small to spread a tiny book over several items. */
    snapshotChunkBytes?: number;
    /** Books below this many customers are read live. @default KPI_SNAPSHOT_MIN_CUSTOMERS */
    snapshotMinCustomers?: number;
  }) {
    this.deps = deps;
  }

  private repository(tenantId: string) {
    return new KpiSnapshotRepository(this.deps.tenantClient(tenantId), tenantId);
  }

  /** Whether the book the head describes is large enough to be read from its snapshot. */
  private isLarge(head: KpiSnapshotHead | undefined): boolean {
    return (head?.customers ?? 0) >= (this.deps.snapshotMinCustomers ?? KPI_SNAPSHOT_MIN_CUSTOMERS);
  }

  /** The snapshot when it is fresh enough, else the customers read live and stored as the new one. */
  async current({ tenantId }: TenantScope, now: Date): Promise<CustomerFigures> {
    const head = await this.repository(tenantId).head();
    if (this.isLarge(head)) {
      const stored = await this.storedIfFresh(tenantId, head, now);
      if (stored) return stored;
    }
    return this.refresh({ tenantId });
  }

  /**
   * For a segment count: the snapshot (fresh, else taken now) when the book is large or was never
   * measured; undefined for a book known to be small, which is counted live (a few hundred items,
   * and a customer just tagged counts at once).
   */
  async forLargeBook({ tenantId }: TenantScope, now: Date): Promise<CustomerFigures | undefined> {
    const head = await this.repository(tenantId).head();
    if (head && !this.isLarge(head)) return undefined;
    const stored = await this.storedIfFresh(tenantId, head, now);
    if (stored) return stored;
    const taken = await this.refresh({ tenantId });
    return taken.facts.length >= (this.deps.snapshotMinCustomers ?? KPI_SNAPSHOT_MIN_CUSTOMERS)
      ? taken
      : undefined;
  }

  private async storedIfFresh(
    tenantId: string,
    head: KpiSnapshotHead | undefined,
    now: Date,
  ): Promise<CustomerFigures | undefined> {
    if (!head || head.format !== CUSTOMER_SNAPSHOT_FORMAT) return undefined;
    if (now.getTime() - Date.parse(head.takenAt) >= KPI_SNAPSHOT_MAX_AGE_MS) return undefined;
    const chunks = await this.repository(tenantId).chunks(head);
    // Missing chunks (expired under a head nobody refreshed) fall through to a fresh read.
    return chunks
      ? { facts: unpackCustomerFacts(chunks), takenAt: head.takenAt, capped: head.capped }
      : undefined;
  }

  /** Reads every live customer and stores their facts as the tenant's new snapshot. */
  refresh({ tenantId }: TenantScope): Promise<CustomerFigures> {
    const running = refreshing.get(tenantId);
    if (running) return running;
    const started = this.take(tenantId).finally(() => refreshing.delete(tenantId));
    refreshing.set(tenantId, started);
    return started;
  }

  private async take(tenantId: string): Promise<CustomerFigures> {
    const client = this.deps.tenantClient(tenantId);
    const takenAt = this.deps.clock().toISOString();
    const customers = await new CustomerRepository(client, tenantId).kpiRows({ limit: KPI_CUSTOMER_CAP });
    const facts = customers.rows.map(customerFacts);
    const chunks = packCustomerFacts(facts, this.deps.snapshotChunkBytes ?? DEFAULT_SNAPSHOT_CHUNK_BYTES);
    await new KpiSnapshotRepository(client, tenantId).save(
      {
        // The instant first: generations sort by age, and the uuid keeps two writers' apart.
        generation: `${takenAt}#${randomUUID()}`,
        takenAt,
        chunks: chunks.length,
        customers: facts.length,
        capped: customers.capped,
        format: CUSTOMER_SNAPSHOT_FORMAT,
      },
      chunks,
      new Date(takenAt),
    );
    return { facts, takenAt, capped: customers.capped };
  }
}

function customerFacts(row: CustomerKpiRow): CustomerSnapshotFacts {
  return {
    createdAt: row.createdAt,
    firstOrderAt: row.stats?.firstOrderAt,
    lastOrderAt: row.stats?.lastOrderAt,
    orderCount: row.stats?.orderCount ?? 0,
    pAlive: row.scores?.pAlive ?? null,
    meanGapDays: meanGapDays(row),
    segment: segmentFactsOf(row),
  };
}
