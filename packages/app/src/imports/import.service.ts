import { createHash } from 'node:crypto';
import {
  customFieldKeyOfMapping,
  DomainError,
  type ImportJob,
  type ImportOptions,
  type ImportRejection,
  type Interaction,
  newId,
  type Tenant,
} from '@crm/domain';
import {
  CustomFieldRepository,
  ImportRepository,
  MAX_STORED_REJECTIONS,
  type TenantClientFactory,
  TenantRepository,
} from '@crm/dynamodb';
import {
  checkCustomerListGrowth,
  type GrowthStep,
  watchCustomerListGrowth,
} from '../customers/customer-list-growth.jobs.js';
import { importFileColumns } from './csv-records.js';
import { importCustomerRows } from './customer-rows.js';
import { type ImportQueue, importUploadKey } from './import-queue.js';
import { columnsFor } from './import-rows.js';
import {
  checkImportColumns,
  customFieldColumnsFor,
  type ImportRun,
  importAsSeenAt,
  parseColumnMapping,
  saveProgress,
} from './import-run.js';
import { importTransactionRows } from './transaction-rows.js';

export type ImportReport = ImportJob & { dryRun: boolean; rejected: ImportRejection[] };

/** How many of a tenant's latest imports a scheduled pass looks at (only one can be running). */
const STUCK_SCAN_LIMIT = 20;

/**
 * Data migration (数据迁移): customers or transactions from a CSV (or the CDNOW layout), parsed as a
 * stream, validated row by row, written in batches. Re-running a file creates nothing twice:
 * customers are matched by their external id, and each transaction row gets an id derived from its
 * content, so writing it again overwrites itself.
 *
 * This file is the job's lifecycle (accept, queue, run, record the outcome, free the lock);
 * import-run.ts the running job and its lock, customer-rows.ts and transaction-rows.ts the two
 * kinds of file, figure-recount.ts the existing customers' figures after a transactions import.
 */
export class ImportService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  private readonly queue: ImportQueue | undefined;
  private readonly growthSteps: readonly GrowthStep[] | undefined;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    queue?: ImportQueue;
    /** When the customer list grows shards. @default CUSTOMER_LIST_GROWTH_STEPS */
    growthSteps?: readonly GrowthStep[];
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.queue = deps.queue;
    this.growthSteps = deps.growthSteps;
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
    /** Told each batch of interactions once written (ImportRun.onWritten); not for a queued import. */
    onWritten?: (interactions: readonly Interaction[]) => void;
  }): Promise<ImportReport> {
    const { tenantId, options } = input;
    checkImportColumns(
      options.kind,
      parseColumnMapping(options.mapping),
      importFileColumns(input.text, options.layout),
    );
    const client = this.tenantClient(tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    await this.customFieldColumns(tenantId, options);
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
    // Dry runs parse and check the whole file too (100k rows: a minute of CPU and reads), so they
    // take the one-import-per-tenant lock as well: no burst of them runs beside a real import.
    await repository.lock(importId, now);
    if (!dryRun) await repository.saveJob(job);
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
    const key = importUploadKey(tenantId, importId);
    if (job?.status !== 'queued') {
      // Failed while it waited (marked stuck): its file will never be read.
      if (job?.status === 'failed') await queue.uploads.delete(key);
      return undefined;
    }
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
    onWritten?: (interactions: readonly Interaction[]) => void;
  }): Promise<ImportReport> {
    const { tenantId, tenant, options, dryRun } = input;
    const mapping = parseColumnMapping(options.mapping);
    const client = this.tenantClient(tenantId);
    const repository = new ImportRepository(client, tenantId);
    const importId = input.job.id;
    const run: ImportRun = {
      tenantId,
      actorId: input.actorId,
      importId,
      dryRun,
      client,
      repository,
      clock: this.clock,
      rejected: [],
      job: input.job,
      lockRenewedAt: Number.NEGATIVE_INFINITY,
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      ...(input.onWritten ? { onWritten: input.onWritten } : {}),
    };
    const growth = dryRun ? undefined : await this.watchGrowth(run);
    try {
      // Saves the job as running and (re)takes the lock: a late-started worker keeps it, or fails
      // here if another import took it meanwhile.
      if (!dryRun) await saveProgress(run);
      if (options.kind === 'customers') {
        // Read again when the rows are: a queued import runs under the definitions of its hour.
        await importCustomerRows(run, input.text, options, columnsFor('customers', mapping), {
          fields: await this.customFieldColumns(tenantId, options),
          currency: tenant.settings.defaultCurrency,
        });
      } else {
        await importTransactionRows(
          run,
          input.text,
          options,
          { transactions: columnsFor('transactions', mapping), customers: columnsFor('customers', mapping) },
          {
            currency: options.currency ?? tenant.settings.defaultCurrency,
            defaultCurrency: tenant.settings.defaultCurrency,
          },
        );
      }
      run.job.status = 'completed';
    } catch (error) {
      run.job.status = 'failed';
      run.job.error = error instanceof Error ? error.message : String(error);
      if (dryRun || !(error instanceof DomainError)) throw error;
    } finally {
      run.job.finishedAt = this.clock().toISOString();
      if (!dryRun) {
        await repository.saveRejections(importId, run.rejected);
        await repository.saveJob(run.job);
      }
      await repository.unlock(importId);
    }
    if (!dryRun && run.job.customersCreated > 0 && !growth?.began) await this.checkGrowth(tenantId);
    if (run.job.status === 'failed' && !dryRun) {
      throw new DomainError('unprocessable', run.job.error ?? 'Import failed', {
        details: { importId, job: run.job },
      });
    }
    return { ...run.job, dryRun, rejected: run.rejected.slice(0, MAX_STORED_REJECTIONS) };
  }

  /**
   * An import that carried the tenant past its customer list's next threshold begins the grow as
   * the nightly job would (docs/scaling.md, "Customer-list shards per tenant"), so the tenant's
   * next import already spreads over more shards; the night walks the customers. Run at the end
   * of an import whose crossing batch did not begin it (watchGrowth): that catches what others
   * created meanwhile, and a failed import's rows that landed. The import's outcome stands
   * whatever this does (the night checks again).
   */
  private async checkGrowth(tenantId: string): Promise<void> {
    try {
      await checkCustomerListGrowth(
        {
          tenantClient: this.tenantClient,
          clock: this.clock,
          ...(this.growthSteps ? { steps: this.growthSteps } : {}),
        },
        tenantId,
      );
    } catch (error) {
      console.error('import: the customer-list grow check failed (the nightly job checks again)', error);
    }
  }

  /**
   * Begins the customer list's grow at the batch that carries the tenant past its threshold, once
   * per import, from the count taken before the import wrote (no second count): without it, one
   * file taking a 1-shard tenant far past 50,000 would write all its list entries into one shard
   * (docs/scaling.md, "Customer-list shards per tenant"). `began` tells the end's check it has
   * nothing left to do. A count or begin that fails only costs this (the end checks again).
   */
  private async watchGrowth(run: ImportRun): Promise<{ began: boolean }> {
    const growth = { began: false };
    const deps = {
      tenantClient: this.tenantClient,
      clock: this.clock,
      ...(this.growthSteps ? { steps: this.growthSteps } : {}),
    };
    let watch: Awaited<ReturnType<typeof watchCustomerListGrowth>>;
    try {
      watch = await watchCustomerListGrowth(deps, run.tenantId);
    } catch (error) {
      console.error('import: the customer-list count failed (the grow is checked at the end)', error);
      return growth;
    }
    if (!watch) return growth;
    const { due, begin } = watch;
    let checked = false;
    run.onCustomersCreated = async (created) => {
      if (checked || !due(created)) return;
      checked = true;
      try {
        growth.began = (await begin()).began === true;
      } catch (error) {
        console.error('import: the customer-list grow check failed (the nightly job checks again)', error);
      }
    };
    return growth;
  }

  /** The custom fields a customers file fills, checked against the tenant's definitions (400). */
  private async customFieldColumns(tenantId: string, options: ImportOptions) {
    const mapping = parseColumnMapping(options.mapping);
    const mapsCustomFields = Object.keys(mapping ?? {}).some((field) => customFieldKeyOfMapping(field));
    if (options.kind !== 'customers' || !mapsCustomFields) return [];
    const definitions = await new CustomFieldRepository(this.tenantClient(tenantId), tenantId).list();
    return customFieldColumnsFor(mapping, definitions);
  }

  async get({ tenantId, importId }: { tenantId: string; importId: string }) {
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const [job, lock] = await Promise.all([repository.getJob(importId), repository.currentLock()]);
    if (!job) throw new DomainError('not_found', 'Import not found');
    const [seen] = await this.failStuck(repository, [job], lock);
    return { ...(seen as ImportJob), rejected: await repository.getRejections(importId) };
  }

  async list({ tenantId, limit }: { tenantId: string; limit: number }) {
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const [jobs, lock] = await Promise.all([repository.listJobs(limit), repository.currentLock()]);
    return this.failStuck(repository, jobs, lock);
  }

  /**
   * Marks the tenant's imports stuck in `queued` or `running` (their worker died or never came: the
   * lock is gone) as failed, for a scheduled pass; reads do the same for the jobs they show.
   * Answers the jobs it failed.
   */
  async failStuckJobs({ tenantId }: { tenantId: string }): Promise<ImportJob[]> {
    const repository = new ImportRepository(this.tenantClient(tenantId), tenantId);
    const [jobs, lock] = await Promise.all([repository.listJobs(STUCK_SCAN_LIMIT), repository.currentLock()]);
    const seen = await this.failStuck(repository, jobs, lock);
    return seen.filter((job, index) => job.status === 'failed' && jobs[index]?.status !== 'failed');
  }

  /**
   * The jobs as they stand now: one whose worker is gone is recorded as failed, once (the stored
   * change raises `import.failed` for the tenant's webhooks) and reported in the log.
   */
  private async failStuck(
    repository: ImportRepository,
    jobs: ImportJob[],
    lock: { importId: string; expiresAt: number } | undefined,
  ): Promise<ImportJob[]> {
    const now = this.clock();
    return Promise.all(
      jobs.map(async (job) => {
        const seen = importAsSeenAt(job, lock, now);
        if (seen.status === job.status) return job;
        const failed = { ...seen, finishedAt: now.toISOString() };
        if (await repository.markInterrupted(job, failed.error ?? 'Interrupted', now)) {
          console.warn(
            JSON.stringify({
              level: 'WARN',
              message: 'stuck import marked failed',
              importId: job.id,
              status: job.status,
              startedAt: job.startedAt,
            }),
          );
        }
        return failed;
      }),
    );
  }
}
