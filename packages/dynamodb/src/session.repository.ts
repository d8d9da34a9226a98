import { conditionHeld } from './condition-failure.js';
import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { keys, tenantDirectory } from './keys.js';
import { TenantTable } from './tenant-table.js';

/**
 * A refresh-token family: one login. Only the hash of the CURRENT token is kept; presenting any
 * other token of the family means it was stolen and replayed, and the whole family is revoked.
 */
export type Session = {
  familyId: string;
  userId: string;
  currentHash: string;
  revoked: boolean;
  createdAt: string;
  rotatedAt: string;
  expiresAt: string;
};

export class SessionRepository {
  private readonly client: TableClient;

  constructor(client: TableClient) {
    this.client = client;
  }

  async create({ tenantId, session }: { tenantId: string; session: Session }): Promise<void> {
    await new TenantTable(this.client, tenantId).put(
      toItem(
        'session',
        {
          ...keys.session(tenantId, session.familyId),
          ...tenantDirectory.index(tenantId, 'SESSIONS', keys.session(tenantId, session.familyId).pk),
        },
        session,
        {
          expiresAt: epochSeconds(new Date(session.expiresAt)),
        },
      ),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async get({ tenantId, familyId }: { tenantId: string; familyId: string }): Promise<Session | undefined> {
    const item = await new TenantTable(this.client, tenantId).get(keys.session(tenantId, familyId));
    return item ? fromItem<Session>(item) : undefined;
  }

  /** Swaps the current hash; false when another request rotated it first (then it is a replay). */
  async rotate(input: {
    tenantId: string;
    familyId: string;
    fromHash: string;
    toHash: string;
    now: string;
  }): Promise<boolean> {
    return conditionHeld(
      new TenantTable(this.client, input.tenantId).update({
        Key: keys.session(input.tenantId, input.familyId),
        UpdateExpression: 'SET currentHash = :to, rotatedAt = :now',
        ConditionExpression: 'currentHash = :from AND revoked = :false',
        ExpressionAttributeValues: {
          ':to': input.toHash,
          ':from': input.fromHash,
          ':now': input.now,
          ':false': false,
        },
      }),
    );
  }

  async revoke({ tenantId, familyId }: { tenantId: string; familyId: string }): Promise<void> {
    await conditionHeld(
      new TenantTable(this.client, tenantId).update({
        Key: keys.session(tenantId, familyId),
        UpdateExpression: 'SET revoked = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  }
}
