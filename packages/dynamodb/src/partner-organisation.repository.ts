import { DomainError, type PartnerOrganisation } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** The tenant's channel partner organisations (经销商), in one partition. */
export class PartnerOrganisationRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async list(): Promise<PartnerOrganisation[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.partnerOrganisationsPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :org)',
      ExpressionAttributeValues: { ':org': sortKeyPrefixes.partnerOrganisation },
    });
    return items.map((item) => fromItem<PartnerOrganisation>(item));
  }

  async get(organisationId: string): Promise<PartnerOrganisation | undefined> {
    const item = await this.table.get(keys.partnerOrganisation(this.tenantId, organisationId));
    return item ? fromItem<PartnerOrganisation>(item) : undefined;
  }

  async create(organisation: PartnerOrganisation): Promise<void> {
    await this.table.put(this.item(organisation), { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  /** Replaces the organisation if it is still at `expectedVersion` (409 otherwise). */
  async replace(organisation: PartnerOrganisation, expectedVersion: number): Promise<void> {
    try {
      await this.table.put(this.item(organisation), {
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const current = await this.get(organisation.id);
      if (!current) throw new DomainError('not_found', 'Partner organisation not found');
      throw new DomainError(
        'version_conflict',
        `Partner organisation is at version ${current.version}, not ${expectedVersion}`,
        { details: { current } },
      );
    }
  }

  private item(organisation: PartnerOrganisation) {
    return toItem(
      'partnerOrganisation',
      keys.partnerOrganisation(this.tenantId, organisation.id),
      organisation,
    );
  }
}
