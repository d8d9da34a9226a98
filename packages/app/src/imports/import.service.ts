import { createHash } from 'node:crypto';
import {
  applyInteraction,
  type Customer,
  type CustomerCreate,
  type CustomerStats,
  DomainError,
  deterministicUlid,
  emptyCustomerStats,
  type ImportJob,
  type ImportOptions,
  type ImportRejection,
  type Interaction,
  newId,
  type Tenant,
} from '@crm/domain';
import {
  CustomerRepository,
  ImportRepository,
  InteractionRepository,
  interactionItem,
  MAX_STORED_REJECTIONS,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import { readCsvRecords } from './csv-records.js';
import { type ImportQueue, importUploadKey } from './import-queue.js';
import {
  type ColumnMapping,
  columnsFor,
  customerRow,
  type TransactionRow,
  transactionRow,
} from './import-rows.js';

const BATCH_ROWS = 1000;
const STATS_CONCURRENCY = 16;
/** A running import extends its lock (15 min) this often, so a long import is never overtaken. */
const LOCK_RENEW_MS = 60_000;

export type ImportReport = ImportJob & { dryRun: boolean; rejected: ImportRejection[] };

type RunContext = {
  tenantId: string;
  actorId: string;
  importId: string;
  dryRun: boolean;
  job: ImportJob;
  rejected: ImportRejection[];
  repository: ImportRepository;
  /** When this run last extended its tenant's import lock (ms since epoch). */
  lockRenewedAt: number;
  onProgress?: (job: ImportJob) => void;
};

function parseMapping(mapping: string | undefined): ColumnMapping | undefined {
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

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

/**
 * Data migration (数据迁移): customers or transactions from a CSV (or the CDNOW layout), parsed as a
 * stream, validated row by row, written in batches. Re-running a file creates nothing twice:
 * customers are matched by their external id, and each transaction row gets an id derived from its
 * content, so writing it again overwrites itself.
 */
export class ImportService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  private readonly queue: ImportQueue | undefined;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; queue?: ImportQueue }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.queue = deps.queue;
  }

  /**
   * Imports the file now, or, with a queue (AWS) and not a dry run, accepts it: the job is stored
   * as `queued`, the file is uploaded and the worker is started, and the caller answers 202.
   */
  async run(input: {
    tenantId: string;
    actorId: string;
    options: ImportOptions;
    text: string;
    onProgress?: (job: ImportJob) => void;
  }): Promise<ImportReport> {
    const { tenantId, options } = input;
    parseMapping(options.mapping);
    const client = this.tenantClient(tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const dryRun = options.dryRun === 'true';
    const importId = newId();
    const now = this.clock();
    const job: ImportJob = {
      id: importId,
      kind: options.kind,
      layout: options.layout,
      status: this.queue && !dryRun ? 'queued' : 'running',
      rowsRead: 0,
      rowsWritten: 0,
      rowsUnchanged: 0,
      rowsRejected: 0,
      customersCreated: 0,
      fileHash: createHash('sha256').update(input.text).digest('hex'),
      startedAt: now.toISOString(),
      createdBy: input.actorId,
    };
    const repository = new ImportRepository(client, tenantId);
    if (!dryRun) {
      await repository.lock(importId, now);
      await repository.saveJob(job);
    }
    if (this.queue && !dryRun)
      return this.enqueue({ tenantId, actorId: input.actorId, options, text: input.text, job });
    return this.execute({ ...input, tenant, job, dryRun });
  }

  /** Uploads the file and starts the worker; if either fails, the job fails and the lock is freed. */
  private async enqueue(input: {
    tenantId: string;
    actorId: string;
    options: ImportOptions;
    text: string;
    job: ImportJob;
  }): Promise<ImportReport> {
    const queue = this.queue as ImportQueue;
    const { tenantId, job } = input;
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    try {
      await queue.uploads.put(importUploadKey(tenantId, job.id), {
        actorId: input.actorId,
        options: input.options,
        text: input.text,
      });
      await queue.dispatch({ tenantId, importId: job.id });
    } catch (error) {
      console.error('import could not be queued', error);
      const failed: ImportJob = {
        ...job,
        status: 'failed',
        error: 'The import could not be started; try again',
        finishedAt: this.clock().toISOString(),
      };
      await repository.saveJob(failed);
      await repository.unlock(job.id);
      throw new DomainError('unprocessable', failed.error as string, {
        details: { importId: job.id, job: failed },
      });
    }
    return { ...job, dryRun: false, rejected: [] };
  }

  /**
   * The worker's side of a queued import (AWS): runs the stored file under the job it was accepted
   * with. Idempotent: a job that is no longer `queued` (a redelivered invocation) is left alone.
   */
  async runQueued({
    tenantId,
    importId,
  }: {
    tenantId: string;
    importId: string;
  }): Promise<ImportReport | undefined> {
    const queue = this.queue;
    if (!queue) throw new Error('runQueued needs an import queue');
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const job = await repository.getJob(importId);
    if (job?.status !== 'queued') return undefined;
    const key = importUploadKey(tenantId, importId);
    const upload = await queue.uploads.get(key);
    if (!upload) {
      await repository.saveJob({
        ...job,
        status: 'failed',
        error: 'The uploaded file is gone',
        finishedAt: this.clock().toISOString(),
      });
      await repository.unlock(importId);
      return undefined;
    }
    try {
      const tenant = await new TenantRepository(this.tenantClient(tenantId)).get({ tenantId });
      if (!tenant) throw new DomainError('not_found', 'Tenant not found');
      return await this.execute({
        tenantId,
        tenant,
        actorId: upload.actorId,
        options: upload.options,
        text: upload.text,
        job: { ...job, status: 'running' },
        dryRun: false,
      });
    } catch (error) {
      // A failed import is recorded on its job; the worker must not be retried into a second run.
      if (error instanceof DomainError) return undefined;
      throw error;
    } finally {
      await queue.uploads.delete(key);
    }
  }

  /** Parses, validates and writes the file under `job`; records the outcome, frees the lock. */
  private async execute(input: {
    tenantId: string;
    tenant: Tenant;
    actorId: string;
    options: ImportOptions;
    text: string;
    job: ImportJob;
    dryRun: boolean;
    onProgress?: (job: ImportJob) => void;
  }): Promise<ImportReport> {
    const { tenantId, tenant, options, dryRun } = input;
    const mapping = parseMapping(options.mapping);
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const importId = input.job.id;
    const context: RunContext = {
      tenantId,
      actorId: input.actorId,
      importId,
      dryRun,
      repository,
      rejected: [],
      job: input.job,
      lockRenewedAt: Number.NEGATIVE_INFINITY,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    };
    try {
      // Saves the job as running and (re)takes the lock: a late-started worker keeps it, or fails
      // here if another import took it meanwhile.
      if (!dryRun) await this.progress(context);
      if (options.kind === 'customers') {
        await this.importCustomers(context, input.text, options, columnsFor('customers', mapping));
      } else {
        await this.importTransactions(
          context,
          input.text,
          options,
          columnsFor('transactions', mapping),
          columnsFor('customers', mapping),
          {
            currency: options.currency ?? tenant.settings.defaultCurrency,
            defaultCurrency: tenant.settings.defaultCurrency,
          },
        );
      }
      context.job.status = 'completed';
    } catch (error) {
      context.job.status = 'failed';
      context.job.error = error instanceof Error ? error.message : String(error);
      if (dryRun || !(error instanceof DomainError)) throw error;
    } finally {
      context.job.finishedAt = this.clock().toISOString();
      if (!dryRun) {
        await repository.saveRejections(importId, context.rejected);
        await repository.saveJob(context.job);
        await repository.unlock(importId);
      }
    }
    if (context.job.status === 'failed' && !dryRun) {
      throw new DomainError('unprocessable', context.job.error ?? 'Import failed', {
        details: { importId, job: context.job },
      });
    }
    return { ...context.job, dryRun, rejected: context.rejected.slice(0, MAX_STORED_REJECTIONS) };
  }

  /** The file's rows, each counted as read; a malformed one is rejected with its reason. */
  private async *wellFormedRows(context: RunContext, text: string, layout: ImportOptions['layout']) {
    for await (const record of readCsvRecords(text, layout)) {
      context.job.rowsRead += 1;
      if ('error' in record) this.rejectRow(context, { row: record.row, reason: record.error });
      else yield record;
    }
  }

  private rejectRow(context: RunContext, rejection: ImportRejection): void {
    context.job.rowsRejected += 1;
    if (context.rejected.length < MAX_STORED_REJECTIONS) context.rejected.push(rejection);
  }

  private async progress(context: RunContext): Promise<void> {
    context.onProgress?.(context.job);
    if (context.dryRun) return;
    await context.repository.saveJob(context.job);
    const now = this.clock();
    if (now.getTime() - context.lockRenewedAt >= LOCK_RENEW_MS) {
      await context.repository.lock(context.importId, now, { renew: true });
      context.lockRenewedAt = now.getTime();
    }
  }

  private async importCustomers(
    context: RunContext,
    text: string,
    options: ImportOptions,
    columns: ColumnMapping,
  ) {
    const seen = new Set<string>();
    let batch: {
      row: number;
      externalId: string;
      customer: ReturnType<typeof customerRow> & { ok: true };
    }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const known = await context.repository.resolveExternalIds(batch.map((entry) => entry.externalId));
      const fresh = batch.filter((entry) => !known.has(entry.externalId));
      context.job.rowsUnchanged += batch.length - fresh.length;
      if (!context.dryRun && fresh.length > 0) {
        const now = this.clock().toISOString();
        await context.repository.putNewCustomers(
          fresh.map(({ externalId, customer }) => ({
            ...customer.value.customer,
            id: newId(),
            externalId,
            importId: context.importId,
            stats: emptyCustomerStats(),
            createdAt: now,
            updatedAt: now,
            createdBy: context.actorId,
            version: 1,
          })),
        );
      }
      context.job.rowsWritten += fresh.length;
      context.job.customersCreated += fresh.length;
      batch = [];
      await this.progress(context);
    };
    for await (const record of this.wellFormedRows(context, text, options.layout)) {
      const result = customerRow(record.row, record.values, columns);
      if (!result.ok) {
        this.rejectRow(context, result.rejection);
        continue;
      }
      if (seen.has(result.value.externalId)) {
        this.rejectRow(context, {
          row: record.row,
          field: columns.externalId,
          reason: 'appears earlier in the file',
        });
        continue;
      }
      seen.add(result.value.externalId);
      batch.push({ row: record.row, externalId: result.value.externalId, customer: result });
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
  }

  private async importTransactions(
    context: RunContext,
    text: string,
    options: ImportOptions,
    columns: ColumnMapping,
    customerColumns: ColumnMapping,
    money: { currency: string; defaultCurrency: string },
  ) {
    const createMissing = options.createMissingCustomers === 'true';
    const profileColumnsPresent = (values: Record<string, string>) =>
      (customerColumns.name ?? 'name') in values;
    const profiles = new Map<string, CustomerCreate>();
    const customerIds = new Map<string, string>();
    const created = new Map<string, Customer & { externalId: string }>();
    const fileStats = new Map<string, CustomerStats>();
    const occurrences = new Map<string, number>();
    const now = this.clock().toISOString();
    let batch: { row: number; value: TransactionRow }[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const unknown = [...new Set(batch.map((entry) => entry.value.externalId))].filter(
        (id) => !customerIds.has(id),
      );
      if (unknown.length > 0) {
        for (const [externalId, customerId] of await context.repository.resolveExternalIds(unknown)) {
          customerIds.set(externalId, customerId);
        }
      }
      const items: Record<string, unknown>[] = [];
      for (const { row, value } of batch) {
        let customerId = customerIds.get(value.externalId);
        if (!customerId) {
          if (!createMissing) {
            this.rejectRow(context, {
              row,
              field: columns.externalId,
              reason: `no customer with id ${value.externalId}`,
            });
            continue;
          }
          customerId = newId();
          customerIds.set(value.externalId, customerId);
          created.set(customerId, {
            id: customerId,
            externalId: value.externalId,
            name: `Customer ${value.externalId}`,
            kind: 'consumer',
            tags: [],
            customFields: {},
            ...profiles.get(value.externalId),
            status: 'active',
            stats: emptyCustomerStats(),
            createdAt: now,
            updatedAt: now,
            createdBy: context.actorId,
            version: 1,
            importId: context.importId,
          });
        }
        const identity = [
          value.externalId,
          value.occurredAt,
          value.type,
          value.amount,
          value.currency,
          value.quantity ?? '',
        ].join('|');
        const occurrence = (occurrences.get(identity) ?? 0) + 1;
        occurrences.set(identity, occurrence);
        const seed = createHash('sha256')
          .update(`${context.tenantId}|${identity}|${occurrence}`)
          .digest('hex');
        const interaction: Interaction = {
          id: deterministicUlid(Date.parse(value.occurredAt), seed),
          customerId,
          type: value.type,
          occurredAt: value.occurredAt,
          amount: value.amount,
          currency: value.currency,
          ...(value.quantity !== undefined ? { quantity: value.quantity } : {}),
          source: `import:${context.importId}`,
          createdAt: now,
          createdBy: context.actorId,
          version: 1,
        };
        fileStats.set(
          customerId,
          applyInteraction(
            fileStats.get(customerId) ?? emptyCustomerStats(),
            interaction,
            money.defaultCurrency,
          ),
        );
        items.push(interactionItem(context.tenantId, interaction));
      }
      if (!context.dryRun) await context.repository.putItems(items);
      context.job.rowsWritten += items.length;
      batch = [];
      await this.progress(context);
    };

    for await (const record of this.wellFormedRows(context, text, options.layout)) {
      const result = transactionRow(record.row, record.values, columns, {
        currency: money.currency,
        shiftDays: options.shiftDays,
      });
      if (!result.ok) {
        this.rejectRow(context, result.rejection);
        continue;
      }
      // An order export often names its customers too: their first row gives a new customer's profile.
      if (createMissing && profileColumnsPresent(record.values) && !profiles.has(result.value.externalId)) {
        const profile = customerRow(record.row, record.values, customerColumns);
        if (!profile.ok) {
          this.rejectRow(context, profile.rejection);
          continue;
        }
        profiles.set(result.value.externalId, profile.value.customer);
      }
      batch.push({ row: record.row, value: result.value });
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    if (context.dryRun) return;

    // New customers are written once, with the figures of their whole history in this file.
    await context.repository.putNewCustomers(
      [...created.values()].map((customer) => ({
        ...customer,
        stats: fileStats.get(customer.id) ?? emptyCustomerStats(),
      })),
    );
    context.job.customersCreated = created.size;
    await this.progress(context);
    await this.settleExistingCustomers(
      context,
      [...fileStats.keys()].filter((id) => !created.has(id)),
      fileStats,
      money.defaultCurrency,
    );
  }

  /**
   * Existing customers' figures after the import. One with no earlier interaction gets exactly this
   * file's figures, written in guarded batches; any other (or one changed meanwhile) is recounted
   * from its whole timeline, which holds this file's rows exactly once however often it was imported.
   */
  private async settleExistingCustomers(
    context: RunContext,
    customerIds: string[],
    fileStats: Map<string, CustomerStats>,
    defaultCurrency: string,
  ): Promise<void> {
    const customers = new CustomerRepository(this.tenantClient(context.tenantId), context.tenantId);
    const recount: string[] = [];
    for (let start = 0; start < customerIds.length; start += 1000) {
      const found = await customers.batchGetWithStatsRevision({
        customerIds: customerIds.slice(start, start + 1000),
      });
      const fresh = found.filter(({ customer }) => customer.stats.interactionCount === 0);
      recount.push(
        ...found
          .filter(({ customer }) => customer.stats.interactionCount !== 0)
          .map(({ customer }) => customer.id),
      );
      const failed = await context.repository.setStatsMany(
        fresh.map(({ customer, statsRevision }) => ({
          customer,
          statsRevision,
          stats: fileStats.get(customer.id) ?? emptyCustomerStats(),
        })),
      );
      recount.push(...failed.map((customer) => customer.id));
    }
    await inParallel(recount, STATS_CONCURRENCY, (customerId) =>
      this.recountStats(context, customerId, defaultCurrency),
    );
  }

  private async recountStats(
    context: RunContext,
    customerId: string,
    defaultCurrency: string,
  ): Promise<void> {
    const client = this.tenantClient(context.tenantId);
    const customers = new CustomerRepository(client, context.tenantId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await customers.getWithStatsRevision({ customerId });
      if (!stored) return;
      const { customer, statsRevision: revision } = stored;
      const stats = (
        await new InteractionRepository(client, context.tenantId).listAll({ customerId })
      ).reduce(
        (sum, interaction) => applyInteraction(sum, interaction, defaultCurrency),
        emptyCustomerStats(),
      );
      if (await context.repository.setStats({ customer, revision, stats })) return;
    }
    throw new Error(`could not settle the figures of customer ${customerId}`);
  }

  async get({ tenantId, importId }: { tenantId: string; importId: string }) {
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const [job, lock] = await Promise.all([repository.getJob(importId), repository.currentLock()]);
    if (!job) throw new DomainError('not_found', 'Import not found');
    return { ...this.asSeenNow(job, lock), rejected: await repository.getRejections(importId) };
  }

  async list({ tenantId, limit }: { tenantId: string; limit: number }) {
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const [jobs, lock] = await Promise.all([repository.listJobs(limit), repository.currentLock()]);
    return jobs.map((job) => this.asSeenNow(job, lock));
  }

  /**
   * A queued or running import is alive only while it holds the tenant's lock, which a running
   * import renews every minute. One that lost it (its process died, or its worker never came)
   * is shown as failed, so nobody waits for it; its rows are idempotent, so the file can simply
   * be imported again.
   */
  private asSeenNow(job: ImportJob, lock: { importId: string; expiresAt: number } | undefined): ImportJob {
    if (job.status !== 'queued' && job.status !== 'running') return job;
    const alive = lock?.importId === job.id && lock.expiresAt * 1000 > this.clock().getTime();
    if (alive) return job;
    return {
      ...job,
      status: 'failed',
      error:
        'Interrupted: the import stopped before finishing; import the file again (nothing is duplicated)',
    };
  }
}
