import type { TenantExport } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** An export as stored: the record and where its archive is (never shown to the API). */
export type StoredTenantExport = TenantExport & { archiveKey?: string; downloadTokenHash?: string };

/** A tenant's exports (数据导出): one partition each, listed on gsi1; the items expire with their archive. */
export class TenantExportRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  private item(record: StoredTenantExport, expiresAt: Date) {
    return toItem(
      'tenantExport',
      {
        ...keys.tenantExport(this.tenantId, record.id),
        ...keys.tenantExportsIndex(this.tenantId, record.id),
      },
      record,
      // Kept a week past the archive's expiry, so the list still says it expired.
      { expiresAt: epochSeconds(expiresAt) + 7 * 24 * 3600 },
    );
  }

  async create(record: StoredTenantExport, expiresAt: Date): Promise<void> {
    await this.table.put(this.item(record, expiresAt), { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  async get(exportId: string): Promise<StoredTenantExport | undefined> {
    const item = await this.table.get(keys.tenantExport(this.tenantId, exportId));
    return item ? fromItem<StoredTenantExport>(item) : undefined;
  }

  /** The tenant's exports, newest first (a handful: each lives a week at most). */
  async list(): Promise<StoredTenantExport[]> {
    const items = await this.table.queryAll({
      IndexName: 'gsi1',
      partitionValue: keys.tenantExportsPartition(this.tenantId),
      ScanIndexForward: false,
    });
    return items.map((item) => fromItem<StoredTenantExport>(item));
  }

  /** Moves the job's progress (or its outcome); only while it is still running. */
  async save(record: StoredTenantExport, expiresAt: Date): Promise<boolean> {
    return conditionHeld(
      this.table.put(this.item(record, expiresAt), {
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running' },
      }),
    );
  }

  /**
   * Takes the one download: `done` becomes `downloaded` if the archive has not expired. False when
   * it was downloaded already, is not finished or has expired.
   */
  async claimDownload(input: { exportId: string; now: string; tokenHash?: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.tenantExport(this.tenantId, input.exportId),
        UpdateExpression: input.tokenHash
          ? 'SET #status = :downloaded, downloadedAt = :now, version = version + :one REMOVE downloadTokenHash'
          : 'SET #status = :downloaded, downloadedAt = :now, version = version + :one',
        ConditionExpression: input.tokenHash
          ? '#status = :done AND availableUntil > :now AND downloadTokenHash = :hash'
          : '#status = :done AND availableUntil > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':downloaded': 'downloaded',
          ':done': 'done',
          ':now': input.now,
          ':one': 1,
          ...(input.tokenHash ? { ':hash': input.tokenHash } : {}),
        },
      }),
    );
  }

  /** Records the hash of the one-time link handed out for a finished export (local archives). */
  async setDownloadToken(input: { exportId: string; tokenHash: string; now: string }): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.tenantExport(this.tenantId, input.exportId),
        UpdateExpression: 'SET downloadTokenHash = :hash',
        ConditionExpression:
          '#status = :done AND availableUntil > :now AND attribute_not_exists(downloadTokenHash)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':hash': input.tokenHash, ':done': 'done', ':now': input.now },
      }),
    );
  }
}
