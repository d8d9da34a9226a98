/** How far one kind of record has come: `done` of `total` (total unknown until the file is read). */
export type SeedCount = { done: number; total: number | null };

/**
 * Where the first-start seed is, as `GET /runtime.json` shows it (`seed`), so the SPA can say
 * "the demo is still being prepared" with a progress bar.
 *
 * - `idle`: nothing to seed (CRM_SEED=none, or seeded on an earlier start);
 * - `seeding`: writing the demo tenant (its login works from `tenantId` on);
 * - `fitting`: every customer and order is in; the analytics models are being fitted;
 * - `saving`: a first start seeded on a fast staging copy and is moving it into the data folder
 *   (requests wait a few seconds);
 * - `done` / `failed`.
 */
export type SeedStatus = 'idle' | 'seeding' | 'fitting' | 'saving' | 'done' | 'failed';

export type SeedProgress = {
  /** `CRM_SEED`: the seeder, or `none`. */
  name: string;
  status: SeedStatus;
  /** The demo tenant, once it exists (its owner can log in from then on). */
  tenantId?: string;
  customers: SeedCount;
  orders: SeedCount;
  contacts: SeedCount;
  /** Customers with fitted scores (known once the fit finished). */
  scored: SeedCount;
  /** 0–1: the share of the whole seed done (orders and customers weigh most). */
  fraction: number;
  startedAt?: string;
  finishedAt?: string;
  /** Milliseconds since the seed started (until it finished). */
  elapsedMs?: number;
  error?: string;
};

export type SeedProgressUpdate = Partial<Omit<SeedProgress, 'fraction' | 'elapsedMs'>>;

export type SeedProgressTracker = {
  update: (change: SeedProgressUpdate) => void;
  snapshot: () => SeedProgress;
};

/** Each step's share of a typical demo seed's time (measured on DynamoDB Local). */
const WEIGHTS = { orders: 0.45, customers: 0.25, contacts: 0.1, scored: 0.2 } as const;

function share(count: SeedCount): number {
  if (!count.total) return 0;
  return Math.min(1, count.done / count.total);
}

/**
 * Keeps the seed's progress for `/runtime.json`. Counts only move forward, so a late progress
 * report from one step never makes the bar jump back.
 *
 * @example
 * const progress = createSeedProgress('demo', () => new Date());
 * progress.update({ status: 'seeding', orders: { done: 10_000, total: 69_659 } });
 * progress.snapshot().fraction; // ≈ 0.06
 */
export function createSeedProgress(name: string, clock: () => Date = () => new Date()): SeedProgressTracker {
  const empty = (): SeedCount => ({ done: 0, total: null });
  let state: Omit<SeedProgress, 'fraction' | 'elapsedMs'> = {
    name,
    status: 'idle',
    customers: empty(),
    orders: empty(),
    contacts: empty(),
    scored: empty(),
  };
  const forward = (current: SeedCount, next: SeedCount | undefined): SeedCount =>
    next ? { done: Math.max(current.done, next.done), total: next.total ?? current.total } : current;
  return {
    update(change) {
      const startsNow = change.status === 'seeding' && !state.startedAt;
      const endsNow = (change.status === 'done' || change.status === 'failed') && !state.finishedAt;
      state = {
        ...state,
        ...change,
        customers: forward(state.customers, change.customers),
        orders: forward(state.orders, change.orders),
        contacts: forward(state.contacts, change.contacts),
        scored: forward(state.scored, change.scored),
        ...(startsNow ? { startedAt: clock().toISOString() } : {}),
        ...(endsNow ? { finishedAt: clock().toISOString() } : {}),
      };
    },
    snapshot() {
      const done = state.status === 'done';
      const fraction = done
        ? 1
        : state.status === 'idle'
          ? 0
          : WEIGHTS.orders * share(state.orders) +
            WEIGHTS.customers * share(state.customers) +
            WEIGHTS.contacts * share(state.contacts) +
            WEIGHTS.scored * share(state.scored);
      const end = state.finishedAt ? Date.parse(state.finishedAt) : clock().getTime();
      return {
        ...structuredClone(state),
        fraction: Math.round(fraction * 1000) / 1000,
        ...(state.startedAt ? { elapsedMs: end - Date.parse(state.startedAt) } : {}),
      };
    },
  };
}
