import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KeptStreamRecordRepository } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { ownTestTable, testDynamoDbEndpoint } from '../support/test-table.js';
import { apiCaller, createCustomer, signUpOwner, type TenantOwner } from './scenarios/api.js';
import { type ConsumerProcess, startConsumerProcess } from './scenarios/stream-consumer.js';
import { streamLedgerViolations, untilNoViolations, writeCustomers } from './scenarios/stream-ledger.js';

const POISON_NAME = 'Poison pill';

/**
 * Issue 16, stream faults: the real local stream poller feeding the production reactions runs as a
 * process of its own and is SIGKILLed mid-batch (its reactions have written, its checkpoint has
 * not) twice while customers are written; each restart resumes from the checkpoint file. The
 * ledger of two reactions' effects (audit history entries, webhook outbox) must then hold every
 * acknowledged write exactly once. A poison record (a reaction that throws for it) is kept for the
 * operator (`npm run ops -- kept` lists it) and the records behind it on its shard go through.
 */
describe('the stream consumer killed mid-batch and restarted', () => {
  const table = ownTestTable('reliability-stream');
  const app = createTestApp({ table: table.client, webhooks: { allowLoopback: true } });
  const api = apiCaller((path, init) => app.request(path, init));
  const dir = mkdtempSync(join(tmpdir(), 'crm-stream-faults-'));
  const consumers: ConsumerProcess[] = [];
  let owner: TenantOwner;

  const consumer = () => {
    const started = startConsumerProcess({
      DYNAMODB_ENDPOINT: testDynamoDbEndpoint(),
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

  beforeAll(async () => {
    await table.ensure();
    owner = await signUpOwner(api);
  });
  afterAll(async () => {
    for (const started of consumers) await started.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged write and applies none twice; keeps the poison record without blocking its shard', async () => {
    const first = consumer();
    await first.next((line) => line.ready === true);
    const hook = await api('POST', '/v1/webhooks', {
      auth: owner.auth,
      body: { url: 'http://127.0.0.1:9/never-called', events: ['customer.*'] },
    });
    expect(hook.status).toBe(201);
    // A first checkpoint on disk: a consumer that never saved one starts at the stream's end again
    // (the runtime starts at TRIM_HORIZON; LATEST here only skips other suites' history).
    const warmUp = await createCustomer(api, owner, 'Warm-up');
    await first.next((line) => line.checkpointed !== undefined);

    const writing = writeCustomers(api, owner, {
      customers: 12,
      renamesEach: 2,
      poison: { at: 3, name: POISON_NAME },
    });
    await first.next((line) => line.handled !== undefined);
    await first.kill();
    const killedBatch = first.handled.at(-1) as string[];

    const second = consumer();
    await second.next((line) => line.handled !== undefined);
    await second.kill();
    const third = consumer();
    const writes = await writing;
    writes.customers.unshift({ id: warmUp.id, renames: [] });

    const violations = await untilNoViolations(
      () => streamLedgerViolations(table.client, owner, hook.body.id as string, writes),
      60_000,
    );
    // A little longer: a record applied twice would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(violations).toEqual([]);
    expect(await streamLedgerViolations(table.client, owner, hook.body.id as string, writes)).toEqual([]);
    // The kill really hit between effects and checkpoint: the restart redelivered that batch.
    expect(second.handled[0]?.[0]).toBe(killedBatch[0]);

    const kept = (await new KeptStreamRecordRepository(table.client).list()).filter(
      (entry) => entry.record.dynamodb?.NewImage?.id?.S === writes.poisonId,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]?.error).toContain('a reaction that cannot apply this record');
    // The operator's view of it.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'packages/local/src/ops.ts', 'kept'],
      {
        env: {
          ...process.env,
          DYNAMODB_ENDPOINT: testDynamoDbEndpoint(),
          TABLE_NAME: table.tableName,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    expect(stdout).toContain(kept[0]?.eventId);
    await third.stop();
    expect(third.child.exitCode).toBe(0);
  }, 150_000);
});
