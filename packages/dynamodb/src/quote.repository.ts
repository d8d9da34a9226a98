import { DomainError, type Quote } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys } from './keys.js';
import { allOfPartition } from './sales-list-page.js';
import { TenantTable } from './tenant-table.js';
import type { TransactItems } from './transact-items.js';

type Item = Record<string, unknown>;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** The quote's item: its own partition, listed by tenant and by deal. */
export function quoteItem(tenantId: string, quote: Quote): Item {
  return toItem(
    'quote',
    {
      ...keys.quote(tenantId, quote.id),
      ...keys.quotesIndex(tenantId, quote.createdAt, quote.id),
      ...keys.opportunityQuotesIndex(tenantId, quote.opportunityId, quote.createdAt, quote.id),
    },
    quote,
  );
}

const read = (item: Item) => fromItem<Quote>(item);

/** Quotes (报价) of opportunities. */
export class QuoteRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async get(quoteId: string): Promise<Quote | undefined> {
    const item = await this.table.get(keys.quote(this.tenantId, quoteId));
    return item ? read(item) : undefined;
  }

  /** Writes a new quote while its deal is still open (`invalid_state` otherwise), all or nothing. */
  async create(quote: Quote): Promise<void> {
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: quoteItem(this.tenantId, quote),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: '',
            Key: keys.opportunity(this.tenantId, quote.opportunityId),
            ConditionExpression: 'attribute_exists(pk) AND #status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          },
        },
      ]);
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') {
        throw new DomainError('invalid_state', 'The deal was closed meanwhile; only open deals are quoted');
      }
      if (reasons[0]?.Code === 'ConditionalCheckFailed')
        throw new DomainError('already_exists', 'Quote already exists');
      throw error;
    }
  }

  /**
   * The write that replaces the stored quote with `next`, only while it is still at
   * `expectedVersion` and in status `from`: on its own (`save`) or inside another transaction
   * (the acceptance's, beside the order it records).
   */
  conditionalPut(next: Quote, expectedVersion: number, from: Quote['status']): TransactItems[number] {
    return {
      Put: {
        TableName: '',
        Item: quoteItem(this.tenantId, next),
        ConditionExpression: '#version = :expected AND #status = :from',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':from': from },
      },
    };
  }

  /** Writes `next` if the stored quote is still at `expectedVersion` and in status `from`. */
  async save(next: Quote, expectedVersion: number, from: Quote['status']): Promise<Quote> {
    const put = this.conditionalPut(next, expectedVersion, from).Put as NonNullable<
      TransactItems[number]['Put']
    >;
    try {
      await this.table.put(put.Item as Item, {
        ConditionExpression: put.ConditionExpression,
        ExpressionAttributeNames: put.ExpressionAttributeNames,
        ExpressionAttributeValues: put.ExpressionAttributeValues,
      });
      return next;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw await this.refusal(next.id, expectedVersion);
    }
  }

  /** Why a conditional write of the quote was refused: gone, moved on, or changed meanwhile. */
  async refusal(quoteId: string, expectedVersion: number): Promise<DomainError> {
    const current = await this.get(quoteId);
    if (!current) return new DomainError('not_found', 'Quote not found');
    if (current.version !== expectedVersion) {
      return new DomainError(
        'version_conflict',
        `The quote was changed by someone else (expected version ${expectedVersion}, it is ${current.version})`,
        { details: { current } },
      );
    }
    return new DomainError('invalid_state', `The quote is ${current.status}`);
  }

  /** A deal's quotes, oldest first (a deal has a handful). */
  async ofOpportunity(opportunityId: string): Promise<Quote[]> {
    return allOfPartition({
      table: this.table,
      index: 'gsi2',
      partition: keys.opportunityQuotesPartition(this.tenantId, opportunityId),
      read,
    });
  }
}
