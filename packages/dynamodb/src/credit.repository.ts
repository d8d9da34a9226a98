import {
  type CreditDecision,
  type CreditFile,
  type CreditPolicyInput,
  type Customer,
  DomainError,
  type Interaction,
  type OrderCreditHold,
  type Receivable,
  type Tenant,
} from '@crm/domain';
import { customerFromItem } from './customer-item.js';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';

type Item = Record<string, unknown>;

/** A receivable as stored: the domain's figures plus where it came from. */
export type StoredReceivable = Receivable & {
  customerId: string;
  /** `order`: an order not yet invoiced (where the tenant invoices on order, the receivable itself). */
  source: 'order' | 'invoice';
  currency: string;
  /** When it was paid in full, and whether that was within the due date plus the margin. */
  settledAt?: string;
  settledOnTime?: boolean;
  /** When credit control first found it overdue (the `invoice.overdue` event); set once. */
  overdueAt?: string;
};

export type StoredCreditPolicy = {
  policy: CreditPolicyInput;
  version: number;
  updatedAt: string;
  updatedBy: string;
};

const isConditionFailure = (error: unknown) =>
  (error as Error).name === 'ConditionalCheckFailedException' ||
  ((error as Error).name === 'TransactionCanceledException' &&
    ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
      (reason) => reason.Code === 'ConditionalCheckFailed',
    ));

function receivableItem(tenantId: string, receivable: StoredReceivable): Item {
  const open = receivable.paid < receivable.amount;
  return toItem(
    'receivable',
    {
      ...keys.receivable(tenantId, receivable.customerId, receivable.id),
      // Only open receivables sit in the index the nightly pass reads.
      ...(open
        ? keys.openReceivablesIndex(tenantId, receivable.dueDate, receivable.customerId, receivable.id)
        : {}),
    },
    receivable,
  );
}

function creditFileItem(tenantId: string, file: CreditFile): Item {
  return toItem(
    'creditFile',
    {
      ...keys.creditFile(tenantId, file.customerId),
      ...(file.status === 'hold' && file.heldSince
        ? keys.creditHoldsIndex(tenantId, file.heldSince, file.customerId)
        : {}),
    },
    file,
  );
}

/**
 * Credit control's records (客户信用档案, 应收账款): the tenant's policy, and in each customer's
 * partition the credit file, its receivables, the payments already applied and the history of
 * decisions. Nothing here touches the customer item, so credit never contends with orders or edits.
 */
export class CreditRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async getPolicy(): Promise<StoredCreditPolicy | undefined> {
    const item = await this.table.get(keys.creditPolicy(this.tenantId));
    return item ? fromItem<StoredCreditPolicy>(item) : undefined;
  }

  /** Saves the policy if it is still at `expectedVersion` (0: none saved yet). */
  async putPolicy(stored: StoredCreditPolicy, expectedVersion: number): Promise<void> {
    try {
      await this.table.put(toItem('creditPolicy', keys.creditPolicy(this.tenantId), stored), {
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
        ...(expectedVersion === 0
          ? {}
          : {
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
      });
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new DomainError('version_conflict', 'The credit policy was changed by someone else; reload it');
      }
      throw error;
    }
  }

  /**
   * What a credit evaluation reads besides the receivables, in one request (the stream evaluates
   * on every order, and each request costs more than the few small items it returns).
   */
  async getForEvaluation(customerId: string): Promise<{
    customer: Customer | undefined;
    tenant: Tenant | undefined;
    policy: StoredCreditPolicy | undefined;
    file: CreditFile | undefined;
  }> {
    const wanted = {
      customer: keys.customer(this.tenantId, customerId),
      tenant: keys.tenant(this.tenantId),
      policy: keys.creditPolicy(this.tenantId),
      file: keys.creditFile(this.tenantId, customerId),
    };
    const items = await this.table.batchGet(Object.values(wanted));
    const find = (key: { pk: string; sk: string }) =>
      items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const customer = find(wanted.customer);
    const tenant = find(wanted.tenant);
    const policy = find(wanted.policy);
    const file = find(wanted.file);
    return {
      customer: customer ? customerFromItem(customer) : undefined,
      tenant: tenant ? fromItem<Tenant>(tenant) : undefined,
      policy: policy ? fromItem<StoredCreditPolicy>(policy) : undefined,
      file: file ? fromItem<CreditFile>(file) : undefined,
    };
  }

  async getFile(customerId: string): Promise<CreditFile | undefined> {
    const item = await this.table.get(keys.creditFile(this.tenantId, customerId));
    return item ? fromItem<CreditFile>(item) : undefined;
  }

  /**
   * Writes the file if it is still at the version it was read at (`file.version`), with its
   * version moved on, and the decisions that explain it, all or nothing. False on a conflict:
   * the caller reads again and re-evaluates.
   */
  async saveFile(file: CreditFile, decisions: readonly CreditDecision[]): Promise<CreditFile | undefined> {
    const next: CreditFile = { ...file, version: file.version + 1 };
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: creditFileItem(this.tenantId, next),
            ConditionExpression: file.version === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
            ...(file.version === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': file.version },
                }),
          },
        },
        ...decisions.map((decision) => ({
          Put: {
            TableName: '',
            Item: toItem(
              'creditDecision',
              keys.creditDecision(this.tenantId, decision.customerId, decision.at, decision.id),
              decision,
            ),
          },
        })),
      ]);
      return next;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** The file's history, newest first. */
  async listDecisions(customerId: string, limit: number): Promise<CreditDecision[]> {
    const page = await this.table.query({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :cd)',
      ExpressionAttributeValues: { ':cd': sortKeyPrefixes.creditDecision },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((item) => fromItem<CreditDecision>(item));
  }

  async listReceivables(customerId: string): Promise<StoredReceivable[]> {
    const found: StoredReceivable[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query({
        partitionValue: keys.customerPartition(this.tenantId, customerId),
        KeyConditionExpression: 'begins_with(sk, :ar)',
        ExpressionAttributeValues: { ':ar': sortKeyPrefixes.receivable },
        ExclusiveStartKey: start,
      });
      found.push(...page.items.map((item) => fromItem<StoredReceivable>(item)));
      start = page.lastEvaluatedKey;
    } while (start);
    return found;
  }

  /** Adds a receivable once: false when it already exists (a redelivered record). */
  async addReceivable(receivable: StoredReceivable): Promise<boolean> {
    try {
      await this.table.put(receivableItem(this.tenantId, receivable), {
        ConditionExpression: 'attribute_not_exists(pk)',
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Marks a receivable overdue, once (the stream announces `invoice.overdue` from the mark); false
   * when it was marked already or is gone.
   */
  async markOverdue(customerId: string, receivableId: string, at: string): Promise<boolean> {
    try {
      await this.table.update({
        Key: keys.receivable(this.tenantId, customerId, receivableId),
        UpdateExpression: 'SET #overdueAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#overdueAt)',
        ExpressionAttributeNames: { '#overdueAt': 'overdueAt' },
        ExpressionAttributeValues: { ':at': at },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async removeReceivable(customerId: string, receivableId: string): Promise<void> {
    await this.table.delete(keys.receivable(this.tenantId, customerId, receivableId));
  }

  /**
   * Applies one payment (or an invoice replacing its order) once: the receivables it changed and
   * a marker naming it are written together, the marker only if absent. False when it had
   * already been applied.
   */
  async applyOnce(input: {
    customerId: string;
    appliedId: string;
    changed: readonly StoredReceivable[];
    unapplied: number;
    at: string;
  }): Promise<boolean> {
    try {
      await this.table.transactWrite([
        {
          Put: {
            TableName: '',
            Item: toItem(
              'creditApplied',
              keys.creditApplied(this.tenantId, input.customerId, input.appliedId),
              {
                customerId: input.customerId,
                appliedId: input.appliedId,
                unapplied: input.unapplied,
                at: input.at,
              },
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...input.changed.map((receivable) => ({
          Put: { TableName: '', Item: receivableItem(this.tenantId, receivable) },
        })),
      ]);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The unapplied credit recorded by the applications so far (payments beyond what was owed). */
  async unappliedCredit(customerId: string): Promise<number> {
    let total = 0;
    let start: Item | undefined;
    do {
      const page = await this.table.query<{ unapplied?: number }>({
        partitionValue: keys.customerPartition(this.tenantId, customerId),
        KeyConditionExpression: 'begins_with(sk, :applied)',
        ExpressionAttributeValues: { ':applied': sortKeyPrefixes.creditApplied },
        ProjectionExpression: 'unapplied',
        ExclusiveStartKey: start,
      });
      for (const item of page.items) total += item.unapplied ?? 0;
      start = page.lastEvaluatedKey;
    } while (start);
    return total;
  }

  /**
   * Marks an order `held` on the timeline with the reasons (Dynamics' order hold), leaving the
   * rest of the entry alone; nothing when the entry has been deleted since.
   */
  async markOrderHeld(order: Interaction, hold: OrderCreditHold): Promise<void> {
    try {
      await this.table.update({
        Key: keys.interaction(this.tenantId, order.customerId, order.occurredAt, order.id),
        UpdateExpression: 'SET #hold = :hold',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#hold': 'creditHold' },
        ExpressionAttributeValues: { ':hold': hold },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Customers on hold, longest held first. */
  async listHolds(limit: number): Promise<CreditFile[]> {
    const page = await this.table.query({
      partitionValue: keys.creditHoldsPartition(this.tenantId),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1sk >= :start',
      ExpressionAttributeValues: { ':start': ' ' },
      Limit: limit,
    });
    return page.items.map((item) => fromItem<CreditFile>(item));
  }

  /** Customers with a receivable due on or before `dueBy` and still open (the nightly pass's work). */
  async customersWithOpenReceivablesDueBy(dueBy: string): Promise<string[]> {
    const customers = new Set<string>();
    let start: Item | undefined;
    do {
      const page = await this.table.query<{ customerId: string }>({
        partitionValue: keys.openReceivablesPartition(this.tenantId),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1sk <= :dueBy',
        ExpressionAttributeValues: { ':dueBy': `${dueBy}#\uffff` },
        ProjectionExpression: 'customerId',
        ExclusiveStartKey: start,
      });
      for (const item of page.items) customers.add(item.customerId);
      start = page.lastEvaluatedKey;
    } while (start);
    return [...customers];
  }
}
