import { type ModelFit, newId } from '@crm/domain';
import {
  type BucketLimit,
  CustomerListLayoutRepository,
  customerShard,
  ModelRepository,
  SCORE_WRITE_UNITS_PER_CUSTOMER,
  type TableClient,
} from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { continueRefit } from '../../packages/app/src/analytics/refit-runner.js';
import { importCdnowMaster } from '../support/cdnow-import.js';
import { createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { testTableClient } from '../support/test-table.js';

const NOW = new Date('1998-07-01T00:00:00Z');
const clock = () => NOW;
const SHARDS = 4;
/** Small, so ~85 customers a shard take seconds: 25 customers a second a shard, a burst of 25. */
const BUDGET: BucketLimit = { capacity: 150, refillPerSecond: 150 };
/**
 * A write leaves when its timer fires; on a loaded machine a late timer can send it beside the next
 * one, so a window of sends may hold what the bucket allowed over this much longer (seconds).
 */
const TIMER_SLACK_S = 0.5;

/** One score write as sent: when, and the customers (by id) it updates. */
type SentWrite = { at: number; customers: string[] };

/** A client that records every score write it sends (transactions, and the one-by-one fallback). */
function recordingClient(options: { partitionLimited?: boolean } = {}): {
  client: TableClient;
  writes: SentWrite[];
} {
  const base = testTableClient();
  const client: TableClient = {
    ...base,
    ...(options.partitionLimited !== undefined ? { partitionLimited: options.partitionLimited } : {}),
  };
  const writes: SentWrite[] = [];
  const customerOf = (update: { Key?: { pk?: unknown }; UpdateExpression?: unknown } | undefined) =>
    update && String(update.UpdateExpression).startsWith('SET #scores')
      ? /#C#(.+)$/.exec(String(update.Key?.pk))?.[1]
      : undefined;
  base.doc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as {
        TransactItems?: { Update?: Parameters<typeof customerOf>[0] }[];
      } & Parameters<typeof customerOf>[0];
      // Told apart by their input (the inner command is named TransactWriteItems / UpdateItem).
      const customers = input.TransactItems
        ? input.TransactItems.map((item) => customerOf(item.Update))
        : [customerOf(input)];
      const scored = customers.filter((id): id is string => id !== undefined);
      if (scored.length > 0) writes.push({ at: performance.now(), customers: scored });
      return next(args);
    },
    { step: 'initialize', name: 'recordScoreWrites' },
  );
  return { client, writes };
}

/** Each list shard's score writes: when each left, and its write units as the pacer counts them. */
function perShard(writes: readonly SentWrite[]): Map<number, { at: number; units: number }[]> {
  const shards = new Map<number, { at: number; units: number }[]>();
  for (const write of writes) {
    const [first] = write.customers;
    if (!first) continue;
    const shard = customerShard(first, SHARDS);
    const list = shards.get(shard) ?? [];
    list.push({ at: write.at, units: write.customers.length * SCORE_WRITE_UNITS_PER_CUSTOMER });
    shards.set(shard, list);
  }
  return shards;
}

/** The most units sent within any `windowMs` (windows starting at a send). */
function busiestWindow(sends: readonly { at: number; units: number }[], windowMs: number): number {
  let busiest = 0;
  for (const start of sends) {
    const units = sends
      .filter((send) => send.at >= start.at && send.at < start.at + windowMs)
      .reduce((sum, send) => sum + send.units, 0);
    busiest = Math.max(busiest, units);
  }
  return busiest;
}

/**
 * The refit's score-write pacing (docs/scaling.md, "How the refit is held to its shards") at the
 * refit's level, on DynamoDB Local: given a budget, `continueRefit` holds each list shard's score
 * writes to it (a token bucket per shard, the shards at once); given none, on DynamoDB Local (no
 * partition limit) it does not pace; on a table with partition limits it paces by default.
 */
describe('the refit paces its score writes per list shard', () => {
  const app = createTestApp({ clock });
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app, 'Paced refit');
    // Four shards before any customer, so the import writes each one into its shard under 4.
    const layouts = new CustomerListLayoutRepository(testTableClient(), owner.tenantId);
    expect(await layouts.beginGrowth({ from: 1, to: SHARDS, now: NOW.toISOString() })).toBe(true);
    await layouts.finishGrowth({ to: SHARDS });
    await importCdnowMaster(app, owner, 1_200);
  }, 120_000);

  /** Claims a run as the service does, runs it whole through `client`, gives the claim back. */
  async function refit(client: TableClient, scoreWriteBudget?: BucketLimit): Promise<ModelFit> {
    const models = new ModelRepository(testTableClient(), owner.tenantId);
    const run: ModelFit = {
      id: newId(),
      status: 'running',
      trigger: 'schedule',
      startedAt: NOW.toISOString(),
    };
    const claim = await models.claimRefit(
      { fitId: run.id, startedAt: run.startedAt, trigger: run.trigger },
      NOW,
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(claim.claimed).toBe(true);
    await models.saveFit(run);
    try {
      const step = await continueRefit({
        client,
        tenantId: owner.tenantId,
        run,
        clock,
        ...(scoreWriteBudget ? { scoreWriteBudget } : {}),
      });
      expect(step.done).toBe(true);
      if (!step.done) throw new Error('the refit stopped short');
      expect(step.outcome.status).toBe('succeeded');
      return step.outcome.fit;
    } finally {
      await models.releaseRefit(run.id);
    }
  }

  it('holds each shard to an explicit budget, the shards at once', async () => {
    const { client, writes } = recordingClient();
    expect(client.partitionLimited).toBe(false);
    const fit = await refit(client, BUDGET);

    const shards = perShard(writes);
    expect(shards.size).toBe(SHARDS);
    let scored = 0;
    for (const write of writes) {
      // Each transaction updates one shard's customers only: a shard's budget names its writes.
      const inShards = new Set(write.customers.map((id) => customerShard(id, SHARDS)));
      expect(inShards.size).toBe(1);
      scored += write.customers.length;
    }
    expect(scored).toBe(fit.diagnostics?.customers);
    for (const [, sends] of shards) {
      const units = sends.reduce((sum, send) => sum + send.units, 0);
      expect(units).toBeGreaterThan(2 * BUDGET.capacity);
      // The bucket lets `capacity` go at once and then `refillPerSecond`: the last write cannot
      // leave before the units beyond the burst have trickled in (timers only ever fire late). A
      // send is stamped as it leaves, after its reservation: a first send that leaves late shortens
      // the span (CI saw 10 ms short of a 50 ms allowance), hence a quarter second of it.
      const first = sends[0]?.at ?? 0;
      const last = sends.at(-1)?.at ?? 0;
      expect(last - first).toBeGreaterThanOrEqual(
        ((units - BUDGET.capacity) / BUDGET.refillPerSecond) * 1000 - 250,
      );
      // No second carries more than the budget and its burst (give or take a late timer).
      expect(busiestWindow(sends, 1000)).toBeLessThanOrEqual(
        BUDGET.capacity + BUDGET.refillPerSecond * (1 + TIMER_SLACK_S),
      );
    }
    // The budget is each shard's, not the refit's: one bucket for the whole refit would have needed
    // at least (units − capacity) / refill seconds; the shards, each on its own, took less.
    const all = writes.map((write) => write.at);
    const units = scored * SCORE_WRITE_UNITS_PER_CUSTOMER;
    const seconds = (Math.max(...all) - Math.min(...all)) / 1000;
    expect(units - BUDGET.capacity).toBeGreaterThan(BUDGET.refillPerSecond * seconds);
  }, 120_000);

  it('does not pace on DynamoDB Local without a budget, and paces by default where partitions are limited', async () => {
    const local = recordingClient();
    const unpaced = await refit(local.client);
    // Unpaced, the transactions take the page's customers in order, whatever their shard; a paced
    // refit groups them by shard first (above, and below), so a mixed one shows no pacer was used.
    expect(
      local.writes.some((write) => new Set(write.customers.map((id) => customerShard(id, SHARDS))).size > 1),
    ).toBe(true);
    expect(local.writes.reduce((sum, write) => sum + write.customers.length, 0)).toBe(
      unpaced.diagnostics?.customers,
    );

    // The same local table seen as one with partition limits (as in AWS): paced by default, so
    // each transaction is one shard's.
    const limited = recordingClient({ partitionLimited: true });
    await refit(limited.client);
    expect(limited.writes.length).toBeGreaterThan(0);
    for (const write of limited.writes) {
      expect(new Set(write.customers.map((id) => customerShard(id, SHARDS))).size).toBe(1);
    }
  }, 120_000);
});
