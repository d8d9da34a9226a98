/**
 * The nightly fan-out (issue 21): can 10,000 tenants get every nightly job (refit, credit, churn,
 * SLAs, service plans, care tasks) inside a 4-hour window, and with how many workers at once?
 *
 * Measured in this run: `runNightlyForTenant` — exactly what the AWS worker runs per message — for
 * a small and a medium tenant (the first 250 and 2,500 CDNOW customers, seeded as the demo tenant
 * is) against DynamoDB Local. A straight line through the two (fixed cost + cost per customer)
 * extrapolates every tenant by its customer count. 10,000 tenants get a log-normal size
 * distribution (median 300 customers, a long tail to 100,000, a fixed seed), and a simulation of
 * N workers taking one tenant each from the queue (list scheduling in dispatch order) gives the
 * night's length for each N. A tenant longer than the worker's 15-minute timeout is reported: it
 * would need a longer-running home (it never blocks others, but it cannot finish).
 */
import { readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { runNightlyForTenant } from '@crm/app/nightly';
import { createTableClient, sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark, BenchResult } from './harness.js';

const TENANTS = 10_000;
const WINDOW_HOURS = 4;
const WORKER_TIMEOUT_S = 900;
/** A cold start and the SQS poll per message: Lambda's own overhead beyond the jobs. */
const PER_MESSAGE_OVERHEAD_S = 0.5;
const CONCURRENCIES = [2, 5, 10, 20, 50, 100, 200];

/** The CDNOW master file cut to its first `customers` customers (ids run 1..23,570 in order). */
function cdnowSlice(master: string, customers: number): string {
  const lines = master.split('\n');
  const kept = lines.slice(1).filter((line) => {
    const id = Number(line.trim().split(/\s+/)[0]);
    return Number.isFinite(id) && id >= 1 && id <= customers;
  });
  return [lines[0], ...kept].join('\n');
}

/** mulberry32: a small deterministic generator, so every run simulates the same 10,000 tenants. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Customers per tenant: log-normal, median 300, σ 1.3 (most shops small, a few large), 10..100,000. */
export function tenantSizes(count: number, seed = 21): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const u = Math.max(next(), 1e-12);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    return Math.round(Math.min(100_000, Math.max(10, Math.exp(Math.log(300) + 1.3 * normal))));
  });
}

/** The night's length with `workers` taking one tenant each, in queue order, as soon as free. */
export function nightSeconds(durations: readonly number[], workers: number): number {
  const free = new Array<number>(workers).fill(0);
  for (const duration of durations) {
    let earliest = 0;
    for (let index = 1; index < free.length; index++) {
      if ((free[index] as number) < (free[earliest] as number)) earliest = index;
    }
    free[earliest] = (free[earliest] as number) + duration;
  }
  return Math.max(...free);
}

async function seedTenant(table: TableClient, master: string, customers: number, log: (m: string) => void) {
  const seeded = await seedDemoTenant({
    table,
    cdnowMaster: cdnowSlice(master, customers),
    hasher: createScryptHasher(),
    signingKey: inMemorySigningKey(),
    log,
    email: `nightly-${customers}-${Date.now()}@example.com`,
  });
  if (!seeded.tenantId) throw new Error(`no tenant seeded: ${seeded.summary}`);
  return seeded.tenantId;
}

async function measureNight(
  table: TableClient,
  tenantId: string,
  log?: (m: string) => void,
): Promise<number> {
  const started = performance.now();
  const outcome = await runNightlyForTenant({ table, tenantClient: sharedClientFactory(table) }, tenantId);
  if (outcome.failed.length > 0) throw new Error(`nightly jobs failed: ${JSON.stringify(outcome.failed)}`);
  log?.(
    `  by job: ${Object.entries(outcome.jobs)
      .map(([job, counts]) => `${job} ${((Number(counts.ms) || 0) / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
  return (performance.now() - started) / 1000;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'nightly-fanout',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, 'nightly-fanout').finally(() => control.destroy());
      const table = createTableClient({ tableName: 'nightly-fanout', endpoint });
      const master = readFileSync(cdnowMasterPath(), 'utf8');

      const small = { customers: 250, tenantId: await seedTenant(table, master, 250, log) };
      const medium = { customers: 2_500, tenantId: await seedTenant(table, master, 2_500, log) };
      // A first night warms the process (JIT, connections) as a warm Lambda would be; the second is measured.
      await measureNight(table, small.tenantId);
      const smallSeconds = await measureNight(table, small.tenantId, log);
      const mediumSeconds = await measureNight(table, medium.tenantId, log);
      const perCustomer = Math.max(0, (mediumSeconds - smallSeconds) / (medium.customers - small.customers));
      const fixed = Math.max(0, smallSeconds - perCustomer * small.customers);
      log(
        `one tenant's night: ${small.customers} customers ${smallSeconds.toFixed(2)} s, ${medium.customers} customers ${mediumSeconds.toFixed(2)} s → ${fixed.toFixed(2)} s + ${(perCustomer * 1000).toFixed(2)} ms per customer`,
      );

      const sizes = tenantSizes(TENANTS);
      const durations = sizes.map((customers) => fixed + perCustomer * customers + PER_MESSAGE_OVERHEAD_S);
      const total = durations.reduce((sum, seconds) => sum + seconds, 0);
      const longest = Math.max(...durations);
      const sorted = [...sizes].sort((a, b) => a - b);
      const overTimeout = durations.filter((seconds) => seconds > WORKER_TIMEOUT_S).length;
      log(
        `${TENANTS} tenants: median ${sorted[TENANTS / 2]} customers, p99 ${sorted[Math.floor(TENANTS * 0.99)]}, largest ${sorted[TENANTS - 1]}; ${(total / 3600).toFixed(1)} worker-hours, longest tenant ${longest.toFixed(0)} s`,
      );
      const nights = CONCURRENCIES.map((workers) => ({
        workers,
        hours: nightSeconds(durations, workers) / 3600,
      }));
      for (const night of nights) log(`N = ${night.workers}: the night takes ${night.hours.toFixed(2)} h`);
      const enough = nights.find((night) => night.hours <= WINDOW_HOURS);
      // Below this no N helps: the longest tenant alone is the night.
      const floorHours = longest / 3600;

      const results: BenchResult[] = [
        { name: 'one tenant’s night, 250 customers', value: smallSeconds, unit: 's' },
        { name: 'one tenant’s night, 2,500 customers', value: mediumSeconds, unit: 's' },
        { name: 'cost per customer (extrapolation slope)', value: perCustomer * 1000, unit: 'ms' },
        { name: `${TENANTS} tenants, total work`, value: total / 3600, unit: 'worker-h' },
        ...nights.map((night) => ({
          name: `night of ${TENANTS} tenants with N = ${night.workers} workers`,
          value: night.hours,
          unit: 'h',
          goal: `<= ${WINDOW_HOURS}`,
        })),
        {
          name: `tenants longer than the worker's ${WORKER_TIMEOUT_S} s timeout`,
          value: overTimeout,
          unit: 'tenants',
          notes: `longest tenant ${longest.toFixed(0)} s (${sorted[TENANTS - 1]} customers)`,
        },
        {
          name: `smallest N (of ${CONCURRENCIES.join(', ')}) inside ${WINDOW_HOURS} h`,
          value: enough?.workers ?? Number.NaN,
          unit: 'workers',
          notes: `the longest tenant alone takes ${floorHours.toFixed(2)} h; ${overTimeout} tenants exceed the worker's ${WORKER_TIMEOUT_S} s timeout`,
        },
      ];
      return results;
    },
  },
];
