import {
  CUSTOMER_LIST_LAYOUT_TTL_MS,
  CustomerListLayoutRepository,
  CustomerListReindexRepository,
  type CustomerListShardCount,
  CustomerRepository,
  type TenantClientFactory,
} from '@crm/dynamodb';

/**
 * When a tenant's customer list grows more shards: at 50,000 live customers from 1 to 4, at
 * 500,000 from 4 to 16. Why these (docs/scaling.md, "Customer-list shards per tenant"): each
 * shard is one partition of every list index, and a partition takes about 1,000 WCU/s; the
 * writes that grow with a tenant (the import of its book, the nightly rescoring of every
 * customer) are held to that per shard, so a tenant's whole book passes at ≥ 1,000 customers/s
 * per shard, ≤ 50 s at the threshold, while a smaller tenant's page stays one Query.
 */
export const CUSTOMER_LIST_GROWTH_STEPS: readonly GrowthStep[] = [
  { from: 1, to: 4, liveCustomers: 50_000 },
  { from: 4, to: 16, liveCustomers: 500_000 },
];

export type GrowthStep = {
  from: CustomerListShardCount;
  to: CustomerListShardCount;
  /** The grow begins once the tenant has this many live customers. */
  liveCustomers: number;
};

/**
 * How long after a grow began its walk waits before it moves a customer: many times the time a
 * process keeps a tenant's layout (CUSTOMER_LIST_LAYOUT_TTL_MS) and longer than any request, so
 * every reader has seen the new count before a customer sits where only the new count reads.
 */
export const CUSTOMER_LIST_GROWTH_GRACE_MS = Math.max(60_000, 12 * CUSTOMER_LIST_LAYOUT_TTL_MS);

/** The step a tenant of `shards` shards takes next, whatever its size; none at the last step. */
function nextStep(shards: CustomerListShardCount, steps: readonly GrowthStep[]): GrowthStep | undefined {
  return steps.find((step) => step.from === shards);
}

/**
 * The step a tenant of `shards` shards and `liveCustomers` live customers takes now, if any.
 *
 * @example
 * growthStepFor(1, 50_000) // { from: 1, to: 4, liveCustomers: 50_000 }
 */
export function growthStepFor(
  shards: CustomerListShardCount,
  liveCustomers: number,
  steps: readonly GrowthStep[] = CUSTOMER_LIST_GROWTH_STEPS,
): GrowthStep | undefined {
  const step = nextStep(shards, steps);
  return step && liveCustomers >= step.liveCustomers ? step : undefined;
}

export type CustomerListGrowthCounts = {
  shards: number;
  /** The grow under way (or just begun), if any. */
  growingTo?: number;
  began?: boolean;
  /** The walk waits for the grace period (the next run goes on). */
  waiting?: boolean;
  moved?: number;
  finished?: boolean;
};

type GrowthDeps = { tenantClient: TenantClientFactory; clock?: () => Date; steps?: readonly GrowthStep[] };

/** Begins `step`'s grow, only while the layout is still `step.from` with no grow under way. */
async function beginGrowth(
  deps: GrowthDeps,
  tenantId: string,
  step: GrowthStep,
): Promise<CustomerListGrowthCounts> {
  const clock = deps.clock ?? (() => new Date());
  const began = await new CustomerListLayoutRepository(deps.tenantClient(tenantId), tenantId).beginGrowth({
    from: step.from,
    to: step.to,
    now: clock().toISOString(),
  });
  return { shards: step.from, growingTo: step.to, began };
}

/** Begins the grow a tenant of `shards` shards is due for, if any (counting its live customers). */
async function beginGrowthIfDue(
  deps: GrowthDeps,
  tenantId: string,
  shards: CustomerListShardCount,
): Promise<CustomerListGrowthCounts> {
  const step = nextStep(shards, deps.steps ?? CUSTOMER_LIST_GROWTH_STEPS);
  if (!step) return { shards };
  const live = await new CustomerRepository(deps.tenantClient(tenantId), tenantId).countLive({
    atLeast: step.liveCustomers,
  });
  if (live < step.liveCustomers) return { shards };
  return beginGrowth(deps, tenantId, step);
}

/**
 * The first half of the nightly grow, for whatever just added many customers (an import at its
 * end, unless its crossing batch began the grow: watchCustomerListGrowth): begins the grow the
 * tenant is due for, as the night would, so its next writes already spread over the new count
 * instead of waiting for the night. Never walks: a grow already under way is
 * left to the nightly job (its walk is long and resumable; the caller is not).
 */
export async function checkCustomerListGrowth(
  deps: GrowthDeps,
  tenantId: string,
): Promise<CustomerListGrowthCounts> {
  const layout = await new CustomerListLayoutRepository(deps.tenantClient(tenantId), tenantId).get();
  if (layout.growth)
    return { shards: layout.shards, growingTo: layout.growth.to, moved: layout.growth.moved };
  return beginGrowthIfDue(deps, tenantId, layout.shards);
}

/**
 * Tells a run that creates customers batch by batch (an import) at which batch it carries the
 * tenant past its next step, so it can begin the grow there instead of writing the rest of a big
 * file into too few shards. Counts the tenant's live customers once, before the run writes (up to
 * the threshold: the same bounded count the night makes); `due(created)` then answers whether
 * those plus the run's `created` reach it, without reading, and `begin()` begins the grow on that
 * answer, without counting again (it only begins while the layout is still the one counted for).
 * Undefined when no grow can come: one is already under way (writes use its count) or the tenant
 * is at the last step.
 */
export async function watchCustomerListGrowth(
  deps: GrowthDeps,
  tenantId: string,
): Promise<
  | {
      step: GrowthStep;
      live: number;
      due: (created: number) => boolean;
      begin: () => Promise<CustomerListGrowthCounts>;
    }
  | undefined
> {
  const client = deps.tenantClient(tenantId);
  const layout = await new CustomerListLayoutRepository(client, tenantId).get();
  if (layout.growth) return undefined;
  const step = nextStep(layout.shards, deps.steps ?? CUSTOMER_LIST_GROWTH_STEPS);
  if (!step) return undefined;
  const live = await new CustomerRepository(client, tenantId).countLive({ atLeast: step.liveCustomers });
  return {
    step,
    live,
    due: (created) => live + created >= step.liveCustomers,
    begin: () => beginGrowth(deps, tenantId, step),
  };
}

/**
 * The background re-index of a tenant's customer list, one piece of the night: begins a grow when
 * the tenant passed its step's threshold, then (from the next run after the grace period) walks
 * the old layout's partitions page by page, moving customers, saving its position after every page
 * on the layout item, while `more()` says there is time; ends the grow when the walk is done.
 * Resumable anywhere: a run cut short goes on from the saved position. Answers `next` while the
 * walk has more to do (the nightly worker then continues in another invocation).
 */
export async function growCustomerList(
  deps: GrowthDeps & { pageSize?: number },
  tenantId: string,
  chunk: { more: () => boolean } = { more: () => true },
): Promise<{ counts: CustomerListGrowthCounts; next?: string }> {
  const clock = deps.clock ?? (() => new Date());
  const client = deps.tenantClient(tenantId);
  const layouts = new CustomerListLayoutRepository(client, tenantId);
  const layout = await layouts.get();
  const growth = layout.growth;
  if (!growth) return { counts: await beginGrowthIfDue(deps, tenantId, layout.shards) };
  const counts: CustomerListGrowthCounts = {
    shards: layout.shards,
    growingTo: growth.to,
    moved: growth.moved,
  };
  if (clock().getTime() - Date.parse(growth.since) < CUSTOMER_LIST_GROWTH_GRACE_MS) {
    return { counts: { ...counts, waiting: true } };
  }
  const reindex = new CustomerListReindexRepository(client, tenantId);
  let position = growth.position;
  let moved = growth.moved;
  do {
    const page = await reindex.movePage({
      from: layout.shards,
      to: growth.to,
      position,
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
    });
    moved += page.moved;
    if (!page.next) {
      await layouts.finishGrowth({ to: growth.to });
      return { counts: { ...counts, shards: growth.to, moved, finished: true } };
    }
    position = page.next;
    await layouts.saveGrowthProgress({ to: growth.to, position: page.next, moved });
  } while (chunk.more());
  return { counts: { ...counts, moved }, next: JSON.stringify(position) };
}
