import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable } from '../support/test-table.js';
import { apiCaller, signUpOwner, type TenantOwner } from './scenarios/api.js';
import { hotCustomerViolations, runHotCustomerLoad } from './scenarios/hot-customer-load.js';
import { customerHistory } from './scenarios/ledger.js';

/**
 * Issue 16, concurrency: editors with versions and order writers on ONE customer at once; every
 * acknowledged edit is in the audit history exactly once, every refused one got a 409 and left no
 * trace, the version counts the accepted edits, the figures the accepted orders. The full
 * size (16 × 1,000) is `npm run bench -- reliability-hot-customer`; this is the same code, smaller.
 * (tests/integration/hot-customer.test.ts pins orders alone at 16 and 64 writers.)
 */
describe('a hot customer under concurrent editors and order writers', () => {
  const table = ownTestTable('reliability-hot');
  const app = createTestApp({ table: table.client });
  const api = apiCaller((path, init) => app.request(path, init));
  let owner: TenantOwner;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  beforeAll(async () => {
    await table.ensure();
    // The audit history is written by the stream reaction, as in AWS.
    stream = await startReactions([], { table });
    owner = await signUpOwner(api);
  });
  afterAll(async () => {
    await stream?.stop();
  });

  it('keeps every accepted edit in the history once, none of the refused ones, and exact totals', async () => {
    // Small, on purpose: all 16 editors' first edits race for one version (15 must be refused) and
    // each later round races again with the versions the refusals handed back, while orders land on
    // the same item in two rounds; a lost or doubled history entry, a shared version, a version
    // moved by an order or a stray answer shows at this size. Fewer orders shorten the reactions'
    // settle (16 × 3: ~31 s, 8 × 2: ~20 s, on a loaded box); 3 edits each instead of 5 saved
    // nothing, so the edits stay. The 16 × 1,000 is the bench's.
    const outcome = await runHotCustomerLoad(api, owner, {
      editors: 16,
      editsPerEditor: 5,
      orderWriters: 8,
      ordersPerWriter: 2,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Generous: on a shared 2-core machine the reactions' backlog can take minutes.
    await stream.poller.waitUntilIdle({ timeoutMs: 150_000 });

    const history = await customerHistory(table.client, owner.tenantId, outcome.customerId);
    expect(hotCustomerViolations(outcome, history)).toEqual([]);
    // The load really contended: both answers occurred, and every attempt got one of them.
    expect(outcome.accepted.length).toBeGreaterThanOrEqual(2);
    expect(outcome.rejected.length).toBeGreaterThan(0);
    expect(outcome.accepted.length + outcome.rejected.length).toBe(16 * 5);
    expect(outcome.acceptedOrders).toHaveLength(8 * 2);
  }, 240_000);
});
