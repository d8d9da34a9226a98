import { randomUUID } from 'node:crypto';
import {
  type CustomerKpiFacts,
  DEFAULT_SNAPSHOT_CHUNK_BYTES,
  packCustomerFacts,
  unpackCustomerFacts,
} from '@crm/domain';
import {
  type CustomerKpiRow,
  CustomerRepository,
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

/** The customers the three customer figures read, and when they were read. */
export type CustomerFigures = {
  facts: CustomerKpiFacts[];
  takenAt: string;
  capped: boolean;
};

type TenantScope = { tenantId: string };

/**
 * The tenant's customer figures snapshot (docs/kpis.md "Cost"): what retention, acquisition and
 * activity read of every live customer, packed into a few items. Reading every customer item costs
 * tens of seconds on a demo-size book; the snapshot is refreshed by the nightly job after the refit
 * (fresh P(alive)), and taken on read when missing or older than ~26 h, so only that request pays.
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

  /** The snapshot when it is fresh enough, else the customers read live and stored as the new one. */
  async current({ tenantId }: TenantScope, now: Date): Promise<CustomerFigures> {
    const repository = new KpiSnapshotRepository(this.deps.tenantClient(tenantId), tenantId);
    const head = await repository.head();
    const large = (head?.customers ?? 0) >= (this.deps.snapshotMinCustomers ?? KPI_SNAPSHOT_MIN_CUSTOMERS);
    if (head && large && now.getTime() - Date.parse(head.takenAt) < KPI_SNAPSHOT_MAX_AGE_MS) {
      const chunks = await repository.chunks(head);
      // Missing chunks (expired under a head nobody refreshed) fall through to a fresh read.
      if (chunks) return { facts: unpackCustomerFacts(chunks), takenAt: head.takenAt, capped: head.capped };
    }
    return this.refresh({ tenantId });
  }

  /** Reads every live customer and stores their facts as the tenant's new snapshot. */
  async refresh({ tenantId }: TenantScope): Promise<CustomerFigures> {
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
      },
      chunks,
      new Date(takenAt),
    );
    return { facts, takenAt, capped: customers.capped };
  }
}

function customerFacts(row: CustomerKpiRow): CustomerKpiFacts {
  return {
    createdAt: row.createdAt,
    firstOrderAt: row.stats?.firstOrderAt,
    lastOrderAt: row.stats?.lastOrderAt,
    orderCount: row.stats?.orderCount ?? 0,
    pAlive: row.scores?.pAlive ?? null,
    meanGapDays: meanGapDays(row),
  };
}
