import { createScryptHasher, inMemorySigningKey } from '@crm/app';
import { createApp } from '@crm/http';
import { apiCaller, signUpOwner } from '../tests/reliability/scenarios/api.js';
import {
  hotCustomerViolations,
  runHotCustomerLoad,
} from '../tests/reliability/scenarios/hot-customer-load.js';
import { importCrashViolations, runImportCrash } from '../tests/reliability/scenarios/import-crash.js';
import { customerHistory } from '../tests/reliability/scenarios/ledger.js';
import { runRuntimeKill } from '../tests/reliability/scenarios/runtime-kill.js';
import { runStreamFaults } from '../tests/reliability/scenarios/stream-faults.js';
import { runWebhookOutage, webhookOutageViolations } from '../tests/reliability/scenarios/webhook-outage.js';
import type { Benchmark, BenchResult } from './harness.js';
import { failOnViolations, startReliabilityHost } from './reliability-host.js';
import { startSoak } from './reliability-soak.js';

/**
 * Issue 16's fault suites at the issue's full sizes (tests/reliability runs the same scenarios
 * small in `npm test`). Each fails the bench run when a promise breaks; the numbers it reports say
 * how much load and how many faults it survived. `npm run bench -- reliability`.
 */

const DAY_MS = 86_400_000;
const sizeFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const benchmarks: Benchmark[] = [
  {
    name: 'reliability-hot-customer',
    run: async ({ dynamodbEndpoint, log }) => {
      const host = await startReliabilityHost({
        endpoint: await dynamodbEndpoint(),
        tableName: 'bench-reliability-hot',
      });
      try {
        const owner = await signUpOwner(host.api);
        const load = {
          editors: 16,
          editsPerEditor: sizeFromEnv('RELIABILITY_EDITS', 1_000),
          orderWriters: 16,
          ordersPerWriter: sizeFromEnv('RELIABILITY_ORDERS', 250),
        };
        const started = performance.now();
        const outcome = await runHotCustomerLoad(host.api, owner, load);
        const seconds = (performance.now() - started) / 1000;
        log(
          `${outcome.accepted.length} edits accepted, ${outcome.rejected.length} refused in ${seconds.toFixed(0)} s`,
        );
        await host.settle();
        const history = await customerHistory(host.table, owner.tenantId, outcome.customerId);
        failOnViolations('hot customer', hotCustomerViolations(outcome, history));
        return [
          {
            name: 'versioned edits sent (16 editors)',
            value: load.editors * load.editsPerEditor,
            unit: 'requests',
          },
          {
            name: 'edits accepted (each in the history once)',
            value: outcome.accepted.length,
            unit: 'edits',
          },
          { name: 'edits refused with 409', value: outcome.rejected.length, unit: 'edits' },
          { name: 'orders accepted (totals exact)', value: outcome.acceptedOrders.length, unit: 'orders' },
          {
            name: 'edits + orders per second, one customer',
            value: (load.editors * load.editsPerEditor + outcome.acceptedOrders.length) / seconds,
            unit: 'req/s',
          },
        ];
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'reliability-stream-faults',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      const host = await startReliabilityHost({
        endpoint,
        tableName: 'bench-reliability-stream',
        reactions: false,
        webhooksAllowLoopback: true,
      });
      try {
        const owner = await signUpOwner(host.api);
        const kills = sizeFromEnv('RELIABILITY_KILLS', 5);
        const customers = sizeFromEnv('RELIABILITY_STREAM_CUSTOMERS', 200);
        const outcome = await runStreamFaults({
          api: host.api,
          owner,
          table: host.table,
          endpoint,
          customers,
          renamesEach: 4,
          kills,
          settleTimeoutMs: 600_000,
        });
        log(`redelivered after each kill: ${outcome.redeliveredAfterKill.join(', ')}`);
        failOnViolations('stream faults', [
          ...outcome.violations,
          ...outcome.violationsLater,
          ...outcome.redeliveredAfterKill.flatMap((redelivered, kill) =>
            redelivered ? [] : [`kill ${kill + 1} hit no batch between its effects and its checkpoint`],
          ),
          ...(outcome.keptPoison.length === 1 ? [] : [`${outcome.keptPoison.length} kept poison records`]),
        ]);
        return [
          { name: 'consumer SIGKILLs mid-batch', value: kills, unit: 'kills' },
          { name: 'acknowledged writes, each applied once', value: customers * 5 + 1, unit: 'writes' },
        ];
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'reliability-runtime-kill',
    run: async ({ dynamodbEndpoint, log }) => {
      const endpoint = await dynamodbEndpoint();
      // The runtime under test reacts itself: the host only makes its table and reads the ledger.
      const host = await startReliabilityHost({
        endpoint,
        tableName: 'bench-reliability-runtime',
        reactions: false,
      });
      try {
        const kills = sizeFromEnv('RELIABILITY_RUNTIME_KILLS', 3);
        const customers = sizeFromEnv('RELIABILITY_RUNTIME_CUSTOMERS', 60);
        const outcome = await runRuntimeKill({
          endpoint,
          table: host.table,
          customers,
          renamesEach: 3,
          kills,
          settleTimeoutMs: 600_000,
        });
        log(
          `redelivered after each kill: ${outcome.redeliveredAfterKill.join(', ')}; unanswered writes looked up: ${outcome.unanswered}`,
        );
        failOnViolations('runtime kill', [
          ...outcome.violations,
          ...outcome.violationsLater,
          ...outcome.redeliveredAfterKill.flatMap((redelivered, kill) =>
            redelivered ? [] : [`kill ${kill + 1} hit no batch between its effects and its checkpoint`],
          ),
        ]);
        return [
          { name: 'whole-runtime SIGKILLs mid-batch', value: kills, unit: 'kills' },
          { name: 'writes that landed, each applied once', value: customers * 4, unit: 'writes' },
          {
            name: 'writes whose answer a kill took (looked up after restart)',
            value: outcome.unanswered,
            unit: 'writes',
          },
        ];
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'reliability-import-crash',
    run: async ({ log }) => {
      const rows = sizeFromEnv('RELIABILITY_IMPORT_ROWS', 5_000);
      const results: BenchResult[] = [];
      if (rows <= 1_000) throw new Error('RELIABILITY_IMPORT_ROWS must exceed one batch (1,000 rows)');
      // The first batch is 80 BatchWriteItem calls (1,000 mappings, then 1,000 customers); the
      // second's mappings and customers take `half` calls each: one kill in each half.
      const half = Math.ceil(Math.min(1_000, rows - 1_000) / 25);
      for (const killAfterBatchWrites of [80 + Math.ceil(half / 2), 80 + half + Math.ceil(half / 2)]) {
        const started = performance.now();
        const outcome = await runImportCrash({
          rows,
          killAfterBatchWrites,
          makeApi: (table, clock) => {
            const app = createApp({
              table,
              clock,
              signingKey: inMemorySigningKey(),
              passwordHasher: createScryptHasher({ N: 2 ** 10 }),
            });
            return apiCaller((path, init) => app.request(path, init));
          },
          log,
        });
        failOnViolations(
          `import crash after ${killAfterBatchWrites} batch writes`,
          importCrashViolations(outcome),
        );
        results.push({
          name: `rows landed before the rerun, killed after ${killAfterBatchWrites} batch writes`,
          value: outcome.landedBeforeRerun.length,
          unit: `of ${rows} rows`,
          notes: `rerun wrote ${outcome.rerun.rowsWritten}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
        });
      }
      return results;
    },
  },
  {
    name: 'reliability-webhook-outage',
    run: async ({ dynamodbEndpoint }) => {
      const host = await startReliabilityHost({
        endpoint: await dynamodbEndpoint(),
        tableName: 'bench-reliability-webhooks',
        webhooksAllowLoopback: true,
      });
      try {
        const owner = await signUpOwner(host.api);
        const events = sizeFromEnv('RELIABILITY_WEBHOOK_EVENTS', 500);
        const started = performance.now();
        const outcome = await runWebhookOutage({
          api: host.api,
          owner,
          table: host.table,
          events,
          downForMs: 2 * DAY_MS,
          deliveriesWritten: () => host.settle(),
        });
        failOnViolations('webhook outage', webhookOutageViolations(outcome));
        return [
          {
            name: 'events delivered once after a two-day outage',
            value: outcome.received.length,
            unit: 'events',
          },
          {
            name: 'attempts logged (schedule order checked)',
            value: outcome.deliveries.reduce((sum, delivery) => sum + delivery.attempts.length, 0),
            unit: 'attempts',
            notes: `${((performance.now() - started) / 1000).toFixed(0)} s of wall clock`,
          },
        ];
      } finally {
        await host.close();
      }
    },
  },
  {
    name: 'reliability-soak',
    run: (context) => startSoak(context),
  },
];
