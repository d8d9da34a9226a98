import type { TableClient } from './document-client.js';
import { epochSeconds, fromItem, toItem } from './item-codec.js';
import { platformKeys } from './keys.js';
import { PlatformTable } from './platform-table.js';

export type EmailTokenPurpose = 'verify-email' | 'password-reset';

/**
 * A one-time link mailed to an address; the table holds only the hash of its token. (Not
 * `expiresAt`: that name is the table's TTL attribute, which the item codec strips on read.)
 */
export type EmailToken = { purpose: EmailTokenPurpose; email: string; validUntil: string; createdAt: string };

export class EmailTokenRepository {
  private readonly platform: PlatformTable;
  private readonly tableName: string;

  constructor(client: TableClient) {
    this.platform = new PlatformTable(client);
    this.tableName = client.tableName;
  }

  async create({ tokenHash, token }: { tokenHash: string; token: EmailToken }): Promise<void> {
    await this.platform.put(
      toItem('emailToken', platformKeys.emailToken(tokenHash), token, {
        expiresAt: epochSeconds(new Date(token.validUntil)),
      }),
      { ConditionExpression: 'attribute_not_exists(pk)' },
    );
  }

  async get({ tokenHash }: { tokenHash: string }): Promise<EmailToken | undefined> {
    const item = await this.platform.get(platformKeys.emailToken(tokenHash));
    return item ? fromItem<EmailToken>(item) : undefined;
  }

  /**
   * Consumes a verification link: deleting it is conditional, so two parallel uses never both
   * succeed. False when it was already used.
   */
  async consumeVerification({ tokenHash, email, at }: { tokenHash: string; email: string; at: string }) {
    try {
      await this.platform.transactWrite([
        {
          Delete: {
            TableName: this.tableName,
            Key: platformKeys.emailToken(tokenHash),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: platformKeys.identity(email),
            UpdateExpression: 'SET emailVerifiedAt = if_not_exists(emailVerifiedAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': at },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (isCancelled(error)) return false;
      throw error;
    }
  }

  /**
   * Consumes a reset link and sets the new password in one transaction (single use even under
   * parallel requests); the address counts as verified, since the link reached it. False when
   * the link was already used or the identity is gone.
   */
  async consumeReset(input: { tokenHash: string; email: string; passwordHash: string; at: string }) {
    try {
      await this.platform.transactWrite([
        {
          Delete: {
            TableName: this.tableName,
            Key: platformKeys.emailToken(input.tokenHash),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: platformKeys.identity(input.email),
            UpdateExpression:
              'SET passwordHash = :hash, updatedAt = :at, emailVerifiedAt = if_not_exists(emailVerifiedAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':hash': input.passwordHash, ':at': input.at },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (isCancelled(error)) return false;
      throw error;
    }
  }
}

function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'TransactionCanceledException';
}
