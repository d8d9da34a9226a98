import { readdirSync, readFileSync } from 'node:fs';
import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { AnalyticsService, type KnownOrders } from '@crm/app/analytics';
import { createTableClient, sharedClientFactory } from '@crm/dynamodb';
import { cdnowMasterPath, createLocalDynamoDbClient, ensureTable } from '@crm/local';
import { seedDemoTenant } from '@crm/local/demo';
import type { Benchmark, BenchResult } from './harness.js';

/** CPU seconds (user + system) of this process's DynamoDB Local JVM, from /proc (Linux). */
function jvmCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces): state, ppid, …, utime (14th), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || !stat.includes('(java)')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/**
 * The demo's first fit as the seed runs it, two ways on the same seeded tenant: reading every
 * repeat buyer's orders back (one Query each), and given the orders the seed wrote (seeders.ts).
 * Wall time and CPU time (this process and the DynamoDB Local JVM) beside each other, because on a
 * shared machine the wall time says more about the neighbours than about the code.
 * DEMO_FIRST_FIT_ORDERS=<n> seeds only the master file's first n orders (whole customers: the
 * file is sorted by customer).
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'demo-first-fit',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const control = createLocalDynamoDbClient({ endpoint });
      await ensureTable(control, 'demo-first-fit').finally(() => control.destroy());
      const table = createTableClient({ tableName: 'demo-first-fit', endpoint });
      const limit = Number(process.env.DEMO_FIRST_FIT_ORDERS ?? 0);
      const master = readFileSync(cdnowMasterPath(), 'utf8');
      const seeded = await seedDemoTenant({
        table,
        cdnowMaster:
          limit > 0
            ? master
                .split('\n')
                .slice(0, limit + 1)
                .join('\n')
            : master,
        hasher: createScryptHasher(),
        signingKey: inMemorySigningKey(),
        log,
        email: `first-fit-${Date.now()}@example.com`,
      });
      const tenantId = seeded.tenantId as string;
      const analytics = new AnalyticsService({
        tenantClient: sharedClientFactory(table),
        clock: () => new Date(),
      });
      const measure = async (knownOrders?: KnownOrders) => {
        const cpu = process.cpuUsage();
        const jvm = jvmCpuSeconds();
        const started = performance.now();
        const outcome = await analytics.refit({
          tenantId,
          trigger: 'seed',
          waitMs: Number.MAX_SAFE_INTEGER,
          ...(knownOrders ? { knownOrders } : {}),
        });
        const wall = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const node = (used.user + used.system) / 1e6;
        const java = jvmCpuSeconds() - jvm;
        if (outcome.status !== 'succeeded')
          throw new Error(`refit ${outcome.status}: ${outcome.fit.error?.message}`);
        const d = outcome.fit.diagnostics ?? {};
        log(
          `${knownOrders ? 'given the seed’s orders' : 'reading the orders'}: ${wall.toFixed(1)} s wall, CPU node ${node.toFixed(1)} s + JVM ${java.toFixed(1)} s; read ${d.readMs} ms, fit ${d.fitMs} ms, score+write ${d.scoreMs} ms`,
        );
        return { wall, node, java, readMs: d.readMs ?? 0, bgnbd: outcome.fit.bgnbd };
      };
      const read = await measure();
      const given = await measure(seeded.orders);
      if (JSON.stringify(read.bgnbd) !== JSON.stringify(given.bgnbd)) {
        throw new Error(
          `the two fits differ: ${JSON.stringify(read.bgnbd)} vs ${JSON.stringify(given.bgnbd)}`,
        );
      }
      const results: BenchResult[] = [];
      for (const [what, key] of [
        ['wall time', 'wall'],
        ['CPU time, node', 'node'],
        ['CPU time, DynamoDB Local JVM', 'java'],
      ] as const) {
        results.push({
          name: `demo first fit (${seeded.summary.split(':')[1]?.split(',').slice(0, 2).join(',').trim()}): ${what}, given the seed's orders`,
          value: given[key],
          unit: 's',
          baseline: { name: 'reading them back', value: read[key] },
          ratio: given[key] / Math.max(read[key], 1e-9),
          notes: `read phase ${given.readMs} ms vs ${read.readMs} ms; same fit`,
        });
      }
      return results;
    },
  },
];
