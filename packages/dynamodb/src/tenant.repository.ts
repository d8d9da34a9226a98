import type { Tenant, User } from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import { customerListLayoutItem, NEW_TENANT_CUSTOMER_LIST_LAYOUT } from './customer-list-layout.js';
import type { TableClient } from './document-client.js';
import { type Identity, identityItem, type Membership, membershipItem } from './identity.repository.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, platformKeys, sortKeyPrefixes } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { TenantTable } from './tenant-table.js';
import { userItems } from './user.repository.js';
import { updateVersioned } from './versioned-update.js';

const notExists = { ConditionExpression: 'attribute_not_exists(pk)' };

export class TenantRepository {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  /**
   * Sign-up: the tenant, its owner, the owner's e-mail guard, the person's identity (new, or the
   * existing one unchanged) and the membership, in ONE transaction.
   */
  async createWithOwner(input: {
    tenant: Tenant;
    owner: User;
    identity: Identity;
    identityExists: boolean;
  }): Promise<void> {
    const { tenant, owner, identity } = input;
    const membership: Membership = {
      email: owner.email,
      tenantId: tenant.id,
      tenantName: tenant.name,
      userId: owner.id,
    };
    const identityAction = input.identityExists
      ? {
          ConditionCheck: {
            TableName: this.client.tableName,
            Key: platformKeys.identity(identity.email),
            ConditionExpression: 'passwordHash = :hash',
            ExpressionAttributeValues: { ':hash': identity.passwordHash },
          },
        }
      : { Put: { TableName: this.client.tableName, Item: identityItem(identity), ...notExists } };
    await new PlatformTable(this.client).transactWrite(
      [
        {
          Put: {
            TableName: this.client.tableName,
            Item: toItem('tenant', keys.tenant(tenant.id), tenant),
            ...notExists,
          },
        },
        // A new tenant's customer list has one shard: a page of it is one Query until it grows.
        {
          Put: {
            TableName: this.client.tableName,
            Item: customerListLayoutItem(tenant.id, NEW_TENANT_CUSTOMER_LIST_LAYOUT),
            ...notExists,
          },
        },
        ...userItems(tenant.id, owner).map((Item) => ({
          Put: { TableName: this.client.tableName, Item, ...notExists },
        })),
        identityAction,
        { Put: { TableName: this.client.tableName, Item: membershipItem(membership) } },
        // The tenant registry: what platform jobs (the nightly analytics refit) walk.
        {
          Put: {
            TableName: this.client.tableName,
            Item: toItem('tenantRegistration', platformKeys.tenantRegistration(tenant.id), {
              tenantId: tenant.id,
              createdAt: tenant.createdAt,
            }),
          },
        },
      ],
      { tenantId: tenant.id },
    );
  }

  /**
   * Every registered tenant id (the registry is written at sign-up), but the deleted ones: their
   * line stays until their deletion job ends, and a per-tenant pass (the nightly jobs) would write
   * their data back meanwhile.
   */
  async listTenantIds(): Promise<string[]> {
    const items = await new PlatformTable(this.client).queryPartition<{
      tenantId: string;
      deletedAt?: string;
    }>(platformKeys.tenantRegistry, sortKeyPrefixes.tenantRegistration);
    return items.filter((item) => !item.deletedAt).map((item) => item.tenantId);
  }

  /**
   * The tenant's line in the registry, on its own: a tenant restored from its export into a table
   * (the line is a platform item, not in the archive) is walked by the nightly jobs again.
   */
  async register({ tenantId, createdAt }: { tenantId: string; createdAt: string }): Promise<void> {
    await new PlatformTable(this.client).put(
      toItem('tenantRegistration', platformKeys.tenantRegistration(tenantId), { tenantId, createdAt }),
    );
  }

  /** Takes a deleted tenant out of the registry's list at once (its line goes with its data). */
  async markRegistrationDeleted({ tenantId, at }: { tenantId: string; at: string }): Promise<void> {
    // Refused when the line is gone already: the deletion's last step ran.
    await conditionHeld(
      new PlatformTable(this.client).update({
        Key: platformKeys.tenantRegistration(tenantId),
        UpdateExpression: 'SET deletedAt = if_not_exists(deletedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async get({ tenantId }: { tenantId: string }): Promise<Tenant | undefined> {
    const item = await new TenantTable(this.client, tenantId).get(keys.tenant(tenantId));
    return item ? fromItem<Tenant>(item) : undefined;
  }

  /** The tenant's own record and its line in the registry: the last items its deletion removes. */
  async deleteRecord({ tenantId }: { tenantId: string }): Promise<void> {
    await new TenantTable(this.client, tenantId).delete(keys.tenant(tenantId));
    await new PlatformTable(this.client).delete(platformKeys.tenantRegistration(tenantId));
  }

  async update(input: {
    tenantId: string;
    expectedVersion: number;
    changes: Partial<Pick<Tenant, 'name' | 'settings' | 'demo'>>;
    now: string;
  }): Promise<Tenant> {
    return updateVersioned<Tenant>(new TenantTable(this.client, input.tenantId), {
      key: keys.tenant(input.tenantId),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'tenant',
    });
  }
}
