import { type CatalogEvent, toCatalogEvents } from '@crm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type SignedUpTenant, signUpTenant } from '../support/test-app.js';
import { startReactions } from '../support/test-stream.js';

type Quote = {
  id: string;
  lines: unknown[];
  discount: unknown;
  taxes: unknown[];
  status: string;
  version: number;
  totals: { subtotal: number; discount: number; net: number; tax: number; total: number; lines: unknown[] };
  order: { id: string; occurredAt: string } | null;
  onCreditHold: boolean;
};
type FieldIssue = { path: string; message: string };

/** Quotes (issue 15) through the routes on DynamoDB Local, with the real reactions on its stream. */
describe('sales: quotes', () => {
  const app = createTestApp();
  let owner: SignedUpTenant;
  let currency: string;
  let stream: Awaited<ReturnType<typeof startReactions>>;
  const events: CatalogEvent[] = [];

  const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
  const newDeal = async (name: string) => {
    const customer = await call(app, 'POST', '/v1/customers', {
      auth: owner.auth,
      body: { name, kind: 'business' },
    });
    expect(customer.status).toBe(201);
    const deal = await call(app, 'POST', '/v1/opportunities', {
      auth: owner.auth,
      body: { customerId: customer.body.id, name: `${name} deal`, amount: 100_000, currency },
    });
    expect(deal.status).toBe(201);
    return { customerId: customer.body.id as string, opportunityId: deal.body.id as string };
  };
  const newQuote = async (opportunityId: string, body: Record<string, unknown>) => {
    const quote = await call(app, 'POST', `/v1/opportunities/${opportunityId}/quotes`, {
      auth: owner.auth,
      body,
    });
    expect(quote.status).toBe(201);
    return quote.body as unknown as Quote;
  };
  const send = async (quote: Quote) => {
    const sent = await call(app, 'POST', `/v1/quotes/${quote.id}/send`, { auth: owner.auth, body: {} });
    expect(sent.status).toBe(200);
    return sent.body as unknown as Quote;
  };
  const orders = async (customerId: string) => {
    const timeline = await call(app, 'GET', `/v1/customers/${customerId}/interactions?type=order`, {
      auth: owner.auth,
    });
    return timeline.body.items as { id: string; amount: number; currency: string; reference?: string }[];
  };

  beforeAll(async () => {
    stream = await startReactions([
      {
        name: 'quotes-test-events',
        entityTypes: ['quote'],
        handle: async (change) => {
          if (change.tenantId === owner?.tenantId) events.push(...toCatalogEvents(change));
        },
      },
    ]);
    owner = await signUpTenant(app, 'Quotes Tenant');
    const tenant = await call(app, 'GET', '/v1/tenant', { auth: owner.auth });
    currency = (tenant.body.settings as { defaultCurrency: string }).defaultCurrency;
  });
  afterAll(async () => {
    await stream.stop();
  });

  it('computes the totals by hand-checkable steps, each rounded half-up', async () => {
    const { opportunityId } = await newDeal('Totals Co');
    const quote = await newQuote(opportunityId, {
      lines: [
        // 3 × 333 = 999; 12.5 % = 124.875 → 125; net 874
        {
          description: 'Berth hours',
          quantity: 3,
          unitPrice: 333,
          discount: { kind: 'percent', value: 12.5 },
        },
        // 1 × 50 = 50; 5 % = 2.5 → 3 (half-up); net 47
        { description: 'Pilotage', quantity: 1, unitPrice: 50, discount: { kind: 'percent', value: 5 } },
      ],
      // 921 − 10 % (92.1 → 92) = 829; VAT 13 % = 107.77 → 108; total 937
      discount: { kind: 'percent', value: 10 },
      taxes: [{ name: 'VAT', rate: 13 }],
    });
    expect(quote).toMatchObject({ status: 'draft', version: 1, currency });
    expect(quote.totals).toMatchObject({ subtotal: 921, discount: 92, net: 829, tax: 108, total: 937 });
    const listed = await call(app, 'GET', `/v1/opportunities/${opportunityId}/quotes`, { auth: owner.auth });
    expect((listed.body.items as Quote[]).map((each) => each.id)).toEqual([quote.id]);
    const preview = await call(app, 'POST', '/v1/quotes/totals', {
      auth: owner.auth,
      body: { lines: quote.lines, discount: quote.discount, taxes: quote.taxes },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual(quote.totals);
  });

  it('answers bad input with 400 and the fields, writing nothing', async () => {
    const { opportunityId } = await newDeal('Bad Input Co');
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [] }, 'lines'],
      [{ lines: [{ description: 'x', quantity: 0, unitPrice: 1 }] }, 'lines.0.quantity'],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: 1.5 }] }, 'lines.0.unitPrice'],
      [
        {
          lines: [
            { description: 'x', quantity: 1, unitPrice: 10, discount: { kind: 'percent', value: 1.234 } },
          ],
        },
        'lines.0.discount.value',
      ],
      [
        {
          lines: [
            { description: 'x', quantity: 2, unitPrice: 100, discount: { kind: 'amount', value: 201 } },
          ],
        },
        'lines.0.discount.value',
      ],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: 1 }], validUntil: '2020-01-01' }, 'validUntil'],
      [{ lines: [{ description: 'x', quantity: 1, unitPrice: 1 }], currency: 'usd' }, 'currency'],
    ];
    for (const [body, path] of cases) {
      const response = await call(app, 'POST', `/v1/opportunities/${opportunityId}/quotes`, {
        auth: owner.auth,
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const fields = (response.body.error as { fields: FieldIssue[] }).fields;
      expect(fields.map((field) => field.path)).toContain(path);
    }
    const listed = await call(app, 'GET', `/v1/opportunities/${opportunityId}/quotes`, { auth: owner.auth });
    expect(listed.body.items).toEqual([]);
    const missing = await call(app, 'POST', '/v1/opportunities/01J0000000000000000000000Z/quotes', {
      auth: owner.auth,
      body: { lines: [{ description: 'x', quantity: 1, unitPrice: 1 }] },
    });
    expect(missing.status).toBe(404);
  });

  it('edits only a draft, with If-Match (428 without, 409 when stale), the totals recomputed', async () => {
    const { opportunityId } = await newDeal('Edit Co');
    const quote = await newQuote(opportunityId, {
      lines: [{ description: 'Crane', quantity: 2, unitPrice: 10_000 }],
    });
    const path = `/v1/quotes/${quote.id}`;
    const lines = [
      { description: 'Crane', quantity: 2, unitPrice: 10_000 },
      { description: 'Rigging', quantity: 1, unitPrice: 5_000, discount: { kind: 'amount', value: 1_000 } },
    ];
    expect((await call(app, 'PATCH', path, { auth: owner.auth, body: { lines } })).status).toBe(428);
    const edited = await call(app, 'PATCH', path, { auth: owner.auth, body: { lines }, headers: ifMatch(1) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, totals: { subtotal: 24_000, total: 24_000 } });
    const stale = await call(app, 'PATCH', path, {
      auth: owner.auth,
      body: { note: 'x' },
      headers: ifMatch(1),
    });
    expect(stale.status).toBe(409);

    const sent = await send(edited.body as unknown as Quote);
    expect(sent).toMatchObject({ status: 'sent', version: 3 });
    const late = await call(app, 'PATCH', path, {
      auth: owner.auth,
      body: { note: 'x' },
      headers: ifMatch(3),
    });
    expect(late.status).toBe(409);
  });

  it('accepts a sent quote once: one order for the total on the timeline, one event, a second accept 409', async () => {
    const { customerId, opportunityId } = await newDeal('Accept Co');
    const quote = await send(
      await newQuote(opportunityId, {
        lines: [
          { description: 'Storage', quantity: 4, unitPrice: 2_500 },
          { description: 'Handling', quantity: 1, unitPrice: 1_000 },
        ],
        taxes: [{ name: 'VAT', rate: 6 }], // 11 000 × 6 % = 660; total 11 660
      }),
    );
    expect(quote.totals.total).toBe(11_660);

    const draftAccept = await newQuote(opportunityId, {
      lines: [{ description: 'x', quantity: 1, unitPrice: 1 }],
    });
    const notSent = await call(app, 'POST', `/v1/quotes/${draftAccept.id}/accept`, {
      auth: owner.auth,
      body: {},
    });
    expect(notSent.status).toBe(409);

    // Two acceptances racing: the transaction's condition lets exactly one through.
    const [first, second] = await Promise.all([
      call(app, 'POST', `/v1/quotes/${quote.id}/accept`, { auth: owner.auth, body: {} }),
      call(app, 'POST', `/v1/quotes/${quote.id}/accept`, { auth: owner.auth, body: {} }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const accepted = (first.status === 200 ? first : second).body as unknown as Quote;
    expect(accepted).toMatchObject({ status: 'accepted', onCreditHold: false });

    const again = await call(app, 'POST', `/v1/quotes/${quote.id}/accept`, { auth: owner.auth, body: {} });
    expect(again.status).toBe(409);
    const rejectAfter = await call(app, 'POST', `/v1/quotes/${quote.id}/reject`, {
      auth: owner.auth,
      body: {},
    });
    expect(rejectAfter.status).toBe(409);

    const recorded = await orders(customerId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      id: accepted.order?.id,
      amount: 11_660,
      currency,
      reference: quote.id,
    });
    const customer = await call(app, 'GET', `/v1/customers/${customerId}`, { auth: owner.auth });
    expect(customer.body.stats).toMatchObject({ orderCount: 1 });

    await stream.settle();
    const acceptedEvents = events.filter(
      (event) => event.type === 'quote.accepted' && event.entityId === quote.id,
    );
    expect(acceptedEvents).toHaveLength(1);
    expect(acceptedEvents[0]?.data).toMatchObject({ order: accepted.order, totals: { total: 11_660 } });
  });

  it('shows the order credit control held as "on credit hold" on the quote', async () => {
    const { customerId, opportunityId } = await newDeal('Held Co');
    const limited = await call(app, 'PUT', `/v1/customers/${customerId}/credit/limit`, {
      auth: owner.auth,
      body: { limit: 100_000, reason: 'new account' },
    });
    expect(limited.status).toBe(200);
    const quote = await send(
      await newQuote(opportunityId, { lines: [{ description: 'Charter', quantity: 3, unitPrice: 50_000 }] }),
    );
    const accepted = await call(app, 'POST', `/v1/quotes/${quote.id}/accept`, { auth: owner.auth, body: {} });
    expect(accepted.status).toBe(200);

    const deadline = Date.now() + 10_000;
    let view = accepted.body as unknown as Quote;
    while (!view.onCreditHold && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = (await call(app, 'GET', `/v1/quotes/${quote.id}`, { auth: owner.auth }))
        .body as unknown as Quote;
    }
    expect(view).toMatchObject({
      status: 'accepted',
      onCreditHold: true,
      creditHold: { reasons: [{ code: 'over_limit' }] },
    });
  });

  it('rejects a sent quote with a reason; a rejected quote is never accepted', async () => {
    const { customerId, opportunityId } = await newDeal('Reject Co');
    const quote = await send(
      await newQuote(opportunityId, { lines: [{ description: 'x', quantity: 1, unitPrice: 900 }] }),
    );
    const rejected = await call(app, 'POST', `/v1/quotes/${quote.id}/reject`, {
      auth: owner.auth,
      body: { reason: 'Too expensive' },
      headers: ifMatch(quote.version),
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'Too expensive', order: null });
    const accept = await call(app, 'POST', `/v1/quotes/${quote.id}/accept`, { auth: owner.auth, body: {} });
    expect(accept.status).toBe(409);
    expect(await orders(customerId)).toEqual([]);
  });
});
