import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KeptStreamRecordRepository, type TableClient } from '@crm/dynamodb';
import { type ApiCall, createCustomer, type TenantOwner } from './api.js';
import { type ConsumerProcess, startConsumerProcess } from './stream-consumer.js';
import { streamLedgerViolations, untilNoViolations, writeCustomers } from './stream-ledger.js';

export const POISON_NAME = 'Poison pill';

const opsScript = fileURLToPath(new URL('../../../packages/local/src/ops.ts', import.meta.url));

export type StreamFaultsOutcome = {
  /** The ledger compared with the acknowledged writes once the last consumer caught up. */
  violations: string[];
  /** The same comparison a second later: a record applied twice would show by now. */
  violationsLater: string[];
  /** Per kill: did the next consumer start by redelivering the batch the killed one had applied? */
  redeliveredAfterKill: boolean[];
  /** What the operator's `npm run ops -- kept` printed, and the kept records of the poison customer. */
  opsKept: string;
  keptPoison: { eventId: string; error: string }[];
  /** Exit code of the last consumer, stopped with SIGTERM. */
  lastExitCode: number | null;
};

/**
 * The stream consumer (stream-consumer-process.ts: the local poller and the production reactions)
 * SIGKILLed `kills` times mid-batch (after its reactions ran on a batch, before the checkpoint)
 * while `customers` customers are written and renamed `renamesEach` times, one of them a poison
 * record; restarted on its checkpoint file each time. Nothing is asserted here.
 */
export async function runStreamFaults(options: {
  api: ApiCall;
  owner: TenantOwner;
  table: TableClient;
  endpoint: string;
  customers: number;
  renamesEach: number;
  kills: number;
  settleTimeoutMs: number;
}): Promise<StreamFaultsOutcome> {
  const { api, owner, table } = options;
  const dir = mkdtempSync(join(tmpdir(), 'crm-stream-faults-'));
  const consumers: ConsumerProcess[] = [];
  const consumer = () => {
    const started = startConsumerProcess({
      DYNAMODB_ENDPOINT: options.endpoint,
      TABLE_NAME: table.tableName,
      CHECKPOINTS: join(dir, 'stream-checkpoints.json'),
      BATCH_SIZE: '5',
      // Reactions done, checkpoint not yet: the window a crash hits.
      HOLD_MS: '300',
      POISON_NAME,
    });
    consumers.push(started);
    return started;
  };
  try {
    let current = consumer();
    await current.next((line) => line.ready === true);
    const hook = await api('POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/never-called', events: ['customer.*'] },
    });
    if (hook.status !== 201) throw new Error(`webhook create answered ${hook.status}`);
    const endpointId = hook.body.id as string;
    // A first checkpoint on disk: a consumer that never saved one starts at the stream's end again
    // (the runtime starts at TRIM_HORIZON; LATEST here only skips other suites' history).
    const warmUp = await createCustomer(api, owner, 'Warm-up');
    await current.next((line) => line.checkpointed !== undefined);

    const writing = writeCustomers(api, owner, {
      customers: options.customers,
      renamesEach: options.renamesEach,
      poison: { at: Math.min(3, options.customers - 1), name: POISON_NAME },
    });
    const redeliveredAfterKill: boolean[] = [];
    for (let kill = 0; kill < options.kills; kill++) {
      await current.next((line) => line.handled !== undefined);
      await current.kill();
      const applied = current.handled.at(-1) as string[];
      current = consumer();
      const first = await current.next((line) => line.handled !== undefined);
      redeliveredAfterKill.push(first.handled?.[0] === applied[0]);
    }
    const writes = await writing;
    writes.customers.unshift({ id: warmUp.id, renames: [] });
    const check = () => streamLedgerViolations(table, owner, endpointId, writes);
    const violations = await untilNoViolations(check, options.settleTimeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const violationsLater = await check();

    const keptPoison = (await new KeptStreamRecordRepository(table).list())
      .filter((entry) => entry.record.dynamodb?.NewImage?.id?.S === writes.poisonId)
      .map((entry) => ({ eventId: entry.eventId, error: entry.error }));
    const { stdout: opsKept } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', opsScript, 'kept'],
      {
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: options.endpoint,
          TABLE_NAME: table.tableName,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    await current.stop();
    return {
      violations,
      violationsLater,
      redeliveredAfterKill,
      opsKept,
      keptPoison,
      lastExitCode: current.child.exitCode,
    };
  } finally {
    for (const started of consumers) await started.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
