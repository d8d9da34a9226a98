import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { ownTestTable } from '../support/test-table.js';
import { apiCaller, signUpOwner, type TenantOwner } from './scenarios/api.js';
import { runWebhookOutage, webhookOutageViolations } from './scenarios/webhook-outage.js';

const DAY_MS = 86_400_000;

/**
 * Issue 16: a webhook receiver down for two days (a simulated clock drives the delivery job): once
 * it is back every event arrives, once, under the id it had from the start, after attempts spaced
 * exactly as the retry schedule says. More events: `npm run bench -- reliability-webhook-outage`.
 */
describe('a webhook receiver down for two days', () => {
  const table = ownTestTable('reliability-webhooks');
  const app = createTestApp({ table: table.client, webhooks: { allowLoopback: true } });
  const api = apiCaller((path, init) => app.request(path, init));
  let owner: TenantOwner;
  let stream: Awaited<ReturnType<typeof startReactions>>;

  beforeAll(async () => {
    await table.ensure();
    // The fan-out reaction writes the deliveries from the stream, as in AWS.
    stream = await startReactions([], { table });
    owner = await signUpOwner(api);
  });
  afterAll(async () => {
    await stream?.stop();
  });

  it('delivers every event once it is back, with stable ids, attempts in the schedule order', async () => {
    const outcome = await runWebhookOutage({
      api,
      owner,
      table: table.client,
      // Six events, not more: each runs the whole schedule on its own delivery item, so a lost,
      // doubled or re-identified event, or an attempt out of the schedule, shows in any one of them;
      // the worker's passes over several due deliveries at once still happen. Bigger: the bench.
      events: 6,
      downForMs: 2 * DAY_MS,
      deliveriesWritten: () => stream.settle(),
    });
    expect(webhookOutageViolations(outcome)).toEqual([]);
    // Two days hold eight of the schedule's attempts; the ninth, at 51.6 h, finds the receiver.
    expect(outcome.deliveries.every((delivery) => delivery.attempts.length === 9)).toBe(true);
    expect(outcome.received).toHaveLength(6);
  }, 120_000);
});
