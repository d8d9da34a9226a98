import { beforeAll, describe, expect, it } from 'vitest';
import { ownTestTable, testDynamoDbEndpoint } from '../support/test-table.js';
import { runRuntimeKill } from './scenarios/runtime-kill.js';

/**
 * Issue 16, stream faults, the whole-runtime variant: `npm start`'s process (API server, stream
 * poller and timers together) is SIGKILLed mid-batch, after a batch's reactions wrote and
 * before its checkpoint (CRM_STREAM_HOLD_MS), while a client writes through its HTTP API; it is
 * restarted on the same data folder against a DynamoDB Local that survives. Every write that
 * landed (answered, or found after the restart) must show in the ledger of two reactions exactly
 * once, and the restart must begin by redelivering the batch the killed runtime had applied.
 */
describe('the whole local runtime killed mid-batch and restarted', () => {
  const table = ownTestTable('reliability-runtime');

  beforeAll(() => table.ensure());

  it('loses no write that landed and applies none twice', async () => {
    const outcome = await runRuntimeKill({
      endpoint: testDynamoDbEndpoint(),
      table: table.client,
      customers: 6,
      renamesEach: 2,
      // One kill here (each restart costs a runtime start); `npm run bench -- reliability-runtime-kill` kills 3 times.
      kills: 1,
      settleTimeoutMs: 60_000,
    });

    expect(outcome.violations).toEqual([]);
    expect(outcome.violationsLater).toEqual([]);
    expect(outcome.redeliveredAfterKill).toEqual([true]);
    expect(outcome.lastExitCode).toBe(0);
  }, 300_000);
});
