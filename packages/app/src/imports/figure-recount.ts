import { applyInteraction, type CustomerStats, emptyCustomerStats } from '@crm/domain';
import { CustomerRepository, InteractionRepository } from '@crm/dynamodb';
import pMap from 'p-map';
import pRetry from 'p-retry';
import type { ImportRun } from './import-run.js';

const STATS_CONCURRENCY = 16;
const BATCH_GET = 1000;

/**
 * Existing customers' figures after a transactions import. One with no earlier interaction gets
 * exactly this file's figures, written in guarded batches; any other (or one changed meanwhile) is
 * recounted from its whole timeline, which holds this file's rows exactly once however often it
 * was imported.
 */
export async function settleExistingCustomerFigures(
  run: ImportRun,
  customerIds: string[],
  fileStats: Map<string, CustomerStats>,
  defaultCurrency: string,
): Promise<void> {
  const customers = new CustomerRepository(run.client, run.tenantId);
  const recount: string[] = [];
  for (let start = 0; start < customerIds.length; start += BATCH_GET) {
    const found = await customers.batchGetWithStatsRevision({
      customerIds: customerIds.slice(start, start + BATCH_GET),
    });
    const fresh = found.filter(({ customer }) => customer.stats.interactionCount === 0);
    recount.push(
      ...found
        .filter(({ customer }) => customer.stats.interactionCount !== 0)
        .map(({ customer }) => customer.id),
    );
    const failed = await run.repository.setStatsMany(
      fresh.map(({ customer, statsRevision }) => ({
        customer,
        statsRevision,
        stats: fileStats.get(customer.id) ?? emptyCustomerStats(),
      })),
    );
    recount.push(...failed.map((customer) => customer.id));
  }
  await pMap(recount, (customerId) => recountCustomerFigures(run, customerId, defaultCurrency), {
    concurrency: STATS_CONCURRENCY,
  });
}

/**
 * A recount is a read-modify-write; interactions landing meanwhile add without reading and move
 * the figures revision, so it is the recount that reads again (never the interaction that waits).
 */
const RECOUNT_RETRY = { retries: 30, minTimeout: 10, factor: 1.5, maxTimeout: 500, randomize: true } as const;

class FiguresMovedError extends Error {
  constructor(customerId: string) {
    super(`the figures of customer ${customerId} moved during the recount`);
    this.name = 'FiguresMovedError';
  }
}

/** Recounts one customer's figures from its whole timeline; read again when they moved meanwhile. */
async function recountCustomerFigures(
  run: ImportRun,
  customerId: string,
  defaultCurrency: string,
): Promise<void> {
  const customers = new CustomerRepository(run.client, run.tenantId);
  const interactions = new InteractionRepository(run.client, run.tenantId);
  await pRetry(
    async () => {
      const stored = await customers.getWithStatsRevision({ customerId });
      if (!stored) return;
      const { customer, statsRevision: revision } = stored;
      const stats = (await interactions.listAll({ customerId })).reduce(
        (sum, interaction) => applyInteraction(sum, interaction, defaultCurrency),
        emptyCustomerStats(),
      );
      if (!(await run.repository.setStats({ customer, revision, stats }))) {
        throw new FiguresMovedError(customerId);
      }
    },
    { ...RECOUNT_RETRY, shouldRetry: ({ error }) => error instanceof FiguresMovedError },
  );
}
