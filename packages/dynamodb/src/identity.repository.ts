import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { platformKeys, sortKeyPrefixes } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type Identity = { email: string; passwordHash: string; createdAt: string; updatedAt: string };
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

  /** Failed logins in the throttle window, oldest first. */
  async recentLoginFailures({ email, since }: { email: string; since: Date }): Promise<Date[]> {
    const item = await this.platform.get<{ failures?: string[] }>(platformKeys.loginThrottle(email));
    return (item?.failures ?? []).map((at) => new Date(at)).filter((at) => at >= since);
  }

  async recordLoginFailure({
    email,
    at,
    window,
  }: {
    email: string;
    at: Date;
    window: number;
  }): Promise<void> {
    const since = new Date(at.getTime() - window);
    const failures = [...(await this.recentLoginFailures({ email, since })), at].slice(-20);
    await this.platform.put(
      toItem(
        'loginThrottle',
        platformKeys.loginThrottle(email),
        { failures: failures.map((date) => date.toISOString()) },
        { expiresAt: epochSeconds(new Date(at.getTime() + window)) },
      ),
    );
  }

  async clearLoginFailures({ email }: { email: string }): Promise<void> {
    await this.platform.delete(platformKeys.loginThrottle(email));
  }
}

export function identityItem(identity: Identity) {
  return toItem('identity', platformKeys.identity(identity.email), identity);
}

export function membershipItem(membership: Membership) {
  return toItem('membership', platformKeys.membership(membership.email, membership.tenantId), membership);
}
