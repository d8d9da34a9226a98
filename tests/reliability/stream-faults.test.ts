import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { ownTestTable, testDynamoDbEndpoint } from '../support/test-table.js';
import { apiCaller, signUpOwner, type TenantOwner } from './scenarios/api.js';
import { runStreamFaults } from './scenarios/stream-faults.js';

/**
 * Issue 16, stream faults: the real local stream poller feeding the production reactions runs as a
 * process of its own and is SIGKILLed mid-batch (its reactions have written, its checkpoint has
 * not) twice while customers are written; each restart resumes from the checkpoint file. The
 * ledger of two reactions' effects (audit history entries, webhook outbox) must then hold every
 * acknowledged write exactly once. A poison record (a reaction that throws for it) is kept for the
 * operator (`npm run ops -- kept` lists it) and the records behind it on its shard go through.
 * More customers and kills: `npm run bench -- reliability-stream-faults`.
 */
describe('the stream consumer killed mid-batch and restarted', () => {
  const table = ownTestTable('reliability-stream');
  const app = createTestApp({ table: table.client, webhooks: { allowLoopback: true } });
  const api = apiCaller((path, init) => app.request(path, init));
  let owner: TenantOwner;

  beforeAll(async () => {
    await table.ensure();
    owner = await signUpOwner(api);
  });

  it('loses no acknowledged write and applies none twice; keeps the poison record without blocking its shard', async () => {
    const outcome = await runStreamFaults({
      api,
      owner,
      table: table.client,
      endpoint: testDynamoDbEndpoint(),
      customers: 12,
      renamesEach: 2,
      kills: 2,
      settleTimeoutMs: 60_000,
    });

    expect(outcome.violations).toEqual([]);
    expect(outcome.violationsLater).toEqual([]);
    // Each kill really hit between effects and checkpoint: the restart redelivered that batch.
    expect(outcome.redeliveredAfterKill).toEqual([true, true]);
    expect(outcome.keptPoison).toHaveLength(1);
    expect(outcome.keptPoison[0]?.error).toContain('a reaction that cannot apply this record');
    expect(outcome.opsKept).toContain(outcome.keptPoison[0]?.eventId);
    expect(outcome.lastExitCode).toBe(0);
  }, 240_000);
});
