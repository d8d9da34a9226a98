import { createHash } from 'node:crypto';
import {
  applyInteraction,
  type Customer,
  type CustomerCreate,
  type CustomerStats,
  DomainError,
  deterministicUlid,
  emptyCustomerStats,
  type ImportOptions,
  type Interaction,
  newId,
} from '@crm/domain';
import { interactionItem } from '@crm/dynamodb';
import { settleExistingCustomerFigures } from './figure-recount.js';
import { type ColumnMapping, customerRow, type TransactionRow, transactionRow } from './import-rows.js';
import { BATCH_ROWS, type ImportRun, rejectRow, saveProgress, wellFormedRows } from './import-run.js';

/** The interaction a transaction row becomes; its id derives from the row, so a re-import overwrites it. */
function interactionOf(
  run: ImportRun,
  value: TransactionRow,
  customerId: string,
  occurrence: number,
  now: string,
): Interaction {
  const seed = createHash('sha256')
    .update(`${run.tenantId}|${identityOf(value)}|${occurrence}`)
    .digest('hex');
  return {
    id: deterministicUlid(Date.parse(value.occurredAt), seed),
    customerId,
    type: value.type,
    occurredAt: value.occurredAt,
    amount: value.amount,
    currency: value.currency,
    ...(value.quantity !== undefined ? { quantity: value.quantity } : {}),
    source: `import:${run.importId}`,
    createdAt: now,
    createdBy: run.actorId,
    version: 1,
  };
}

/** The figures with one more row, or undefined when a total would overflow (the row is refused). */
function figuresWith(
  stats: CustomerStats | undefined,
  interaction: Interaction,
  defaultCurrency: string,
): CustomerStats | undefined {
  try {
    return applyInteraction(stats ?? emptyCustomerStats(), interaction, defaultCurrency);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'unprocessable') return undefined;
    throw error;
  }
}

/** What makes two rows the same transaction (the same row twice in a file is two transactions). */
function identityOf(value: TransactionRow): string {
  return [
    value.externalId,
    value.occurredAt,
    value.type,
    value.amount,
    value.currency,
    value.quantity ?? '',
  ].join('|');
}

/**
 * A transactions file: each row an interaction of the customer named by its external id. With
 * `createMissingCustomers`, an unknown id creates the customer (profile from its first row when the
 * file names customers too), written once at the end, batch by batch, with the figures of its whole
 * history in the file; the existing customers' figures are settled after (figure-recount.ts).
 */
export async function importTransactionRows(
  run: ImportRun,
  text: string,
  options: ImportOptions,
  columns: { transactions: ColumnMapping; customers: ColumnMapping },
  money: { currency: string; defaultCurrency: string },
): Promise<void> {
  const createMissing = options.createMissingCustomers === 'true';
  const customerColumns = columns.customers;
  const profileColumnsPresent = (values: Record<string, string>) =>
    (customerColumns.name ?? 'name') in values;
  const profiles = new Map<string, CustomerCreate>();
  const customerIds = new Map<string, string>();
  const created = new Map<string, Customer & { externalId: string }>();
  const fileStats = new Map<string, CustomerStats>();
  const occurrences = new Map<string, number>();
  const now = run.clock().toISOString();
  let batch: { row: number; value: TransactionRow }[] = [];

  const newCustomer = (externalId: string): Customer & { externalId: string } => ({
    id: newId(),
    externalId,
    name: `Customer ${externalId}`,
    kind: 'consumer',
    tags: [],
    customFields: {},
    ...profiles.get(externalId),
    status: 'active',
    stats: emptyCustomerStats(),
    createdAt: now,
    updatedAt: now,
    createdBy: run.actorId,
    version: 1,
    importId: run.importId,
  });

  const flush = async () => {
    if (batch.length === 0) return;
    const unknown = [...new Set(batch.map((entry) => entry.value.externalId))].filter(
      (id) => !customerIds.has(id),
    );
    if (unknown.length > 0) {
      const known = await run.repository.resolveExternalIds(unknown);
      // A run that died while writing its new customers can leave a mapping whose customer never
      // landed (putNewCustomers writes mappings first): it is created now under the mapped id, as
      // a customers import does, so its rows (written under that id) are not left without it.
      const missing =
        createMissing && known.size > 0
          ? await run.repository.missingCustomers([...known.values()])
          : new Set<string>();
      for (const [externalId, customerId] of known) {
        customerIds.set(externalId, customerId);
        if (missing.has(customerId)) created.set(customerId, { ...newCustomer(externalId), id: customerId });
      }
    }
    const items: Record<string, unknown>[] = [];
    const written: Interaction[] = [];
    for (const { row, value } of batch) {
      let customerId = customerIds.get(value.externalId);
      if (!customerId) {
        if (!createMissing) {
          rejectRow(run, {
            row,
            field: columns.transactions.externalId,
            reason: `no customer with id ${value.externalId}`,
          });
          continue;
        }
        const customer = newCustomer(value.externalId);
        customerId = customer.id;
        customerIds.set(value.externalId, customerId);
        created.set(customerId, customer);
      }
      const identity = identityOf(value);
      const occurrence = (occurrences.get(identity) ?? 0) + 1;
      const interaction = interactionOf(run, value, customerId, occurrence, now);
      const stats = figuresWith(fileStats.get(customerId), interaction, money.defaultCurrency);
      if (!stats) {
        rejectRow(run, {
          row,
          field: columns.transactions.amount ?? 'amount',
          reason: "would take the customer's totals past their maximum",
        });
        continue;
      }
      occurrences.set(identity, occurrence);
      fileStats.set(customerId, stats);
      items.push(interactionItem(run.tenantId, interaction));
      written.push(interaction);
    }
    if (!run.dryRun) {
      await run.repository.putItems(items);
      run.onWritten?.(written);
    }
    run.job.rowsWritten += items.length;
    batch = [];
    await saveProgress(run);
  };

  for await (const record of wellFormedRows(run, text, options.layout)) {
    const result = transactionRow(record.row, record.values, columns.transactions, {
      currency: money.currency,
      shiftDays: options.shiftDays,
    });
    if (!result.ok) {
      rejectRow(run, result.rejection);
      continue;
    }
    // An order export often names its customers too: their first row gives a new customer's profile.
    if (createMissing && profileColumnsPresent(record.values) && !profiles.has(result.value.externalId)) {
      const profile = customerRow(record.row, record.values, customerColumns);
      if (!profile.ok) {
        rejectRow(run, profile.rejection);
        continue;
      }
      profiles.set(result.value.externalId, profile.value.customer);
    }
    batch.push({ row: record.row, value: result.value });
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  if (run.dryRun) return;

  // New customers are written once, with the figures of their whole history in this file, a batch
  // at a time: each batch is counted and saved, so the one that carries the tenant past its
  // customer list's next step begins the grow (ImportService) and the batches after it spread
  // over the new shard count, instead of the whole file's customers landing in the old one.
  const fresh = [...created.values()];
  for (let start = 0; start < fresh.length; start += BATCH_ROWS) {
    const customers = fresh.slice(start, start + BATCH_ROWS);
    await run.repository.putNewCustomers(
      customers.map((customer) => ({
        ...customer,
        stats: fileStats.get(customer.id) ?? emptyCustomerStats(),
      })),
    );
    run.job.customersCreated += customers.length;
    await saveProgress(run);
  }
  await settleExistingCustomerFigures(
    run,
    [...fileStats.keys()].filter((id) => !created.has(id)),
    fileStats,
    money.defaultCurrency,
  );
}
