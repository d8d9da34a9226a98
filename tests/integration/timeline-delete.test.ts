import { figureMoves, figureRemoval, type Interaction, newId } from '@crm/domain';
import { CustomerRepository, InteractionRepository } from '@crm/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';
import { testTableClient } from '../support/test-table.js';

/**
 * Removing an interaction takes its figures back out of the customer's in the same transaction
 * (issue 20): exactly once, whatever else is being written, and the first/last instants it held
 * move back to the next entry on the timeline — through the API, and through the stream when the
 * API process died between the transaction and the instants.
 */
describe('removing an interaction', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;

  beforeAll(async () => {
    owner = await signUpTenant(app);
  });

  async function newCustomer(name: string): Promise<string> {
    const created = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business' },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function order(customerId: string, amount: number, occurredAt: string, currency = 'CNY') {
    const created = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'order', amount, currency, occurredAt },
    });
    expect(created.status).toBe(201);
    return created.body as Interaction;
  }

  const remove = (customerId: string, interactionId: string, headers: Record<string, string> = {}) =>
    call(app, 'DELETE', `/v1/customers/${customerId}/interactions/${interactionId}`, {
      auth: owner.auth,
      headers,
    });

  const statsOf = async (customerId: string) =>
    (await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth })).body.stats;

  it('takes the last of three orders back out, figures and last-order instant, and answers 404 the second time', async () => {
    const customerId = await newCustomer('Three orders');
    await order(customerId, 1000, '2026-02-01T00:00:00.000Z');
    await order(customerId, 2000, '2026-02-02T00:00:00.000Z', 'USD');
    const last = await order(customerId, 4000, '2026-02-03T00:00:00.000Z');

    const first = await remove(customerId, last.id);
    const second = await remove(customerId, last.id);

    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(await statsOf(customerId)).toEqual({
      interactionCount: 2,
      orderCount: 2,
      orderValue: 1000,
      orderValueByCurrency: { CNY: 1000, USD: 2000 },
      paymentValue: 0,
      firstOrderAt: '2026-02-01T00:00:00.000Z',
      lastOrderAt: '2026-02-02T00:00:00.000Z',
      lastInteractionAt: '2026-02-02T00:00:00.000Z',
    });
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions`, { auth: owner.auth });
    expect((timeline.body.items as Interaction[]).map((item) => item.amount)).toEqual([2000, 1000]);
  });

  it('moves the first-order instant on when the first order goes, and clears both when the only one goes', async () => {
    const customerId = await newCustomer('First and only');
    const early = await order(customerId, 300, '2026-03-01T00:00:00.000Z');
    const note = await call(app, 'POST', `/v1/customers/${customerId}/interactions`, {
      auth: owner.auth,
      body: { type: 'note', text: 'called back', occurredAt: '2026-03-05T00:00:00.000Z' },
    });
    const late = await order(customerId, 500, '2026-03-02T00:00:00.000Z');

    expect((await remove(customerId, early.id)).status).toBe(204);
    expect(await statsOf(customerId)).toMatchObject({
      orderCount: 1,
      orderValue: 500,
      firstOrderAt: '2026-03-02T00:00:00.000Z',
      lastOrderAt: '2026-03-02T00:00:00.000Z',
      lastInteractionAt: '2026-03-05T00:00:00.000Z',
    });

    expect((await remove(customerId, late.id)).status).toBe(204);
    expect((await remove(customerId, note.body.id as string)).status).toBe(204);
    const stats = await statsOf(customerId);
    expect(stats).toEqual({
      interactionCount: 0,
      orderCount: 0,
      orderValue: 0,
      orderValueByCurrency: { CNY: 0 },
      paymentValue: 0,
    });
    // The list by last interaction files it with the never-contacted again.
    const raw = await new CustomerRepository(testTableClient(), owner.tenantId).get({ customerId });
    expect(raw?.stats.lastInteractionAt).toBeUndefined();
  });

  it('negates once when the same interaction is removed by many clients at once', async () => {
    const customerId = await newCustomer('Removed at once');
    await order(customerId, 700, '2026-04-01T00:00:00.000Z');
    const target = await order(customerId, 900, '2026-04-02T00:00:00.000Z');

    const statuses = (await Promise.all(Array.from({ length: 6 }, () => remove(customerId, target.id)))).map(
      (response) => response.status,
    );

    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 204)).toEqual(Array(5).fill(404));
    expect(await statsOf(customerId)).toMatchObject({
      orderCount: 1,
      orderValue: 700,
      lastOrderAt: '2026-04-01T00:00:00.000Z',
    });
  });

  it('keeps creates exact while removals run beside them', async () => {
    const customerId = await newCustomer('Busy with both');
    const doomed = await Promise.all(
      Array.from({ length: 8 }, (_, index) => order(customerId, 10, `2026-05-01T00:00:0${index}.000Z`)),
    );

    const [removals, creates] = await Promise.all([
      Promise.all(doomed.map((interaction) => remove(customerId, interaction.id))),
      Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          order(customerId, 100 + index, `2026-04-20T00:00:0${index}.000Z`),
        ),
      ),
    ]);

    expect(removals.map((response) => response.status)).toEqual(Array(8).fill(204));
    expect(creates).toHaveLength(8);
    expect(await statsOf(customerId)).toMatchObject({
      orderCount: 8,
      orderValue: 8 * 100 + 28,
      firstOrderAt: '2026-04-20T00:00:00.000Z',
      lastOrderAt: '2026-04-20T00:00:07.000Z',
    });
  });

  it('settles the instants when a removal must step past many removed in turn', async () => {
    // Each removal's retreat may find its next holder removed meanwhile and step on from it: with
    // more removals than any fixed number of steps, only mending until the instant and the
    // timeline agree leaves them right.
    const customerId = await newCustomer('Cleared out');
    const at = (day: number, second: number) =>
      `2026-05-${String(day).padStart(2, '0')}T00:00:${String(second).padStart(2, '0')}.000Z`;
    const doomed = await Promise.all(
      Array.from({ length: 16 }, (_, index) => order(customerId, 10, at(10, index))),
    );

    await Promise.all([
      Promise.all(doomed.map((interaction) => remove(customerId, interaction.id))),
      Promise.all(Array.from({ length: 6 }, (_, index) => order(customerId, 1, at(1, index)))),
    ]);

    expect(await statsOf(customerId)).toMatchObject({
      orderCount: 6,
      firstOrderAt: at(1, 0),
      lastOrderAt: at(1, 5),
    });
  });

  it('removes nothing with a stale If-Match, and removes with the current one', async () => {
    const customerId = await newCustomer('Versioned removal');
    const target = await order(customerId, 250, '2026-06-01T00:00:00.000Z');

    const stale = await remove(customerId, target.id, { 'If-Match': '"7"' });
    const current = await remove(customerId, target.id, { 'If-Match': `"${target.version}"` });

    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: { current: { id: target.id } },
    });
    expect(current.status).toBe(204);
    expect(await statsOf(customerId)).toMatchObject({ orderCount: 0, orderValue: 0 });
  });

  it("keeps a complaint's own entry, which goes with the complaint", async () => {
    const customerId = await newCustomer('Complained');
    const complaint = await call(app, 'POST', '/v1/complaints', {
      auth: owner.auth,
      body: { customerId, summary: 'Late delivery' },
    });
    expect(complaint.status).toBe(201);

    const removed = await remove(customerId, complaint.body.id as string);

    expect(removed.status).toBe(409);
    expect(await statsOf(customerId)).toMatchObject({ interactionCount: 1 });
  });

  it('answers 404 for an unknown interaction or another customer’s, removing nothing', async () => {
    const customerId = await newCustomer('Owner of the order');
    const other = await newCustomer('Someone else');
    const target = await order(customerId, 50, '2026-07-01T00:00:00.000Z');

    expect((await remove(customerId, newId())).status).toBe(404);
    expect((await remove(other, target.id)).status).toBe(404);
    expect(await statsOf(customerId)).toMatchObject({ orderCount: 1, orderValue: 50 });
  });

  describe('when the API process dies between the transaction and the instants', () => {
    let stream: Awaited<ReturnType<typeof startReactions>>;

    beforeAll(async () => {
      stream = await startReactions();
    });

    afterAll(async () => {
      await stream.stop();
    });

    function interactionOf(customerId: string, amount: number, occurredAt: string): Interaction {
      return {
        id: newId(),
        customerId,
        type: 'order',
        occurredAt,
        amount,
        currency: 'CNY',
        source: 'api',
        createdAt: occurredAt,
        createdBy: owner.userId,
        version: 1,
      };
    }

    it('the stream moves the instants of a recorded order on', async () => {
      const customerId = await newCustomer('Crashed after create');
      await order(customerId, 100, '2026-08-10T00:00:00.000Z');
      const interactions = new InteractionRepository(testTableClient(), owner.tenantId);
      const earlier = interactionOf(customerId, 20, '2026-08-01T00:00:00.000Z');
      const later = interactionOf(customerId, 30, '2026-08-20T00:00:00.000Z');

      // The transaction alone, as a process that died right after it leaves things.
      await interactions.create({ interaction: earlier, moves: figureMoves(earlier, 'CNY') });
      await interactions.create({ interaction: later, moves: figureMoves(later, 'CNY') });
      await stream.settle();

      expect(await statsOf(customerId)).toMatchObject({
        orderCount: 3,
        orderValue: 150,
        firstOrderAt: '2026-08-01T00:00:00.000Z',
        lastOrderAt: '2026-08-20T00:00:00.000Z',
        lastInteractionAt: '2026-08-20T00:00:00.000Z',
      });
    });

    it('the stream moves the instants of a removed order back', async () => {
      const customerId = await newCustomer('Crashed after removal');
      await order(customerId, 100, '2026-09-01T00:00:00.000Z');
      const last = await order(customerId, 200, '2026-09-09T00:00:00.000Z');
      await stream.settle();
      const interactions = new InteractionRepository(testTableClient(), owner.tenantId);

      await interactions.remove({ interaction: last, moves: figureRemoval(last, 'CNY') });
      await stream.settle();

      expect(await statsOf(customerId)).toMatchObject({
        orderCount: 1,
        orderValue: 100,
        firstOrderAt: '2026-09-01T00:00:00.000Z',
        lastOrderAt: '2026-09-01T00:00:00.000Z',
        lastInteractionAt: '2026-09-01T00:00:00.000Z',
      });
    });
  });
});
