import {
  type CustomFieldDefinition,
  customFieldKeyOfMapping,
  DomainError,
  defaultImportColumns,
  type ImportJob,
  type ImportOptions,
  type ImportRejection,
  type Interaction,
} from '@crm/domain';
import { type ImportRepository, MAX_STORED_REJECTIONS, type TableClient } from '@crm/dynamodb';
import { readCsvRecords } from './csv-records.js';
import { type ColumnMapping, type CustomFieldColumn, columnsFor } from './import-rows.js';

/** A running import extends its lock (15 min) this often, so a long import is never overtaken. */
const LOCK_RENEW_MS = 60_000;

/** Rows written per batch; the job is saved (and the lock renewed when due) after each. */
export const BATCH_ROWS = 1000;

/** One import as it runs: its job (counted as it goes), its rejections, and what it writes with. */
export type ImportRun = {
  tenantId: string;
  actorId: string;
  importId: string;
  dryRun: boolean;
  job: ImportJob;
  rejected: ImportRejection[];
  /** The tenant-scoped table client. */
  client: TableClient;
  repository: ImportRepository;
  clock: () => Date;
  /** When this run last extended its tenant's import lock (ms since epoch). */
  lockRenewedAt: number;
  onProgress?: (job: ImportJob) => void;
  /**
   * Told each batch of interactions once it is written (not in a dry run): a caller that goes on
   * to use them (the demo seed hands its orders to the first fit) need not read them back.
   */
  onWritten?: (interactions: readonly Interaction[]) => void;
  /**
   * Told after each saved batch how many customers the run has created so far (not in a dry run,
   * only once it created one): the import begins the customer list's grow at the batch that
   * carries the tenant past its threshold (ImportService).
   */
  onCustomersCreated?: (created: number) => Promise<void>;
};

/** The `mapping` option (field → column name), checked; undefined when not given. */
export function parseColumnMapping(mapping: string | undefined): ColumnMapping | undefined {
  if (!mapping) return undefined;
  const invalid = () =>
    new DomainError('validation_failed', 'mapping must be a JSON object of field → column name', {
      fields: [{ path: 'mapping', message: 'must be a JSON object of strings' }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(mapping);
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  for (const value of Object.values(parsed)) if (typeof value !== 'string') throw invalid();
  return parsed as ColumnMapping;
}

/** Fields a row cannot do without: a file lacking their column would reject every row. */
const requiredFields = {
  customers: ['externalId'],
  transactions: ['externalId', 'date', 'amount'],
} as const;

/**
 * Refuses (400) before any row is read a mapping that cannot work with the file: a field that is
 * not one, a column the file does not have, or a required field whose column is missing. A field
 * mapped to '' is not in the file, which is fine.
 * `available` is the file's columns (importFileColumns); an empty list leaves the verdict to the
 * reader (an empty or malformed file is a 422 there).
 */
export function checkImportColumns(
  kind: ImportOptions['kind'],
  mapping: ColumnMapping | undefined,
  available: readonly string[],
): void {
  if (available.length === 0) return;
  const have = new Set(available);
  const known = new Set([
    ...Object.keys(defaultImportColumns.customers),
    ...Object.keys(defaultImportColumns.transactions),
  ]);
  const fields: { path: string; message: string }[] = [];
  for (const [field, column] of Object.entries(mapping ?? {})) {
    const customKey = customFieldKeyOfMapping(field);
    if (customKey !== undefined && kind !== 'customers')
      fields.push({ path: `mapping.${field}`, message: 'custom fields are imported from a customers file' });
    else if (customKey === undefined && !known.has(field))
      fields.push({ path: `mapping.${field}`, message: 'is not a field that can be imported' });
    // '' says "not in this file" (the SPA's wizard sends it for fields left unmapped).
    else if (column !== '' && !have.has(column))
      fields.push({ path: `mapping.${field}`, message: `the file has no column "${column}"` });
  }
  const columns = columnsFor(kind, mapping);
  for (const field of requiredFields[kind]) {
    const column = columns[field];
    if (mapping?.[field] === undefined && column !== undefined && !have.has(column)) {
      fields.push({
        path: `mapping.${field}`,
        message: `is required: the file has no column "${column}"; name the column that holds it`,
      });
    }
  }
  if (fields.length > 0) {
    throw new DomainError(
      'validation_failed',
      `The columns cannot be imported (the file has ${available.join(', ')}): ${fields
        .map((field) => `${field.path} ${field.message}`)
        .join('; ')}`,
      { fields },
    );
  }
}

/**
 * The custom fields the mapping fills (`customFields.<key>` → column), checked against the
 * tenant's definitions: a key that names no field, or an archived one (it takes no new values),
 * is refused (400) before any row is read. A field mapped to '' is not in the file.
 */
export function customFieldColumnsFor(
  mapping: ColumnMapping | undefined,
  definitions: readonly CustomFieldDefinition[],
): CustomFieldColumn[] {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const columns: CustomFieldColumn[] = [];
  const fields: { path: string; message: string }[] = [];
  for (const [field, column] of Object.entries(mapping ?? {})) {
    const key = customFieldKeyOfMapping(field);
    if (key === undefined || column === '') continue;
    const definition = byKey.get(key);
    if (!definition)
      fields.push({ path: `mapping.${field}`, message: `the tenant has no custom field "${key}"` });
    else if (definition.archived)
      fields.push({ path: `mapping.${field}`, message: `the custom field "${key}" is archived` });
    else columns.push({ definition, column });
  }
  if (fields.length > 0) {
    throw new DomainError(
      'validation_failed',
      `The custom fields cannot be imported: ${fields.map((field) => `${field.path} ${field.message}`).join('; ')}`,
      { fields },
    );
  }
  return columns;
}

/** Counts a rejected row; keeps its reason while there is room for it. */
export function rejectRow(run: ImportRun, rejection: ImportRejection): void {
  run.job.rowsRejected += 1;
  if (run.rejected.length < MAX_STORED_REJECTIONS) run.rejected.push(rejection);
}

/** The file's rows, each counted as read; a malformed one is rejected with its reason. */
export async function* wellFormedRows(run: ImportRun, text: string, layout: ImportOptions['layout']) {
  for await (const record of readCsvRecords(text, layout)) {
    run.job.rowsRead += 1;
    if ('error' in record) rejectRow(run, { row: record.row, reason: record.error });
    else yield record;
  }
}

/** Reports and saves the job's progress, and renews the tenant's import lock when due. */
export async function saveProgress(run: ImportRun): Promise<void> {
  run.onProgress?.(run.job);
  // A dry run stores no job, but holds the lock like any import (a long one must keep it).
  if (!run.dryRun) await run.repository.saveJob(run.job);
  if (!run.dryRun && run.job.customersCreated > 0) await run.onCustomersCreated?.(run.job.customersCreated);
  const now = run.clock();
  if (now.getTime() - run.lockRenewedAt >= LOCK_RENEW_MS) {
    await run.repository.lock(run.importId, now, { renew: true });
    run.lockRenewedAt = now.getTime();
  }
}

/**
 * A queued or running import is alive only while it holds the tenant's lock, which a running
 * import renews every minute. One that lost it (its process died, or its worker never came)
 * is shown as failed, so nobody waits for it; its rows are idempotent, so the file can simply
 * be imported again.
 */
export function importAsSeenAt(
  job: ImportJob,
  lock: { importId: string; expiresAt: number } | undefined,
  now: Date,
): ImportJob {
  if (job.status !== 'queued' && job.status !== 'running') return job;
  const alive = lock?.importId === job.id && lock.expiresAt * 1000 > now.getTime();
  if (alive) return job;
  return {
    ...job,
    status: 'failed',
    error: 'Interrupted: the import stopped before finishing; import the file again (nothing is duplicated)',
  };
}
