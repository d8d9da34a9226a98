import { emptyCustomerStats, type ImportOptions, newId } from '@crm/domain';
import { type ColumnMapping, type CustomerRow, customerRow } from './import-rows.js';
import { BATCH_ROWS, type ImportRun, rejectRow, saveProgress, wellFormedRows } from './import-run.js';

/**
 * A customers file: each row a new customer, matched by its external id, so a customer already
 * there (from an earlier run of the file) is left unchanged; an id twice in the file is rejected.
 */
export async function importCustomerRows(
  run: ImportRun,
  text: string,
  options: ImportOptions,
  columns: ColumnMapping,
): Promise<void> {
  const seen = new Set<string>();
  let batch: CustomerRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const known = await run.repository.resolveExternalIds(batch.map((entry) => entry.externalId));
    // A run that died mid-batch can leave a mapping whose customer never landed: that row is
    // written again under the mapped id, so nothing is lost and nothing is created twice.
    const missing =
      known.size > 0 ? await run.repository.missingCustomers([...known.values()]) : new Set<string>();
    const fresh = batch.filter((entry) => {
      const mapped = known.get(entry.externalId);
      return mapped === undefined || missing.has(mapped);
    });
    run.job.rowsUnchanged += batch.length - fresh.length;
    if (!run.dryRun && fresh.length > 0) {
      const now = run.clock().toISOString();
      await run.repository.putNewCustomers(
        fresh.map(({ externalId, customer }) => ({
          ...customer,
          id: known.get(externalId) ?? newId(),
          externalId,
          importId: run.importId,
          stats: emptyCustomerStats(),
          createdAt: now,
          updatedAt: now,
          createdBy: run.actorId,
          version: 1,
        })),
      );
    }
    run.job.rowsWritten += fresh.length;
    run.job.customersCreated += fresh.length;
    batch = [];
    await saveProgress(run);
  };
  for await (const record of wellFormedRows(run, text, options.layout)) {
    const result = customerRow(record.row, record.values, columns);
    if (!result.ok) {
      rejectRow(run, result.rejection);
      continue;
    }
    if (seen.has(result.value.externalId)) {
      rejectRow(run, { row: record.row, field: columns.externalId, reason: 'appears earlier in the file' });
      continue;
    }
    seen.add(result.value.externalId);
    batch.push(result.value);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
}
