import { DomainError, type Segment } from '@crm/domain';
import { createdListPage } from './created-list-page.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { updateVersioned } from './versioned-update.js';

/** Saved segments (客户细分), one tenant's: the filter only; members are counted when read. */
export class SegmentRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async create(segment: Segment): Promise<void> {
    await this.table.put(
      toItem(
        'segment',
        {
          ...keys.segment(this.tenantId, segment.id),
          ...keys.segmentsIndex(this.tenantId, segment.createdAt, segment.id),
        },
        segment,
      ),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async get(segmentId: string): Promise<Segment | undefined> {
    const item = await this.table.get(keys.segment(this.tenantId, segmentId));
    return item ? fromItem<Segment>(item) : undefined;
  }

  /** Changes name, description and filter at `expectedVersion` (undefined removes the description). */
  async update(input: {
    segmentId: string;
    expectedVersion: number;
    changes: Partial<Pick<Segment, 'name' | 'description' | 'filter'>>;
    now: string;
  }): Promise<Segment> {
    return updateVersioned<Segment>(this.table, {
      key: keys.segment(this.tenantId, input.segmentId),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'Segment',
    });
  }

  async remove(segmentId: string, expectedVersion?: number): Promise<void> {
    try {
      await this.table.delete(keys.segment(this.tenantId, segmentId), {
        condition: `attribute_exists(pk)${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
        ...(expectedVersion === undefined
          ? {}
          : { names: { '#version': 'version' }, values: { ':expected': expectedVersion } }),
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      if (!(await this.get(segmentId))) throw new DomainError('not_found', 'Segment not found');
      throw new DomainError('version_conflict', 'The segment was changed by someone else; reload it');
    }
  }

  /** Newest first. */
  async list(query: { limit: number; cursor?: string | undefined }) {
    return createdListPage<Segment>({
      table: this.table,
      partition: keys.segmentsPartition(this.tenantId),
      keyOf: (id) => keys.segment(this.tenantId, id),
      ...query,
    });
  }
}
