import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type Customer, type CustomerStats, DomainError, type Interaction } from '@crm/domain';
import { customerStatsUpdate } from './customer-stats-update.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { cursorSortKeyPatterns, keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

export function interactionItem(tenantId: string, interaction: Interaction): Item {
  return toItem(
    'interaction',
    keys.interaction(tenantId, interaction.customerId, interaction.occurredAt, interaction.id),
    interaction,
  );
}

/** The customer timeline (interactions), stored in the customer's own partition. */
export class InteractionRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  /**
   * Records the interaction and the customer's new figures together. The figures are guarded by
   * the revision they were read at (`statsRevision`), so two interactions arriving at once can
   * never lose one another's effect; the loser gets `version_conflict` and the service recomputes
   * and retries.
   */
  async create(input: {
    interaction: Interaction;
    customer: Customer;
    statsRevision: number;
    stats: CustomerStats;
  }): Promise<void> {
    const { interaction, customer, statsRevision, stats } = input;
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: interactionItem(this.tenantId, interaction),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: '',
            ...customerStatsUpdate(this.tenantId, {
              customerId: customer.id,
              statsRevision,
              stats,
              onlyIfLive: true,
            }),
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') {
          throw new DomainError('already_exists', 'Interaction already recorded');
        }
        // A concurrent transaction on the same customer (TransactionConflict) is the same race
        // as a moved revision: the caller recomputes the figures and tries again.
        if (
          reasons[1]?.Code === 'ConditionalCheckFailed' ||
          reasons.some((r) => r.Code === 'TransactionConflict')
        ) {
          throw new DomainError('version_conflict', 'Customer figures changed meanwhile');
        }
      }
      throw error;
    }
  }

  /** Newest first, by when the interaction happened. */
  async list(input: { customerId: string; limit: number; cursor?: string; type?: string }) {
    let exclusiveStartKey: Item | undefined;
    if (input.cursor) exclusiveStartKey = decodeTimelineCursor(input.cursor, this.tenantId, input.customerId);
    const items: Interaction[] = [];
    let read = 0;
    do {
      const page = await this.table.query({
        partitionValue: keys.customerPartition(this.tenantId, input.customerId),
        KeyConditionExpression: 'begins_with(sk, :i)',
        ExpressionAttributeValues: {
          ':i': sortKeyPrefixes.interaction,
          ...(input.type ? { ':type': input.type } : {}),
        },
        ...(input.type
          ? { FilterExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' } }
          : {}),
        ScanIndexForward: false,
        Limit: input.limit - items.length,
        ExclusiveStartKey: exclusiveStartKey,
      });
      items.push(...page.items.map((item) => fromItem<Interaction>(item)));
      read += page.scannedCount;
      exclusiveStartKey = page.lastEvaluatedKey;
    } while (exclusiveStartKey && items.length < input.limit && read < 2000);
    return {
      items,
      nextCursor: exclusiveStartKey ? Buffer.from(String(exclusiveStartKey.sk)).toString('base64url') : null,
    };
  }

  /** Every interaction of the customer, oldest first (for recomputing figures). */
  async listAll({ customerId }: { customerId: string }): Promise<Interaction[]> {
    const all: Interaction[] = [];
    let exclusiveStartKey: Item | undefined;
    do {
      const page = await this.table.query({
        partitionValue: keys.customerPartition(this.tenantId, customerId),
        KeyConditionExpression: 'begins_with(sk, :i)',
        ExpressionAttributeValues: { ':i': sortKeyPrefixes.interaction },
        ExclusiveStartKey: exclusiveStartKey,
      });
      all.push(...page.items.map((item) => fromItem<Interaction>(item)));
      exclusiveStartKey = page.lastEvaluatedKey;
    } while (exclusiveStartKey);
    return all;
  }
}

function decodeTimelineCursor(cursor: string, tenantId: string, customerId: string): Item {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorSortKeyPatterns.interaction.test(sk)) {
    throw new DomainError('validation_failed', 'Invalid cursor: not a cursor this API issued', {
      fields: [{ path: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return { pk: keys.customerPartition(tenantId, customerId), sk };
}
