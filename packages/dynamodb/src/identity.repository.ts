import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { platformKeys, sortKeyPrefixes } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type Identity = {
  email: string;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  /** Set once a one-time link mailed to the address came back; until then it joins no more tenants. */
  emailVerifiedAt?: string;
};
export type Membership = { email: string; tenantId: string; tenantName: string; userId: string };

/** Items that link a person (an e-mail with one password) to the tenants they belong to. */
export class IdentityRepository {
  private readonly platform: PlatformTable;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
  }

  async getIdentity({ email }: { email: string }): Promise<Identity | undefined> {
    const item = await this.platform.get(platformKeys.identity(email));
    return item ? fromItem<Identity>(item) : undefined;
  }

  async listMemberships({ email }: { email: string }): Promise<Membership[]> {
    const items = await this.platform.queryPartition(
      platformKeys.identityPartition(email),
      sortKeyPrefixes.membership,
    );
    return items.map((item) => fromItem<Membership>(item));
  }

  /**
   * Removes the person's membership of a deleted tenant, and the person too (identity and
   * password) when they belong to no other tenant: nothing of them is kept for a tenant that is gone.
   */
  async leaveDeletedTenant({ email, tenantId }: { email: string; tenantId: string }): Promise<void> {
    await this.platform.delete(platformKeys.membership(email, tenantId));
    const remaining = await this.listMemberships({ email });
    if (remaining.length === 0) await this.platform.delete(platformKeys.identity(email));
  }

  /** Marks the address as proven (a one-time link mailed to it came back). */
  async markVerified({ email, at }: { email: string; at: string }): Promise<void> {
    await this.platform.update({
      Key: platformKeys.identity(email),
      UpdateExpression: 'SET emailVerifiedAt = if_not_exists(emailVerifiedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    });
  }
}

export function identityItem(identity: Identity) {
  return toItem('identity', platformKeys.identity(identity.email), identity);
}

export function membershipItem(membership: Membership) {
  return toItem('membership', platformKeys.membership(membership.email, membership.tenantId), membership);
}
