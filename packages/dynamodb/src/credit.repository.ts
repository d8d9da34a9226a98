import {
  type CreditDecision,
  type CreditFile,
  type CreditPolicyInput,
  type Customer,
  type Interaction,
  type OrderCreditHold,
  type Receivable,
  type ReceivablesSummary,
  summarizeReceivables,
  type Tenant,
} from '@crm/domain';
import { conditionHeld } from './condition-failure.js';
import { everyCustomerListPartition } from './customer-index-keys.js';
import { customerFromItem } from './customer-item.js';
import type { TableClient } from './document-client.js';
import { dueByIndex } from './due-by-index.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';
import { VersionedSettingsItem } from './versioned-settings-item.js';

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

/**
 * How far the one-time catch-up of credit files saved before the files index (gsi2) existed has
 * come for a tenant (see `CreditRepository.indexFilesStoredBefore`).
 */
export type CreditFilesIndexCatchUp = {
  /** Every customer list has been read to its end: nothing left to catch up. */
  done: boolean;
  /** Where the next night goes on: which customer list (live shards, then archived) and the key in it. */
  position: CustomerListPosition | null;
  /** Files put in the index so far. */
  indexed: number;
  updatedAt: string;
};

/** A place in the tenant's customer lists: `list` counts the live shards, then the archived ones. */
export type CustomerListPosition = { list: number; start: Record<string, unknown> | null };

/**
 * The customer lists in the order the catch-up reads them (every customer partition, live or
 * archived, of every shard count; the legacy 4 live and 4 archived first, so a position stored
 * before counts were per tenant still names the same list).
 */
const customerLists = (tenantId: string) => everyCustomerListPartition(tenantId);

/**
 * How a ledger write ended: `duplicate` when its record was applied before (a redelivery),
 * `conflict` when the summary moved since it was read (read again and retry).
 */
export type LedgerWrite =
  | { outcome: 'written'; summary: ReceivablesSummary }
  | { outcome: 'duplicate' | 'conflict' };

/** Which of a cancelled transaction's items failed, by position ('' where none did). */
function cancellationCodes(error: unknown): string[] | undefined {
  if ((error as Error).name !== 'TransactionCanceledException') return undefined;
  return ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) =>
    reason.Code === 'None' ? '' : (reason.Code ?? ''),
  );
}

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
      ...keys.creditFilesIndex(tenantId, file.customerId),
      ...(file.status === 'hold' && file.heldSince
        ? keys.creditHoldsIndex(tenantId, file.heldSince, file.customerId)
        : {}),
    },
    file,
  );
}

/** The summary moved on one version, written only if still at the version it was read at. */
function summaryPut(tenantId: string, summary: ReceivablesSummary) {
  const next: ReceivablesSummary = { ...summary, version: summary.version + 1 };
  return {
    next,
    put: {
      Put: {
        TableName: '',
        Item: toItem('creditSummary', keys.creditSummary(tenantId, summary.customerId), next),
        ConditionExpression: summary.version === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
        ...(summary.version === 0
          ? {}
          : {
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': summary.version },
            }),
      },
    },
  };
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
    return this.settings().get();
  }

  /** Saves it only if it is still at `expectedVersion` (0: none saved yet); else `version_conflict`. */
  async putPolicy(stored: StoredCreditPolicy, expectedVersion: number): Promise<void> {
    await this.settings().put(stored, expectedVersion);
  }

  private settings() {
    return new VersionedSettingsItem<StoredCreditPolicy>(
      this.table,
      'creditPolicy',
      keys.creditPolicy(this.tenantId),
      'The credit policy was changed by someone else; reload it',
    );
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
    summary: ReceivablesSummary | undefined;
  }> {
    const wanted = {
      customer: keys.customer(this.tenantId, customerId),
      tenant: keys.tenant(this.tenantId),
      policy: keys.creditPolicy(this.tenantId),
      file: keys.creditFile(this.tenantId, customerId),
      summary: keys.creditSummary(this.tenantId, customerId),
    };
    const items = await this.table.batchGet(Object.values(wanted));
    const find = (key: { pk: string; sk: string }) =>
      items.find((item) => item.pk === key.pk && item.sk === key.sk);
    const customer = find(wanted.customer);
    const tenant = find(wanted.tenant);
    const policy = find(wanted.policy);
    const file = find(wanted.file);
    const summary = find(wanted.summary);
    return {
      customer: customer ? customerFromItem(customer) : undefined,
      tenant: tenant ? fromItem<Tenant>(tenant) : undefined,
      policy: policy ? fromItem<StoredCreditPolicy>(policy) : undefined,
      file: file ? fromItem<CreditFile>(file) : undefined,
      summary: summary ? fromItem<ReceivablesSummary>(summary) : undefined,
    };
  }

  async getSummary(customerId: string): Promise<ReceivablesSummary | undefined> {
    const item = await this.table.get(keys.creditSummary(this.tenantId, customerId));
    return item ? fromItem<ReceivablesSummary>(item) : undefined;
  }

  /**
   * The summary as the receivables and applications stored now make it (version 0: not saved).
   * Reads every receivable: for a file written before summaries existed, and the nightly repair.
   */
  async deriveSummary(customerId: string): Promise<ReceivablesSummary> {
    const [receivables, unapplied] = await Promise.all([
      this.listReceivables(customerId),
      this.unappliedCredit(customerId),
    ]);
    return summarizeReceivables(customerId, receivables, unapplied);
  }

  /**
   * Saves the summary if it is still at the version it was read at (0: none saved), moved on one
   * version; undefined when another write got there first.
   */
  async putSummary(summary: ReceivablesSummary): Promise<ReceivablesSummary | undefined> {
    const { next, put } = summaryPut(this.tenantId, summary);
    return (await conditionHeld(this.table.transactWrite([put]))) ? next : undefined;
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
    const saved = await conditionHeld(
      this.table.transactWrite([
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
      ]),
    );
    return saved ? next : undefined;
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
    const items = await this.table.queryAll({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :ar)',
      ExpressionAttributeValues: { ':ar': sortKeyPrefixes.receivable },
      // Read after the summary, checked against its version: it must see every committed write.
      ConsistentRead: true,
    });
    return items.map((item) => fromItem<StoredReceivable>(item));
  }

  async getReceivable(customerId: string, receivableId: string): Promise<StoredReceivable | undefined> {
    const item = await this.table.get(keys.receivable(this.tenantId, customerId, receivableId));
    return item ? fromItem<StoredReceivable>(item) : undefined;
  }

  /**
   * Adds a receivable once, with `summary` (already counting it) in the same transaction:
   * `duplicate` when it exists (a redelivered record), `conflict` when the summary moved.
   */
  async addReceivable(receivable: StoredReceivable, summary: ReceivablesSummary): Promise<LedgerWrite> {
    const { next, put } = summaryPut(this.tenantId, summary);
    return this.ledgerWrite(
      [
        {
          Put: {
            TableName: '',
            Item: receivableItem(this.tenantId, receivable),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        put,
      ],
      next,
    );
  }

  /** Runs a ledger transaction whose first item is the once-only record and second the summary. */
  private async ledgerWrite(
    items: Parameters<TenantTable['transactWrite']>[0],
    next: ReceivablesSummary,
  ): Promise<LedgerWrite> {
    try {
      await this.table.transactWrite(items);
      return { outcome: 'written', summary: next };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') return { outcome: 'duplicate' };
      if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
        return { outcome: 'conflict' };
      }
      throw error;
    }
  }

  /**
   * Marks a receivable overdue, once (the stream announces `invoice.overdue` from the mark); false
   * when it was marked already or is gone.
   */
  async markOverdue(customerId: string, receivableId: string, at: string): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.receivable(this.tenantId, customerId, receivableId),
        UpdateExpression: 'SET #overdueAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#overdueAt)',
        ExpressionAttributeNames: { '#overdueAt': 'overdueAt' },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  /**
   * Deletes a receivable as it was read, with `summary` (already without it) in the same
   * transaction: `duplicate` when it is gone or changed since (read again).
   */
  async removeReceivable(receivable: StoredReceivable, summary: ReceivablesSummary): Promise<LedgerWrite> {
    const { next, put } = summaryPut(this.tenantId, summary);
    return this.ledgerWrite(
      [
        {
          Delete: {
            TableName: '',
            Key: keys.receivable(this.tenantId, receivable.customerId, receivable.id),
            ConditionExpression: 'attribute_exists(pk) AND #paid = :paid',
            ExpressionAttributeNames: { '#paid': 'paid' },
            ExpressionAttributeValues: { ':paid': receivable.paid },
          },
        },
        put,
      ],
      next,
    );
  }

  /**
   * Applies one payment (or an invoice replacing its order) once: the receivables it changed, a
   * marker naming it (only if absent) and `summary` (already counting the change) are written
   * together. `duplicate` when it had already been applied, `conflict` when the summary moved.
   */
  async applyOnce(input: {
    customerId: string;
    appliedId: string;
    changed: readonly StoredReceivable[];
    unapplied: number;
    at: string;
    summary: ReceivablesSummary;
  }): Promise<LedgerWrite> {
    const { next, put } = summaryPut(this.tenantId, input.summary);
    return this.ledgerWrite(
      [
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
        put,
        ...input.changed.map((receivable) => ({
          Put: { TableName: '', Item: receivableItem(this.tenantId, receivable) },
        })),
      ],
      next,
    );
  }

  /** The unapplied credit recorded by the applications so far (payments beyond what was owed). */
  async unappliedCredit(customerId: string): Promise<number> {
    const applications = await this.table.queryAll<{ unapplied?: number }>({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :applied)',
      ExpressionAttributeValues: { ':applied': sortKeyPrefixes.creditApplied },
      ProjectionExpression: 'unapplied',
      ConsistentRead: true,
    });
    return applications.reduce((total, application) => total + (application.unapplied ?? 0), 0);
  }

  /**
   * Marks an order `held` on the timeline with the reasons (Dynamics' order hold), leaving the
   * rest of the entry alone; nothing when the entry has been deleted since.
   */
  async markOrderHeld(order: Interaction, hold: OrderCreditHold): Promise<void> {
    await conditionHeld(
      this.table.update({
        Key: keys.interaction(this.tenantId, order.customerId, order.occurredAt, order.id),
        UpdateExpression: 'SET #hold = :hold',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#hold': 'creditHold' },
        ExpressionAttributeValues: { ':hold': hold },
      }),
    );
  }

  /**
   * One order of the customer by id: through its receivable's issue time when it has one (one
   * read), else the customer's timeline, filtered (an order invoiced separately).
   */
  async findOrder(customerId: string, interactionId: string): Promise<Interaction | undefined> {
    const receivable = await this.getReceivable(customerId, interactionId);
    if (receivable) {
      const item = await this.table.get(
        keys.interaction(this.tenantId, customerId, receivable.issuedAt, interactionId),
      );
      if (item) return fromItem<Interaction>(item);
    }
    const pages = this.table.queryPages({
      partitionValue: keys.customerPartition(this.tenantId, customerId),
      KeyConditionExpression: 'begins_with(sk, :i)',
      FilterExpression: '#id = :id',
      ExpressionAttributeNames: { '#id': 'id' },
      ExpressionAttributeValues: { ':i': sortKeyPrefixes.interaction, ':id': interactionId },
    });
    for await (const page of pages) {
      const found = page.items[0];
      if (found) return fromItem<Interaction>(found);
    }
    return undefined;
  }

  /** Marks a held order rejected, once: false when it was rejected already. */
  async markOrderRejected(
    order: Interaction,
    rejected: { at: string; by: string; reason: string },
  ): Promise<boolean> {
    return conditionHeld(
      this.table.update({
        Key: keys.interaction(this.tenantId, order.customerId, order.occurredAt, order.id),
        UpdateExpression: 'SET #hold.#rejected = :rejected',
        ConditionExpression: 'attribute_exists(#hold) AND attribute_not_exists(#hold.#rejected)',
        ExpressionAttributeNames: { '#hold': 'creditHold', '#rejected': 'rejected' },
        ExpressionAttributeValues: { ':rejected': rejected },
      }),
    );
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

  /**
   * The first `limit` credit files by customer id, from the files index (a query, never a scan),
   * and whether the tenant has more. A file saved before the index existed joins it on its next
   * save, or by the nightly catch-up (`indexFilesStoredBefore`), whichever comes first.
   */
  async listFiles(limit: number): Promise<{ files: CreditFile[]; more: boolean }> {
    const files: CreditFile[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query({
        partitionValue: keys.creditFilesPartition(this.tenantId),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2sk >= :start',
        ExpressionAttributeValues: { ':start': ' ' },
        // One more than wanted tells whether there are more.
        Limit: limit + 1 - files.length,
        ExclusiveStartKey: start,
      });
      files.push(...page.items.map((item) => fromItem<CreditFile>(item)));
      start = page.lastEvaluatedKey;
    } while (start && files.length <= limit);
    return { files: files.slice(0, limit), more: files.length > limit };
  }

  async filesIndexCatchUp(): Promise<CreditFilesIndexCatchUp | undefined> {
    const item = await this.table.get(keys.creditFilesIndexCatchUp(this.tenantId));
    return item ? fromItem<CreditFilesIndexCatchUp>(item) : undefined;
  }

  /** Only the nightly pass writes it, one tenant at a time, so a plain put is enough. */
  async putFilesIndexCatchUp(state: CreditFilesIndexCatchUp): Promise<void> {
    await this.table.put(
      toItem('creditFilesIndexCatchUp', keys.creditFilesIndexCatchUp(this.tenantId), state),
    );
  }

  /**
   * Puts the credit files saved before the files index (gsi2) existed into it. There is no list
   * of those files, so the customer lists (gsi1, a Query per shard, never a Scan) are read from
   * `from`, at most `maxReads` pages, and each page's credit files fetched in a batch get; a file
   * without index keys is given only those (while it still has none), so its version and
   * decisions stay as they were and no catalog event follows. `position` is where to go on, or
   * undefined once every list has been read to its end.
   */
  async indexFilesStoredBefore(args: {
    from?: CustomerListPosition;
    maxReads: number;
    pageSize?: number;
  }): Promise<{ indexed: number; position: CustomerListPosition | undefined }> {
    const lists = customerLists(this.tenantId);
    let position: CustomerListPosition | undefined = args.from ?? { list: 0, start: null };
    let indexed = 0;
    for (let reads = 0; position && reads < args.maxReads; reads += 1) {
      const page: { items: { id: string }[]; lastEvaluatedKey?: Item } = await this.table.query<{
        id: string;
      }>({
        partitionValue: lists[position.list] as string,
        IndexName: 'gsi1',
        ProjectionExpression: '#id',
        ExpressionAttributeNames: { '#id': 'id' },
        Limit: args.pageSize ?? 100,
        ...(position.start ? { ExclusiveStartKey: position.start } : {}),
      });
      const files = await this.table.batchGet(
        page.items.map((customer) => keys.creditFile(this.tenantId, customer.id)),
      );
      for (const file of files) {
        if (file.gsi2pk !== undefined) continue;
        const index = keys.creditFilesIndex(this.tenantId, (file as { customerId: string }).customerId);
        // Refused: saved (and so indexed) since it was read, or deleted; nothing left to do for it.
        const written = await conditionHeld(
          this.table.update({
            Key: keys.creditFile(this.tenantId, (file as { customerId: string }).customerId),
            UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi2pk)',
            ExpressionAttributeValues: { ':pk': index.gsi2pk, ':sk': index.gsi2sk },
          }),
        );
        if (written) indexed += 1;
      }
      position = page.lastEvaluatedKey
        ? { list: position.list, start: page.lastEvaluatedKey }
        : position.list + 1 < lists.length
          ? { list: position.list + 1, start: null }
          : undefined;
    }
    return { indexed, position };
  }

  /** The customers and receivables summaries of these files, by customer id (batch gets). */
  async getPreviewFacts(
    customerIds: readonly string[],
  ): Promise<{ customers: Map<string, Customer>; summaries: Map<string, ReceivablesSummary> }> {
    const items = await this.table.batchGet(
      customerIds.flatMap((customerId) => [
        keys.customer(this.tenantId, customerId),
        keys.creditSummary(this.tenantId, customerId),
      ]),
    );
    const customers = new Map<string, Customer>();
    const summaries = new Map<string, ReceivablesSummary>();
    for (const item of items) {
      if (item.sk === keys.creditSummary(this.tenantId, '').sk) {
        const summary = fromItem<ReceivablesSummary>(item);
        summaries.set(summary.customerId, summary);
      } else {
        const customer = customerFromItem(item);
        customers.set(customer.id, customer);
      }
    }
    return { customers, summaries };
  }

  /** How many customers are on hold, up to `cap` (the hold list's index, ids only). */
  async countHolds(cap: number): Promise<{ count: number; capped: boolean }> {
    let count = 0;
    let start: Item | undefined;
    do {
      const page = await this.table.query({
        partitionValue: keys.creditHoldsPartition(this.tenantId),
        IndexName: 'gsi1',
        ProjectionExpression: 'customerId',
        Limit: cap + 1 - count,
        ExclusiveStartKey: start,
      });
      count += page.items.length;
      start = page.lastEvaluatedKey;
    } while (start && count <= cap);
    return { count: Math.min(count, cap), capped: count > cap };
  }

  /**
   * The open receivables due before `dueBefore` (a day, exclusive), up to `cap`, from the open
   * receivables index: what the dashboard sums as overdue.
   */
  async openReceivablesDueBefore(
    dueBefore: string,
    cap: number,
  ): Promise<{
    items: { customerId: string; amount: number; paid: number; currency: string }[];
    capped: boolean;
  }> {
    const items: { customerId: string; amount: number; paid: number; currency: string }[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query<{
        customerId: string;
        amount: number;
        paid: number;
        currency: string;
      }>({
        partitionValue: keys.openReceivablesPartition(this.tenantId),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1sk < :dueBefore',
        ExpressionAttributeValues: { ':dueBefore': dueBefore },
        ExpressionAttributeNames: { '#c': 'customerId', '#a': 'amount', '#p': 'paid', '#cur': 'currency' },
        ProjectionExpression: '#c, #a, #p, #cur',
        Limit: cap + 1 - items.length,
        ExclusiveStartKey: start,
      });
      items.push(...page.items);
      start = page.lastEvaluatedKey;
    } while (start && items.length <= cap);
    return { items: items.slice(0, cap), capped: items.length > cap };
  }

  /**
   * Every open receivable of the tenant, up to `cap`, from the open receivables index (by due
   * date): what the tenant's ageing report buckets.
   */
  async openReceivables(cap: number): Promise<{
    items: { customerId: string; dueDate: string; amount: number; paid: number; currency: string }[];
    capped: boolean;
  }> {
    type Row = { customerId: string; dueDate: string; amount: number; paid: number; currency: string };
    const items: Row[] = [];
    let start: Item | undefined;
    do {
      const page = await this.table.query<Row>({
        partitionValue: keys.openReceivablesPartition(this.tenantId),
        IndexName: 'gsi1',
        ExpressionAttributeNames: {
          '#c': 'customerId',
          '#d': 'dueDate',
          '#a': 'amount',
          '#p': 'paid',
          '#cur': 'currency',
        },
        ProjectionExpression: '#c, #d, #a, #p, #cur',
        Limit: cap + 1 - items.length,
        ExclusiveStartKey: start,
      });
      items.push(...page.items);
      start = page.lastEvaluatedKey;
    } while (start && items.length <= cap);
    return { items: items.slice(0, cap), capped: items.length > cap };
  }

  /** Customers with a receivable due on or before `dueBy` and still open (the nightly pass's work). */
  async customersWithOpenReceivablesDueBy(dueBy: string): Promise<string[]> {
    const customerIds = await dueByIndex({
      table: this.table,
      index: 'gsi1',
      partition: keys.openReceivablesPartition(this.tenantId),
      dueBy,
      attribute: 'customerId',
    });
    // A customer with several receivables past due is re-evaluated once.
    return [...new Set(customerIds)];
  }
}
