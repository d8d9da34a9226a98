import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startDynamoDbLocal } from '@crm/local';
import {
  type ApiCall,
  createCustomer,
  signInAgain,
  signUpOwner,
  type TenantOwner,
} from '../tests/reliability/scenarios/api.js';
import { type BenchContext, type BenchResult, quantile } from './harness.js';
import { failOnViolations, startReliabilityHost } from './reliability-host.js';

/**
 * Issue 16's soak: mixed traffic at half the measured capacity on loopback, bounded and
 * self-stopping (`SOAK_MINUTES`, default 3; the issue's 30 with SOAK_MINUTES=30), reporting p99,
 * the Node heap (after a GC) and DynamoDB Local's JVM RSS per window (`SOAK_WINDOW_SECONDS`,
 * default 30). Fails on any error, on p99 drifting more than 20 % from the first windows to the
 * last, or on memory growing steadily.
 */

const CAPACITY_CONCURRENCY = 16;
const MAX_IN_FLIGHT = 256;
const SESSION_RENEWAL_MS = 10 * 60_000;

type Operation = 'create' | 'read' | 'list' | 'edit' | 'order';
/** The mix, by weight: a CRM's day is mostly reads. */
const MIX: readonly Operation[] = [
  ...Array<Operation>(2).fill('create'),
  ...Array<Operation>(3).fill('read'),
  ...Array<Operation>(2).fill('list'),
  ...Array<Operation>(2).fill('edit'),
  ...Array<Operation>(1).fill('order'),
];

type Pool = { customers: { id: string; version: number }[]; next: number };

/** One request of the mix; throws on any answer the product should not give. */
async function perform(api: ApiCall, owner: TenantOwner, pool: Pool, operation: Operation): Promise<void> {
  const pick = () =>
    pool.customers[Math.floor(Math.random() * pool.customers.length)] as { id: string; version: number };
  const expect = (what: string, status: number, wanted: number[]) => {
    if (!wanted.includes(status)) throw new Error(`${what} answered ${status}`);
  };
  if (operation === 'create') {
    const customer = await createCustomer(api, owner, `Soak ${pool.next++}`);
    // A bounded pool: the soak's working set stays the same size however long it runs.
    if (pool.customers.length < 500) pool.customers.push(customer);
    else pool.customers[pool.next % 500] = customer;
  } else if (operation === 'read') {
    expect('read', (await api('GET', `/v1/customers/${pick().id}`, { auth: owner.auth })).status, [200]);
  } else if (operation === 'list') {
    expect('list', (await api('GET', '/v1/customers?limit=50', { auth: owner.auth })).status, [200]);
  } else if (operation === 'edit') {
    const customer = pick();
    const answer = await api('PATCH', `/v1/customers/${customer.id}`, {
      auth: owner.auth,
      headers: { 'If-Match': String(customer.version) },
      body: { tags: [`soak-${pool.next % 7}`] },
    });
    // Two edits of one pooled customer may cross: the loser's 409 is the product working.
    expect('edit', answer.status, [200, 409]);
    const details = (answer.body.error as { details?: { current?: { version?: number } } } | undefined)
      ?.details;
    customer.version =
      (answer.body.version as number | undefined) ?? details?.current?.version ?? customer.version;
  } else {
    const answer = await api('POST', `/v1/customers/${pick().id}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount: 1_000, currency: 'CNY', occurredAt: new Date().toISOString() },
    });
    expect('order', answer.status, [201]);
  }
}

function jvmRssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The heap after a full collection: garbage not yet collected is not growth. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  return process.memoryUsage().heapUsed;
}

const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** True when `values` rise step after step (80 % of steps or more) by over 20 % in all. */
export function growsSteadily(values: readonly number[]): boolean {
  if (values.length < 4) return false;
  let rising = 0;
  for (let index = 1; index < values.length; index++)
    if ((values[index] as number) > (values[index - 1] as number)) rising += 1;
  const growth = (values.at(-1) as number) / (values[0] as number) - 1;
  return rising / (values.length - 1) >= 0.8 && growth > 0.2;
}

export async function startSoak({ log }: BenchContext): Promise<BenchResult[]> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 3);
  const windowMs = Number(process.env.SOAK_WINDOW_SECONDS ?? 30) * 1000;
  const capacitySeconds = Number(process.env.SOAK_CAPACITY_SECONDS ?? 20);
  // A server of its own: its JVM's memory is one of the things watched. Its data lives in a file
  // (in memory-backed /dev/shm where there is one, so writes do not wait on disk syncs), not in
  // the JVM: in memory, the customers and orders the soak writes would grow the JVM's RSS by
  // what they hold (≈ 160 MB in 15 minutes), which says nothing about a leak.
  const dataParent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dbPath = mkdtempSync(join(dataParent, 'crm-soak-'));
  const dynamodb = await startDynamoDbLocal({ dbPath });
  const host = await startReliabilityHost({ endpoint: dynamodb.endpoint, tableName: 'bench-soak' });
  let renewal: ReturnType<typeof setInterval> | undefined;
  try {
    const owner = await signUpOwner(host.api, 'Soak');
    // Access tokens live 15 minutes: sign in again every 10, as a user's app refreshes its session
    // (without it every request after the 15th minute answered 401).
    renewal = setInterval(() => {
      signInAgain(host.api, owner).then(
        (renewed) => {
          owner.auth = renewed.auth;
        },
        (error: Error) => log(`sign-in again failed: ${error.message}`),
      );
    }, SESSION_RENEWAL_MS);
    const pool: Pool = { customers: [], next: 0 };
    for (let index = 0; index < 50; index++)
      pool.customers.push(await createCustomer(host.api, owner, `Seed ${index}`));
    let turn = 0;
    const nextOperation = () => MIX[turn++ % MIX.length] as Operation;

    // Capacity: closed loop, 16 clients, as fast as the product answers.
    let done = 0;
    const capacityEnds = performance.now() + capacitySeconds * 1000;
    await Promise.all(
      Array.from({ length: CAPACITY_CONCURRENCY }, async () => {
        while (performance.now() < capacityEnds) {
          await perform(host.api, owner, pool, nextOperation());
          done += 1;
        }
      }),
    );
    const capacity = done / capacitySeconds;
    const rate = capacity / 2;
    log(`capacity ${capacity.toFixed(0)} req/s; soaking at ${rate.toFixed(0)} req/s for ${minutes} min`);

    // Soak: open loop at half the capacity, so latency is measured, not the queue we would build.
    const windows: { p99: number; count: number; heap: number; rss: number }[] = [];
    const errors: string[] = [];
    let latencies: number[] = [];
    let inFlight = 0;
    const running = new Set<Promise<void>>();
    const started = performance.now();
    const ends = started + minutes * 60_000;
    let windowEnds = started + windowMs;
    for (let sent = 0; ; sent++) {
      const due = started + (sent * 1000) / rate;
      if (due >= ends) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() >= windowEnds) {
        const sorted = [...latencies].sort((a, b) => a - b);
        windows.push({
          p99: quantile(sorted, 0.99),
          count: sorted.length,
          heap: heapAfterGc(),
          rss: jvmRssBytes(dynamodb.pid),
        });
        const last = windows.at(-1) as (typeof windows)[number];
        log(
          `window ${windows.length}: ${last.count} requests, p99 ${last.p99.toFixed(1)} ms, heap ${(last.heap / 2 ** 20).toFixed(0)} MB, JVM RSS ${(last.rss / 2 ** 20).toFixed(0)} MB`,
        );
        latencies = [];
        windowEnds += windowMs;
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        errors.push('overload: more than 256 requests in flight at half the measured capacity');
        continue;
      }
      inFlight += 1;
      const began = performance.now();
      const request = perform(host.api, owner, pool, nextOperation())
        .then(() => {
          latencies.push(performance.now() - began);
        })
        .catch((error: Error) => {
          errors.push(error.message);
        })
        .finally(() => {
          inFlight -= 1;
          running.delete(request);
        });
      running.add(request);
    }
    await Promise.all([...running]);

    // The first window warms up (JIT, the JVM's heap); judge the rest.
    const judged = windows.slice(1);
    const third = Math.max(1, Math.floor(judged.length / 3));
    const early = median(judged.slice(0, third).map((window) => window.p99));
    const late = median(judged.slice(-third).map((window) => window.p99));
    const drift = late / early - 1;
    const violations = [
      ...[...new Set(errors)].map((error) => `${errors.filter((e) => e === error).length} × ${error}`),
      ...(judged.length < 2 ? [`only ${windows.length} windows: soak longer than two windows`] : []),
      ...(drift > 0.2
        ? [`p99 drifted ${(drift * 100).toFixed(0)} % (${early.toFixed(1)} → ${late.toFixed(1)} ms)`]
        : []),
      ...(growsSteadily(judged.map((window) => window.heap)) ? ['the Node heap grows steadily'] : []),
      ...(growsSteadily(judged.map((window) => window.rss))
        ? ["DynamoDB Local's JVM RSS grows steadily"]
        : []),
    ];
    failOnViolations('soak', violations);
    const mb = (bytes: number) => bytes / 2 ** 20;
    return [
      { name: 'measured capacity (mixed, 16 clients)', value: capacity, unit: 'req/s' },
      { name: 'soak rate (half the capacity)', value: rate, unit: 'req/s', notes: `${minutes} min` },
      { name: 'p99 of the first windows', value: early, unit: 'ms' },
      {
        name: 'p99 of the last windows',
        value: late,
        unit: 'ms',
        goal: `<= ${(early * 1.2).toFixed(1)} (+20 %)`,
      },
      {
        name: 'Node heap, first → last window',
        value: mb(judged.at(-1)?.heap ?? Number.NaN),
        unit: 'MB',
        notes: `from ${mb(judged[0]?.heap ?? Number.NaN).toFixed(0)} MB`,
      },
      {
        name: 'JVM RSS, first → last window',
        value: mb(judged.at(-1)?.rss ?? Number.NaN),
        unit: 'MB',
        notes: `from ${mb(judged[0]?.rss ?? Number.NaN).toFixed(0)} MB`,
      },
      { name: 'errors', value: errors.length, unit: 'errors', goal: '0' },
    ];
  } finally {
    clearInterval(renewal);
    await host.close();
    await dynamodb.stop();
    rmSync(dbPath, { recursive: true, force: true });
  }
}
