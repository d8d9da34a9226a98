import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type Customer,
  type CustomerStats,
  DomainError,
  type ImportJob,
  type ImportRejection,
  MAX_REPORTED_REJECTIONS,
} from '@crm/domain';
import pMap from 'p-map';
import { conditionHeld } from './condition-failure.js';
import { type UniqueFieldValue, uniqueValueClaimItem, uniqueValueKey } from './customer.repository.js';
import { customerItem } from './customer-item.js';
import { cachedCustomerListLayout, listShardsOf } from './customer-list-layout.js';
import { customerStatsUpdate } from './customer-stats-update.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes, tenantDirectory } from './keys.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

const LOCK_TTL_MS = 15 * 60 * 1000;
const REJECTS_PER_ITEM = 200;
export const MAX_STORED_REJECTIONS = MAX_REPORTED_REJECTIONS;

/** How `uniqueValueHolders` names a value: unique values compare in any case. */
export function uniqueValueHolderKey(value: UniqueFieldValue): string {
  return `${value.key}\u0000${value.value.toLowerCase()}`;
}

/** Storage for imports: jobs, their rejected rows, the per-tenant lock, and bulk writes. */
/** The mapping's key and its entry in the tenant's directory (what export and deletion find it by). */
function externalCustomerKeys(tenantId: string, externalId: string) {
  return {
    ...keys.externalCustomer(tenantId, externalId),
    ...tenantDirectory.externalIdIndex(tenantId, externalId),
  };
}

export class ImportRepository {
  readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /**
   * One import at a time per tenant: two runs of one file must not both create its customers.
   * `renew` extends a lock this import holds (a long or late-started import keeps it); it fails if
   * the lock expired and another import took it.
   */
  async lock(importId: string, now: Date, options: { renew?: boolean } = {}): Promise<void> {
    try {
      await this.table.put(
        toItem(
          'importLock',
          keys.importLock(this.tenantId),
          { importId },
          {
            expiresAt: epochSeconds(new Date(now.getTime() + LOCK_TTL_MS)),
          },
        ),
        options.renew
          ? {
              ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR importId = :id',
              ExpressionAttributeValues: { ':now': epochSeconds(now), ':id': importId },
            }
          : {
              ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
              ExpressionAttributeValues: { ':now': epochSeconds(now) },
            },
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new DomainError(
          'invalid_state',
          'Another import is running for this tenant; try again when it ends',
        );
      }
      throw error;
    }
  }

  /** The tenant's import lock as it stands: which import holds it, until when (epoch seconds). */
  async currentLock(): Promise<{ importId: string; expiresAt: number } | undefined> {
    const item = await this.table.get(keys.importLock(this.tenantId));
    if (!item) return undefined;
    return { importId: String(item.importId), expiresAt: Number(item.expiresAt) };
  }

  async unlock(importId: string): Promise<void> {
    await conditionHeld(
      this.table.delete(keys.importLock(this.tenantId), {
        condition: 'importId = :id',
        values: { ':id': importId },
      }),
    );
  }

  async saveJob(job: ImportJob): Promise<void> {
    await this.table.put(
      toItem(
        'importJob',
        { ...keys.importJob(this.tenantId, job.id), ...keys.importsIndex(this.tenantId, job.id) },
        job,
      ),
    );
  }

  /**
   * Records a queued or running job whose worker is gone as failed, if it still has the status it
   * was seen with (a job that finished meanwhile keeps its outcome). True when this call failed it.
   */
  async markInterrupted(job: ImportJob, error: string, at: Date): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.importJob(this.tenantId, job.id),
        UpdateExpression: 'SET #status = :failed, #error = :error, finishedAt = :at',
        ConditionExpression: '#status = :seen',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':error': error,
          ':at': at.toISOString(),
          ':seen': job.status,
        },
      }),
    );
  }

  async getJob(importId: string): Promise<ImportJob | undefined> {
    const item = await this.table.get(keys.importJob(this.tenantId, importId));
    return item ? fromItem<ImportJob>(item) : undefined;
  }

  async listJobs(limit: number): Promise<ImportJob[]> {
    const page = await this.table.query({
      IndexName: 'gsi1',
      partitionValue: keys.importsPartition(this.tenantId),
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<ImportJob>(item));
  }

  async saveRejections(importId: string, rejections: ImportRejection[]): Promise<void> {
    const kept = rejections.slice(0, MAX_STORED_REJECTIONS);
    const items: Item[] = [];
    for (let start = 0; start < kept.length; start += REJECTS_PER_ITEM) {
      items.push(
        toItem('importRejects', keys.importRejects(this.tenantId, importId, start / REJECTS_PER_ITEM), {
          rows: kept.slice(start, start + REJECTS_PER_ITEM),
        }),
      );
    }
    await this.table.batchPut(items);
  }

  async getRejections(importId: string): Promise<ImportRejection[]> {
    const page = await this.table.query({
      partitionValue: keys.importPartition(this.tenantId, importId),
      KeyConditionExpression: 'begins_with(sk, :r)',
      ExpressionAttributeValues: { ':r': sortKeyPrefixes.importRejects },
    });
    return page.items.flatMap((item) => (item.rows as ImportRejection[]) ?? []);
  }

  /** Our customer ids for external ids, where known. */
  async resolveExternalIds(externalIds: string[]): Promise<Map<string, string>> {
    const items = await this.table.batchGet(
      externalIds.map((id) => keys.externalCustomer(this.tenantId, id)),
    );
    return new Map(items.map((item) => [String(item.externalId), String(item.customerId)]));
  }

  /**
   * New customers with their external-id mapping, in batches. Their history holds no per-customer
   * entry: the import job is the record of who brought them in (`importId` on the customer).
   *
   * Every mapping lands before any of the customers: batches are not atomic, and a run that dies
   * between the two (the database or the worker killed) must never leave a customer without its
   * mapping, which the next run would not find and would create again. A mapping without its
   * customer is what a dead run can leave instead; the next run finds it and writes the customer
   * under the mapped id (`missingCustomers`).
   */
  async putNewCustomers(
    customers: (Customer & { externalId: string; uniqueValues?: UniqueFieldValue[] })[],
  ): Promise<{ refused: Set<string> }> {
    await this.table.batchPut(
      customers.map((customer) =>
        toItem('externalCustomer', externalCustomerKeys(this.tenantId, customer.externalId), {
          externalId: customer.externalId,
          customerId: customer.id,
        }),
      ),
    );
    const refused = await this.claimUniqueValues(customers);
    const { tenantId } = this;
    // Read per batch (cached for seconds): a long import follows a grow that begins meanwhile.
    const listShards = listShardsOf(await cachedCustomerListLayout(this.table));
    await this.table.batchPut(
      customers
        .filter((customer) => !refused.has(customer.id))
        .map(({ uniqueValues: _claimed, ...customer }) => customerItem(tenantId, customer, { listShards })),
    );
    return { refused };
  }

  /**
   * Claims each customer's unique custom-field values, all of one customer's or none (after the
   * mappings, before the customers: a run that dies between finds its own claims again under the
   * mapped id, which may re-claim them). Answers the customers another customer's claim beat,
   * which are not to be written.
   */
  private async claimUniqueValues(
    customers: { id: string; uniqueValues?: UniqueFieldValue[] }[],
  ): Promise<Set<string>> {
    const refused = new Set<string>();
    const claiming = customers.filter((customer) => (customer.uniqueValues?.length ?? 0) > 0);
    await pMap(
      claiming,
      async ({ id, uniqueValues = [] }) => {
        const claims = uniqueValues.map((value) => ({
          Put: {
            TableName: '',
            Item: uniqueValueClaimItem(this.tenantId, id, value),
            ConditionExpression: 'attribute_not_exists(pk) OR customerId = :self',
            ExpressionAttributeValues: { ':self': id },
          },
        }));
        try {
          await this.table.transactWrite(claims);
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          if (!error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed'))
            throw error;
          refused.add(id);
        }
      },
      { concurrency: 16 },
    );
    return refused;
  }

  /**
   * Which customer holds each of these unique custom-field values now, keyed by
   * `uniqueValueHolderKey`: what a dry run checks a file's values against.
   */
  async uniqueValueHolders(values: UniqueFieldValue[]): Promise<Map<string, string>> {
    if (values.length === 0) return new Map();
    // By stored key, each once: BatchGetItem refuses a list with duplicates.
    const wanted = new Map(
      values.map((value) => {
        const key = uniqueValueKey(this.tenantId, value);
        return [`${key.pk}\u0000${key.sk}`, { key, name: uniqueValueHolderKey(value) }] as const;
      }),
    );
    const items = await this.table.batchGet([...wanted.values()].map((entry) => entry.key));
    const holders = new Map<string, string>();
    for (const item of items) {
      const entry = wanted.get(`${String(item.pk)}\u0000${String(item.sk)}`);
      if (entry) holders.set(entry.name, String(item.customerId));
    }
    return holders;
  }

  /** Of these customer ids (from mappings), the ones whose customer item does not exist. */
  async missingCustomers(customerIds: string[]): Promise<Set<string>> {
    const found = await this.table.batchGet(customerIds.map((id) => keys.customer(this.tenantId, id)));
    const present = new Set(found.map((item) => String(item.id)));
    return new Set(customerIds.filter((id) => !present.has(id)));
  }

  async putItems(items: Item[]): Promise<void> {
    await this.table.batchPut(items);
  }

  /**
   * Writes many customers' new figures, several at a time, each guarded by its figures revision.
   * Returns the customers someone changed meanwhile, for the caller to recount one by one.
   */
  async setStatsMany(
    entries: { customer: Customer; statsRevision: number; stats: CustomerStats }[],
    concurrency = 32,
  ): Promise<Customer[]> {
    const written = await pMap(
      entries,
      ({ customer, statsRevision, stats }) => this.setStats({ customer, revision: statsRevision, stats }),
      { concurrency },
    );
    return entries.filter((_, index) => !written[index]).map((entry) => entry.customer);
  }

  /**
   * Sets a customer's figures if nobody moved them since `revision` was read; false otherwise
   * (the caller recomputes from the timeline and tries again).
   */
  async setStats(input: { customer: Customer; revision: number; stats: CustomerStats }): Promise<boolean> {
    return conditionHeld(
      this.table.update(
        customerStatsUpdate(this.tenantId, {
          customerId: input.customer.id,
          statsRevision: input.revision,
          stats: input.stats,
        }),
      ),
    );
  }
}
