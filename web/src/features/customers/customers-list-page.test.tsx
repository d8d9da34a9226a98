import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Customer = components['schemas']['Customer'];
const now = '2026-01-01T00:00:00.000Z';

function customer(index: number, overrides: Partial<Customer> = {}): Customer {
  return {
    id: `01J${String(index).padStart(23, '0')}`,
    name: `Customer ${index}`,
    kind: 'consumer',
    status: 'active',
    tags: [],
    customFields: {},
    stats: { interactionCount: 0, orderCount: 0, orderValue: 0, orderValueByCurrency: {}, paymentValue: 0 },
    createdAt: now,
    updatedAt: now,
    createdBy: 'u1',
    version: 1,
    ...overrides,
  };
}

function loggedIn() {
  const answer = sessionAnswer();
  localStorage.setItem(
    'crm.session',
    JSON.stringify({
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + 900_000,
      tenant: answer.tenant,
      user: answer.user,
    }),
  );
}

// Transform the lazy page once up front (slow on a busy machine), so the renders below only wait for data.
beforeAll(async () => {
  await import('./customers-list-page.js');
}, 120_000);

beforeEach(() => {
  localStorage.clear();
  loggedIn();
  // jsdom lays nothing out: give the virtualised scroller a height so rows render.
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1000);
});
afterEach(() => vi.restoreAllMocks());

/** The first render waits for the lazy page (its chunk is transformed on first use). */
const LAZY = { timeout: 10_000 };

const common = {
  'GET /v1/users': () => json(200, { items: [] }),
  'GET /v1/custom-fields': () => json(200, { items: [] }),
};

describe('the customer list', () => {
  it('pages with the API cursor, sends sort and search, and says when search decides the order', async () => {
    const queries: URLSearchParams[] = [];
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': (request) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        if (query.get('cursor') === 'page-2') return json(200, { items: [customer(2)], nextCursor: null });
        return json(200, { items: [customer(1)], nextCursor: 'page-2' });
      },
    });
    renderApp({ path: '/customers', fetch: server.fetch });
    expect(await screen.findByRole('link', { name: 'Customer 1' }, LAZY)).toBeTruthy();
    // The first page is shorter than the view: the next one loads at once.
    expect(await screen.findByRole('link', { name: 'Customer 2' })).toBeTruthy();
    expect(queries[0]?.get('sort')).toBe('createdAt');
    expect(queries[0]?.get('order')).toBe('desc');
    expect(queries[1]?.get('cursor')).toBe('page-2');

    fireEvent.click(screen.getByRole('button', { name: /CLV/ }));
    await waitFor(() => expect(queries.at(-1)?.get('sort')).toBe('clv'));

    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'Li' } });
    await waitFor(() => expect(queries.at(-1)?.get('q')).toBe('Li'));
    expect(screen.getByText('Search results are ordered by name.')).toBeTruthy();
  });

  it('reads on past pages a rare filter left empty, instead of saying that nothing matches', async () => {
    const cursors: (string | null)[] = [];
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        if (cursor === 'far') return json(200, { items: [customer(9)], nextCursor: null });
        return json(200, { items: [], nextCursor: cursor ? 'far' : 'near' });
      },
    });
    renderApp({ path: '/customers?tag=rare', fetch: server.fetch });
    expect(await screen.findByRole('link', { name: 'Customer 9' }, LAZY)).toBeTruthy();
    expect(cursors).toEqual([null, 'near', 'far']);
  });

  it('filters by the member programme’s tiers (会员等级) from the filter bar', async () => {
    const queries: URLSearchParams[] = [];
    const server = fakeFetch({
      ...common,
      'GET /v1/members/tier-policy': () =>
        json(200, {
          policy: {
            valueBasis: 'monetary',
            windowDays: 365,
            tiers: [
              { key: 'customer', name: { en: 'Customer', zh: '客户' }, minValue: 0, minOrders: 0 },
              { key: 'member', name: { en: 'Member', zh: '会员' }, minValue: 100_000, minOrders: 2 },
            ],
          },
          version: 0,
          updatedAt: null,
        }),
      'GET /v1/customers': (request) => {
        queries.push(new URL(request.url).searchParams);
        return json(200, { items: [customer(1)], nextCursor: null });
      },
    });
    renderApp({ path: '/customers', fetch: server.fetch });
    expect(await screen.findByRole('link', { name: 'Customer 1' }, LAZY)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Filters' }));

    const tier = await screen.findByLabelText('Member tier (会员等级)');
    expect([...(tier as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
      expect.any(String),
      'Customer',
      'Member',
    ]);
    fireEvent.change(tier, { target: { value: 'member' } });

    await waitFor(() => expect(queries.at(-1)?.get('tier')).toBe('member'));
  });

  it('keeps only the rows in view and a few beyond them in the DOM, so a scroll step has little to lay out', async () => {
    const items = Array.from({ length: 200 }, (_, index) => customer(index + 1));
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': () => json(200, { items, nextCursor: null }),
    });
    const { container } = renderApp({ path: '/customers', fetch: server.fetch });
    expect(await screen.findByRole('link', { name: 'Customer 1' }, LAZY)).toBeTruthy();
    const rendered = container.querySelectorAll('tr.customer-table__row').length;
    // 600 px of scroller hold 12 rows of 52 px; every row built beyond them is laid out and painted
    // again on each scroll step (an overscan of 12 made it 24 rows at the top, 36 further down).
    expect(rendered).toBeGreaterThanOrEqual(12);
    expect(rendered).toBeLessThanOrEqual(12 + 6);
  });

  it('shows "no repeat yet" for one-time buyers rather than a P(alive) of 100%', async () => {
    const scores = {
      segment: 'new',
      rfm: null,
      abcClass: 'B' as const,
      pAlive: 1,
      expectedPurchases90d: 0.1,
      nextPurchaseAt: null,
      clv: 12000,
      expectedSpend: null,
      valueIndex: null,
      lifecycleSuggestion: { stage: 'identification', name: '识别期', rule: 'r' },
      inputs: {
        x: 0,
        tx: 0,
        T: 2,
        firstOrderOn: '2026-01-01',
        lastOrderOn: '2026-01-01',
        totalAmount: 1,
        spendCount: 1,
        meanSpend: 1,
      },
      scoredAt: now,
      modelFittedAt: now,
      fitId: 'f1',
    };
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': () => json(200, { items: [customer(1, { scores })], nextCursor: null }),
    });
    renderApp({ path: '/customers', fetch: server.fetch });
    const noRepeat = await screen.findByText('no repeat yet', {}, LAZY);
    expect(noRepeat.getAttribute('title')).toBe('no repeat purchase yet');
    expect(screen.queryByText('100%')).toBeNull();
    expect(screen.getByText('Class B')).toBeTruthy();
    // A narrow cell shows the English term; the Chinese one is in its title.
    expect(screen.getByText('New').getAttribute('title')).toBe('New (新客户)');
    expect(screen.getByText('Consumer').getAttribute('title')).toBe('Consumer (个人客户)');
    // The list's CLV is the stored score: its cell says when it was scored.
    expect(screen.getByText(/120/).closest('td')?.getAttribute('title')).toMatch(/^Scored on /);
  });

  it('tags the selection one by one with If-Match and sums up what happened', async () => {
    const patches: { id: string; ifMatch: string | null; body: unknown }[] = [];
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': () =>
        json(200, {
          items: [customer(1), customer(2, { tags: ['vip'] }), customer(3, { version: 4 })],
          nextCursor: null,
        }),
    });
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      if (request.method === 'PATCH') {
        const id = new URL(request.url).pathname.split('/').at(-1) as string;
        const body = (await request.json()) as { tags: string[] };
        patches.push({ id, ifMatch: request.headers.get('If-Match'), body });
        return json(200, { ...customer(Number(id.slice(-1))), tags: body.tags, version: 5 });
      }
      return server.fetch(request);
    };
    renderApp({ path: '/customers', fetch });
    await screen.findByRole('link', { name: 'Customer 1' }, LAZY);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded customers' }));
    expect(screen.getByText('3 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    fireEvent.input(await screen.findByLabelText('Tag'), { target: { value: 'vip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('2 done, 1 unchanged, 0 failed.')).toBeTruthy();
    expect(patches.map((patch) => patch.ifMatch).sort()).toEqual(['"1"', '"4"']);
    expect(patches[0]?.body).toEqual({ tags: ['vip'] });
  });

  it('offers to create or import when the book is empty, and retries after an error', async () => {
    let fail = true;
    const server = fakeFetch({
      ...common,
      'GET /v1/customers': () =>
        fail
          ? json(500, { error: { code: 'internal', message: 'Something broke' } })
          : json(200, { items: [], nextCursor: null }),
    });
    renderApp({ path: '/customers', fetch: server.fetch });
    expect(await screen.findByText('Something broke', {}, LAZY)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No customers yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Import customers' })).toBeTruthy();
  });
});
