import { emptyCustomerStats, type ImportOptions, newId } from '@crm/domain';
import { type UniqueFieldValue, uniqueValueHolderKey } from '@crm/dynamodb';
import { type ColumnMapping, type CustomerRow, type CustomFieldColumns, customerRow } from './import-rows.js';
import { BATCH_ROWS, type ImportRun, rejectRow, saveProgress, wellFormedRows } from './import-run.js';

type BatchEntry = CustomerRow & { row: number };

/**
 * A customers file: each row a new customer, matched by its external id, so a customer already
 * there (from an earlier run of the file) is left unchanged; an id twice in the file is rejected.
 * Custom-field columns are read as their fields' types; a unique field's value that another
 * customer holds, or that an earlier row of the file has, rejects the row (in the dry run too).
 */
export async function importCustomerRows(
  run: ImportRun,
  text: string,
  options: ImportOptions,
  columns: ColumnMapping,
  custom: CustomFieldColumns,
): Promise<void> {
  const seen = new Set<string>();
  const seenUnique = new Set<string>();
  const columnOf = new Map(custom.fields.map((field) => [field.definition.key, field.column]));
  const uniqueTaken = (row: number, value: UniqueFieldValue) =>
    rejectRow(run, {
      row,
      field: columnOf.get(value.key) ?? value.key,
      reason: 'another customer has this value',
    });
  let batch: BatchEntry[] = [];
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
    const drafts = fresh.map((entry) => ({ ...entry, id: known.get(entry.externalId) ?? newId() }));
    // Read first, so the dry run reports values already taken; the writes claim them for real.
    const holders = await run.repository.uniqueValueHolders(drafts.flatMap((draft) => draft.uniqueValues));
    const takenBy = (draft: (typeof drafts)[number]) =>
      draft.uniqueValues.find((value) => {
        const holder = holders.get(uniqueValueHolderKey(value));
        return holder !== undefined && holder !== draft.id;
      });
    const writable = drafts.filter((draft) => {
      const taken = takenBy(draft);
      if (taken) uniqueTaken(draft.row, taken);
      return !taken;
    });
    let written = writable;
    if (!run.dryRun && writable.length > 0) {
      const now = run.clock().toISOString();
      const { refused } = await run.repository.putNewCustomers(
        writable.map(({ externalId, customer, uniqueValues, id }) => ({
          ...customer,
          id,
          externalId,
          importId: run.importId,
          stats: emptyCustomerStats(),
          createdAt: now,
          updatedAt: now,
          createdBy: run.actorId,
          version: 1,
          uniqueValues,
        })),
      );
      // Another writer claimed a value between the read and the write.
      written = writable.filter((draft) => {
        const [value] = draft.uniqueValues;
        if (refused.has(draft.id) && value) uniqueTaken(draft.row, value);
        return !refused.has(draft.id);
      });
    }
    run.job.rowsWritten += written.length;
    run.job.customersCreated += written.length;
    batch = [];
    await saveProgress(run);
  };
  for await (const record of wellFormedRows(run, text, options.layout)) {
    const result = customerRow(record.row, record.values, columns, custom);
    if (!result.ok) {
      rejectRow(run, result.rejection);
      continue;
    }
    if (seen.has(result.value.externalId)) {
      rejectRow(run, { row: record.row, field: columns.externalId, reason: 'appears earlier in the file' });
      continue;
    }
    const repeated = result.value.uniqueValues.find((value) => seenUnique.has(uniqueValueHolderKey(value)));
    if (repeated) {
      rejectRow(run, {
        row: record.row,
        field: columnOf.get(repeated.key) ?? repeated.key,
        reason: 'appears earlier in the file',
      });
      continue;
    }
    seen.add(result.value.externalId);
    for (const value of result.value.uniqueValues) seenUnique.add(uniqueValueHolderKey(value));
    batch.push({ ...result.value, row: record.row });
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
}
