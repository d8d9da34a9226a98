import type { User } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { type Identity, identityItem, membershipItem } from './identity.repository.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, platformKeys, tenantDirectory } from './keys.js';
import { PlatformTable } from './platform-table.js';
import { TenantTable } from './tenant-table.js';
import { updateVersioned } from './versioned-update.js';

/** The user record (listed by e-mail through gsi1) and the guard that keeps e-mails unique per tenant. */
export function userItems(tenantId: string, user: User): Record<string, unknown>[] {
  return [
    toItem('user', { ...keys.user(tenantId, user.id), ...keys.usersIndex(tenantId, user.email) }, user),
    toItem('userEmail', keys.userEmail(tenantId, user.email), { userId: user.id }),
  ];
}

export type Invitation = {
  tenantId: string;
  userId: string;
  email: string;
  invitedBy: string;
  expiresAt: string;
};

export type Mail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  /** What the mail is for (`invitation`, `password-reset`, …); older mails have none. */
  kind?: string;
  html?: string;
};

export class UserRepository {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  async get({ tenantId, userId }: { tenantId: string; userId: string }): Promise<User | undefined> {
    const item = await new TenantTable(this.client, tenantId).get(keys.user(tenantId, userId));
    return item ? fromItem<User>(item) : undefined;
  }

  async findByEmail({ tenantId, email }: { tenantId: string; email: string }): Promise<User | undefined> {
    const table = new TenantTable(this.client, tenantId);
    const guard = await table.get<{ userId: string }>(keys.userEmail(tenantId, email));
    return guard ? this.get({ tenantId, userId: guard.userId }) : undefined;
  }

  async list({ tenantId }: { tenantId: string }): Promise<User[]> {
    const table = new TenantTable(this.client, tenantId);
    const items = await table.queryAll({ IndexName: 'gsi1', partitionValue: keys.usersPartition(tenantId) });
    return items.map((item) => fromItem<User>(item));
  }

  async update(input: {
    tenantId: string;
    userId: string;
    expectedVersion: number;
    changes: Partial<
      Pick<User, 'name' | 'role' | 'status' | 'locale' | 'organisationId' | 'organisationMoves'>
    >;
    now: string;
  }): Promise<User> {
    return updateVersioned<User>(new TenantTable(this.client, input.tenantId), {
      key: keys.user(input.tenantId, input.userId),
      expectedVersion: input.expectedVersion,
      changes: input.changes,
      now: input.now,
      entityName: 'user',
    });
  }

  /** Voids every session (refresh token) of the user started until `at`: role changes, disabling. */
  async revokeSessions({ tenantId, userId, at }: { tenantId: string; userId: string; at: string }) {
    await new TenantTable(this.client, tenantId).put(
      toItem('userSessionsRevoked', keys.userSessionsRevoked(tenantId, userId), { revokedAt: at }),
    );
  }

  async sessionsRevokedAt({ tenantId, userId }: { tenantId: string; userId: string }) {
    const item = await new TenantTable(this.client, tenantId).get<{ revokedAt?: string }>(
      keys.userSessionsRevoked(tenantId, userId),
    );
    return item?.revokedAt;
  }

  /** The invited user, the e-mail guard and the one-time link: all or nothing. */
  async createInvitation(input: { user: User; invitation: Invitation; tokenHash: string }) {
    const { user, invitation, tokenHash } = input;
    const table = this.client.tableName;
    const notExists = { ConditionExpression: 'attribute_not_exists(pk)' };
    await new PlatformTable(this.client).transactWrite(
      [
        ...userItems(invitation.tenantId, user).map((Item) => ({
          Put: { TableName: table, Item, ...notExists },
        })),
        {
          Put: {
            TableName: table,
            Item: toItem(
              'invitation',
              {
                ...platformKeys.invitation(tokenHash),
                ...tenantDirectory.index(
                  invitation.tenantId,
                  'INVITES',
                  platformKeys.invitation(tokenHash).pk,
                ),
              },
              invitation,
              {
                expiresAt: epochSeconds(new Date(invitation.expiresAt)),
              },
            ),
            ...notExists,
          },
        },
      ],
      { tenantId: invitation.tenantId },
    );
  }

  async getInvitation({ tokenHash }: { tokenHash: string }): Promise<Invitation | undefined> {
    const item = await new PlatformTable(this.client).get<{ expiresAt?: number }>(
      platformKeys.invitation(tokenHash),
    );
    if (!item) return undefined;
    // `expiresAt` is also the table's TTL attribute (epoch seconds), which fromItem strips: the
    // expiry is read back from it, or an expired link the TTL sweep has not yet removed would work.
    const expiresAt = new Date((item.expiresAt ?? 0) * 1000).toISOString();
    return { ...fromItem<Invitation>(item), expiresAt };
  }

  /** Accepting consumes the link, activates the user and links the person to the tenant, atomically. */
  async acceptInvitation(input: {
    tokenHash: string;
    invitation: Invitation;
    tenantName: string;
    identity: Identity;
    identityExists: boolean;
    name?: string;
    now: string;
  }): Promise<void> {
    const { invitation, identity } = input;
    const table = this.client.tableName;
    const identityAction = input.identityExists
      ? {
          ConditionCheck: {
            TableName: table,
            Key: platformKeys.identity(identity.email),
            ConditionExpression: 'passwordHash = :hash',
            ExpressionAttributeValues: { ':hash': identity.passwordHash },
          },
        }
      : {
          Put: {
            TableName: table,
            Item: identityItem(identity),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
    const names: Record<string, string> = {
      '#status': 'status',
      '#updatedAt': 'updatedAt',
      '#version': 'version',
    };
    const values: Record<string, unknown> = {
      ':active': 'active',
      ':invited': 'invited',
      ':now': input.now,
      ':one': 1,
    };
    let setName = '';
    if (input.name) {
      names['#name'] = 'name';
      values[':name'] = input.name;
      setName = ', #name = :name';
    }
    await new PlatformTable(this.client).transactWrite(
      [
        {
          Delete: {
            TableName: table,
            Key: platformKeys.invitation(input.tokenHash),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Update: {
            TableName: table,
            Key: keys.user(invitation.tenantId, invitation.userId),
            UpdateExpression: `SET #status = :active, #updatedAt = :now, #version = #version + :one${setName}`,
            ConditionExpression: '#status = :invited',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        identityAction,
        {
          Put: {
            TableName: table,
            Item: membershipItem({
              email: invitation.email,
              tenantId: invitation.tenantId,
              tenantName: input.tenantName,
              userId: invitation.userId,
            }),
          },
        },
      ],
      { tenantId: invitation.tenantId },
    );
  }

  async listMail({ tenantId }: { tenantId: string }): Promise<Mail[]> {
    const page = await new TenantTable(this.client, tenantId).query({
      partitionValue: keys.outboxPartition(tenantId),
      ScanIndexForward: false,
      Limit: 100,
    });
    return page.items.map((item) => fromItem<Mail>(item));
  }
}
