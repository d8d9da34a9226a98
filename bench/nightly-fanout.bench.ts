/**
 * The nightly fan-out (issue 21): can 10,000 tenants get every nightly job (refit, credit, churn,
 * SLAs, service plans, care tasks) inside a 4-hour window, and with how many workers at once?
 *
 * Measured in this run: `runNightlyForTenant` — exactly what the AWS worker runs per message — for
 * a small and a medium tenant (the first 250 and 2,500 CDNOW customers, seeded as the demo tenant
 * is) against DynamoDB Local. A straight line through the two (fixed cost + cost per customer)
 * extrapolates every tenant by its customer count. 10,000 tenants get a log-normal size
 * distribution (median 300 customers, a long tail to 100,000, a fixed seed), and a simulation of
 * N workers taking one message each from the queue gives the night's length for each N.
 *
 * A tenant's night is resumable (nightly-fanout.ts): the worker starts a piece (a job, a page of
 * the churn review, a page of the refit's reads or score writes, the refit's fit) only while 10
 * minutes of its 15 remain, and sends the rest back on the queue as a continuation. The simulation
 * does the same: each message works in fine pieces up to 5 minutes into the invocation, except the
 * refit's fit, one piece that runs whole once started; the rest goes to the back of the queue.
 * Only a tenant whose fit alone would run past the 15 minutes cannot finish; it is reported.
 */
import { readFileSync } from 'node:fs';
import { seededRandom } from '@crm/analytics';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { runNightlyForTenant } from '@crm/app/nightly';
import { createTableClient, ModelRepository, sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark, BenchResult } from './harness.js';

const TENANTS = 10_000;
const WINDOW_HOURS = 4;
const WORKER_TIMEOUT_S = 900;
/** A cold start and the SQS poll per message: Lambda's own overhead beyond the jobs. */
const PER_MESSAGE_OVERHEAD_S = 0.5;
const CONCURRENCIES = [2, 5, 10, 20, 50, 100, 200];
/** NIGHTLY_PIECE_RESERVE_MS: no piece starts with less than this left of the worker's timeout. */
const PIECE_RESERVE_S = 600;

/** The CDNOW master file cut to its first `customers` customers (ids run 1..23,570 in order). */
function cdnowSlice(master: string, customers: number): string {
  const lines = master.split('\n');
  const kept = lines.slice(1).filter((line) => {
    const id = Number(line.trim().split(/\s+/)[0]);
    return Number.isFinite(id) && id >= 1 && id <= customers;
  });
  return [lines[0], ...kept].join('\n');
}

/** Customers per tenant: log-normal, median 300, σ 1.3 (most shops small, a few large), 10..100,000. */
export function tenantSizes(count: number, seed = 21): number[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const u = Math.max(next(), 1e-12);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    return Math.round(Math.min(100_000, Math.max(10, Math.exp(Math.log(300) + 1.3 * normal))));
  });
}

/**
 * One tenant's night, split as the worker splits it: the refit's reads (pages), its fit (one piece)
 * and the rest (the refit's score pages and the other jobs, in pages or jobs: fine-grained).
 */
export type TenantWork = { read: number; fit: number; rest: number };

/**
 * The night's length when `workers` take messages from the queue as soon as they are free, each
 * message being (the rest of) one tenant's night: reads, then the fit, then the rest, in pieces
 * until `budget` seconds into the invocation (the fit, once started, runs whole); what is left goes
 * to the back of the queue, ready when the invocation ends. Answers the night and the messages it
 * took; a tenant whose fit would run past `timeout` holds its worker for the timeout and is counted
 * in `unfinished`.
 */
export function nightWithContinuations(
  tenants: readonly TenantWork[],
  workers: number,
  options: { budget: number; timeout: number; overhead: number },
): { seconds: number; messages: number; unfinished: number } {
  type Message = TenantWork & { readyAt: number };
  const queue: Message[] = tenants.map((work) => ({ readyAt: 0, ...work }));
  const free = new Array<number>(workers).fill(0);
  let head = 0;
  let messages = 0;
  let unfinished = 0;
  let end = 0;
  while (head < queue.length) {
    let worker = 0;
    for (let index = 1; index < free.length; index++) {
      if ((free[index] as number) < (free[worker] as number)) worker = index;
    }
    const message = queue[head++] as Message;
    const start = Math.max(free[worker] as number, message.readyAt);
    messages++;
    let elapsed = options.overhead;
    let { read, fit, rest } = message;
    const takeRead = Math.min(read, Math.max(0, options.budget - elapsed));
    read -= takeRead;
    elapsed += takeRead;
    if (read <= 1e-9 && fit > 0 && elapsed < options.budget) {
      if (elapsed + fit > options.timeout) {
        unfinished++;
        elapsed = options.timeout;
        fit = 0;
        rest = 0;
      } else {
        elapsed += fit;
        fit = 0;
      }
    }
    if (read <= 1e-9 && fit <= 0 && elapsed < options.budget) {
      const taken = Math.min(rest, options.budget - elapsed);
      elapsed += taken;
      rest -= taken;
    }
    const done = start + elapsed;
    free[worker] = done;
    end = Math.max(end, done);
    if (read > 1e-9 || fit > 0 || rest > 1e-9) {
      // A continuation: behind every message already waiting that was ready earlier.
      let at = queue.length;
      while (at > head && (queue[at - 1] as Message).readyAt > done) at--;
      queue.splice(at, 0, { readyAt: done, read, fit, rest });
    }
  }
  return { seconds: end, messages, unfinished };
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
): Promise<{ total: number; refit: number; read: number; fit: number }> {
  const started = performance.now();
  const outcome = await runNightlyForTenant({ table, tenantClient: sharedClientFactory(table) }, tenantId);
  if (outcome.failed.length > 0) throw new Error(`nightly jobs failed: ${JSON.stringify(outcome.failed)}`);
  log?.(
    `  by job: ${Object.entries(outcome.jobs)
      .map(([job, counts]) => `${job} ${((Number(counts.ms) || 0) / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
  const refitMs = Number(outcome.jobs.refit?.ms) || 0;
  // The refit's own split (its stored diagnostics): reads in pages, the fit in one piece.
  const latest = await new ModelRepository(table, tenantId).latest();
  const read = (latest?.diagnostics?.readMs ?? 0) / 1000;
  const fit = (latest?.diagnostics?.fitMs ?? 0) / 1000;
  return { total: (performance.now() - started) / 1000, refit: refitMs / 1000, read, fit };
}

/** A straight line through two measurements: fixed seconds plus seconds per customer. */
function line(small: { customers: number; seconds: number }, medium: { customers: number; seconds: number }) {
  const perCustomer = Math.max(0, (medium.seconds - small.seconds) / (medium.customers - small.customers));
  return { perCustomer, fixed: Math.max(0, small.seconds - perCustomer * small.customers) };
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
      const smallNight = await measureNight(table, small.tenantId, log);
      const mediumNight = await measureNight(table, medium.tenantId, log);
      const smallSeconds = smallNight.total;
      const mediumSeconds = mediumNight.total;
      const { perCustomer, fixed } = line(
        { customers: small.customers, seconds: smallSeconds },
        { customers: medium.customers, seconds: mediumSeconds },
      );
      const refitLine = line(
        { customers: small.customers, seconds: smallNight.refit },
        { customers: medium.customers, seconds: mediumNight.refit },
      );
      log(
        `one tenant's night: ${small.customers} customers ${smallSeconds.toFixed(2)} s, ${medium.customers} customers ${mediumSeconds.toFixed(2)} s → ${fixed.toFixed(2)} s + ${(perCustomer * 1000).toFixed(2)} ms per customer (refit ${refitLine.fixed.toFixed(2)} s + ${(refitLine.perCustomer * 1000).toFixed(2)} ms)`,
      );

      const readLine = line(
        { customers: small.customers, seconds: smallNight.read },
        { customers: medium.customers, seconds: mediumNight.read },
      );
      const fitLine = line(
        { customers: small.customers, seconds: smallNight.fit },
        { customers: medium.customers, seconds: mediumNight.fit },
      );
      const sizes = tenantSizes(TENANTS);
      const work = sizes.map((customers) => {
        const total = fixed + perCustomer * customers;
        const refit = Math.min(total, refitLine.fixed + refitLine.perCustomer * customers);
        const read = Math.min(refit, readLine.fixed + readLine.perCustomer * customers);
        const fit = Math.min(refit - read, fitLine.fixed + fitLine.perCustomer * customers);
        return { read, fit, rest: total - read - fit };
      });
      const durations = work.map((tenant) => tenant.read + tenant.fit + tenant.rest + PER_MESSAGE_OVERHEAD_S);
      const total = durations.reduce((sum, seconds) => sum + seconds, 0);
      const longest = Math.max(...durations);
      const sorted = [...sizes].sort((a, b) => a - b);
      const overTimeout = durations.filter((seconds) => seconds > WORKER_TIMEOUT_S).length;
      log(
        `${TENANTS} tenants: median ${sorted[TENANTS / 2]} customers, p99 ${sorted[Math.floor(TENANTS * 0.99)]}, largest ${sorted[TENANTS - 1]}; ${(total / 3600).toFixed(1)} worker-hours, longest tenant ${longest.toFixed(0)} s`,
      );
      const pieces = {
        budget: WORKER_TIMEOUT_S - PIECE_RESERVE_S,
        timeout: WORKER_TIMEOUT_S,
        overhead: PER_MESSAGE_OVERHEAD_S,
      };
      const nights = CONCURRENCIES.map((workers) => {
        const night = nightWithContinuations(work, workers, pieces);
        return {
          workers,
          hours: night.seconds / 3600,
          messages: night.messages,
          unfinished: night.unfinished,
        };
      });
      for (const night of nights) {
        log(`N = ${night.workers}: the night takes ${night.hours.toFixed(2)} h (${night.messages} messages)`);
      }
      const enough = nights.find((night) => night.hours <= WINDOW_HOURS);
      const unfinished = nights[0]?.unfinished ?? 0;
      const longestFit = Math.max(...work.map((tenant) => tenant.fit));
      // The fit cannot stop half-way: the largest fit is the longest piece of the night.
      const floorHours = longestFit / 3600;

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
          name: `tenants whose whole night is longer than the worker's ${WORKER_TIMEOUT_S} s timeout (continued in further messages)`,
          value: overTimeout,
          unit: 'tenants',
          notes: `longest tenant ${longest.toFixed(0)} s (${sorted[TENANTS - 1]} customers)`,
        },
        {
          name: `tenants whose fit piece would run past the ${WORKER_TIMEOUT_S} s timeout (cannot finish)`,
          value: unfinished,
          unit: 'tenants',
          notes: `longest fit piece ${longestFit.toFixed(0)} s (the refit's reads and score writes are pages)`,
        },
        {
          name: `smallest N (of ${CONCURRENCIES.join(', ')}) inside ${WINDOW_HOURS} h`,
          value: enough?.workers ?? Number.NaN,
          unit: 'workers',
          notes: `the longest fit piece takes ${floorHours.toFixed(3)} h; ${overTimeout} tenants take more than one message`,
        },
      ];
      return results;
    },
  },
];
