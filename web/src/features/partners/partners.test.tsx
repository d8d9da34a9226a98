import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const owner = sessionAnswer();
const at = '2026-01-01T00:00:00.000Z';

function signIn(role: 'owner' | 'partner') {
  localStorage.clear();
  createSessionStore(localStorage).start({ ...owner, user: { ...owner.user, role } });
}

const organisation = {
  id: '01JORG00000000000000000001',
  name: '华南车行',
  status: 'active',
  adminUserId: null,
  createdBy: owner.user.id,
  createdAt: at,
  updatedAt: at,
  version: 1,
};

describe('partner organisations (经销商)', () => {
  beforeEach(() => signIn('owner'));

  it('creates an organisation and lists it', async () => {
    const organisations: (typeof organisation)[] = [];
    const { fetch, calls } = fakeFetch({
      'GET /v1/partner-organisations': () => json(200, { items: organisations }),
      'POST /v1/partner-organisations': async (request) => {
        const body = (await request.json()) as { name: string };
        organisations.push({ ...organisation, name: body.name });
        return json(201, organisations.at(-1));
      },
    });
    renderApp({ path: '/partners', fetch });

    expect(await screen.findByText(/No partner organisations yet/, {}, LAZY)).toBeTruthy();
    fireEvent.input(screen.getByLabelText(/^Name/), { target: { value: 'North Motors' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByRole('link', { name: 'North Motors' })).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(true);
  });

  it('moves a user to another organisation with the user’s version and says so', async () => {
    const other = { ...organisation, id: '01JORG00000000000000000002', name: 'North Motors' };
    const disabled = {
      ...organisation,
      id: '01JORG00000000000000000003',
      name: 'Closed',
      status: 'disabled',
    };
    let members = [
      {
        id: '01JUSER0000000000000000P01',
        email: 'li@dealer.test',
        name: 'Li',
        role: 'partner',
        status: 'active',
        locale: 'zh',
        organisationId: organisation.id,
        createdAt: at,
        updatedAt: at,
        version: 3,
      },
    ];
    const moves: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/partner-organisations': () => json(200, { items: [organisation, other, disabled] }),
      [`GET /v1/partner-organisations/${organisation.id}`]: () => json(200, organisation),
      [`GET /v1/partner-organisations/${organisation.id}/users`]: () => json(200, { items: members }),
      [`GET /v1/partner-organisations/${organisation.id}/shares`]: () => json(200, { items: [] }),
      'GET /v1/customers': () => json(200, { items: [], nextCursor: null }),
      [`POST /v1/partner-organisations/${organisation.id}/users/01JUSER0000000000000000P01/move`]: async (
        request,
      ) => {
        moves.push(await request.json());
        const moved = { ...members[0], organisationId: other.id, version: 4 };
        members = [];
        return json(200, moved);
      },
    });
    renderApp({ path: `/partners/${organisation.id}`, fetch });

    const select = (await screen.findByLabelText('Move to… (调到): Li', {}, LAZY)) as HTMLSelectElement;
    // Only the other active organisations are offered.
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Move to… (调到)',
      'North Motors',
    ]);
    fireEvent.change(select, { target: { value: other.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Move: Li' }));
    await waitFor(() => expect(moves).toEqual([{ toOrganisationId: other.id, version: 3 }]));
    expect((await screen.findByRole('status')).textContent).toContain('Li moved to North Motors');
    await waitFor(() => expect(screen.queryByLabelText('Move to… (调到): Li')).toBeNull());
  });

  it('shows the field error the API gives for a bad name', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/partner-organisations': () => json(200, { items: [] }),
      'POST /v1/partner-organisations': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid request',
            fields: [{ path: 'name', message: 'must not be empty' }],
          },
        }),
    });
    renderApp({ path: '/partners', fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Create' }, LAZY));
    expect(await screen.findByText('must not be empty')).toBeTruthy();
  });

  it('shares a customer with an organisation, read-only until a date', async () => {
    const puts: { path: string; body: unknown }[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, { tenant: owner.tenant, role: 'owner', user: owner.user }),
      'GET /v1/tenant': () => json(200, owner.tenant),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/partner-organisations': () => json(200, { items: [organisation] }),
      'GET /v1/customers': () =>
        json(200, { items: [{ id: '01JCUST0000000000000000001', name: 'Fleet buyer' }], nextCursor: null }),
      'GET /v1/customers/01JCUST0000000000000000001/shares': () => json(200, { items: [] }),
      [`PUT /v1/customers/01JCUST0000000000000000001/organisation-shares/${organisation.id}`]: async (
        request,
      ) => {
        puts.push({ path: new URL(request.url).pathname, body: await request.json() });
        return json(200, {});
      },
    });
    // Kobalte's tab indicator measures the selected tab; jsdom has no ResizeObserver.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    renderApp({ path: '/settings?tab=shares', fetch });
    fireEvent.input(await screen.findByLabelText('Search customers', {}, LAZY), { target: { value: 'Fle' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Fleet buyer' }, LAZY));
    fireEvent.click(await screen.findByRole('button', { name: 'Share with a partner' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByLabelText('Organisation')).toBeTruthy();
    fireEvent.input(within(dialog).getByLabelText('Share until (optional)'), {
      target: { value: '2030-06-30T18:00' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Share' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.body).toMatchObject({
      access: 'read',
      fields: ['kind', 'status', 'phone'],
      validUntil: new Date('2030-06-30T18:00').toISOString(),
    });
  });
});

describe('the partner portal (经销商门户)', () => {
  beforeEach(() => signIn('partner'));

  it('is the partner’s home, with only its shared fields and a sidebar of its own', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/partner/portal': () =>
        json(200, {
          organisation: { id: organisation.id, name: '华南车行', status: 'active', isAdmin: false },
          customers: [
            {
              customer: { id: 'C1', name: 'Fleet buyer', phone: '+86 20 1234 5678' },
              fields: ['phone'],
              access: 'read',
              canAddInteractions: false,
              organisationId: organisation.id,
            },
          ],
          serviceRequests: [],
          opportunities: [],
          pipelines: [],
          figures: {
            from: at,
            to: at,
            customers: 1,
            orders: [{ currency: 'CNY', count: 2, amount: 500_000, recordedByYou: 1 }],
          },
        }),
    });
    renderApp({ path: '/dashboard', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: /My portal/ }, LAZY)).toBeTruthy();
    expect(await screen.findByText('Fleet buyer')).toBeTruthy();
    expect(screen.getByText(/\+86 20 1234 5678/)).toBeTruthy();
    expect(screen.getByText('Organisation: 华南车行')).toBeTruthy();
    const links = within(screen.getByRole('navigation')).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([expect.stringContaining('My portal')]);
  });

  it('reads in Chinese', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/partner/portal': () =>
        json(200, {
          organisation: null,
          customers: [],
          serviceRequests: [],
          opportunities: [],
          pipelines: [],
          figures: { from: at, to: at, customers: 0, orders: [] },
        }),
    });
    renderApp({ path: '/partner', fetch, locale: 'zh-CN' });
    expect(await screen.findByRole('heading', { level: 1, name: /我的门户/ }, LAZY)).toBeTruthy();
    expect(await screen.findByText('尚无客户共享给您。')).toBeTruthy();
  });

  it('names codes in the reader’s language: customer kind, status and stage, request status, deal stage', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/partner/portal': () =>
        json(200, {
          organisation: null,
          customers: [
            {
              customer: {
                id: 'C1',
                name: 'Harbour fleet',
                kind: 'business',
                status: 'active',
                lifecycleStage: 'stability',
              },
              fields: ['status', 'kind', 'lifecycleStage'],
              access: 'read',
              canAddInteractions: false,
              organisationId: null,
            },
          ],
          serviceRequests: [{ id: 'R1', summary: 'Brakes squeal', status: 'in_progress' }],
          opportunities: [
            {
              id: 'D1',
              name: '5 vans',
              amount: 100_000,
              currency: 'CNY',
              pipeline: 'default',
              stage: 'qualify',
            },
          ],
          pipelines: [
            {
              key: 'default',
              name: { en: 'Sales pipeline', zh: '销售漏斗' },
              stages: [{ key: 'qualify', name: { en: 'Qualify', zh: '资格确认' } }],
            },
          ],
          figures: { from: at, to: at, customers: 1, orders: [] },
        }),
    });
    renderApp({ path: '/partner', fetch, locale: 'zh-CN' });
    const customer = (await screen.findByText('Harbour fleet', {}, LAZY)).closest('li') as HTMLElement;
    expect(customer.textContent).toContain('企业客户');
    expect(customer.textContent).toContain('活跃');
    expect(customer.textContent).toContain('稳定期');
    expect(screen.getByRole('link', { name: 'Brakes squeal' }).closest('li')?.textContent).toContain(
      '执行中',
    );
    expect(screen.getByRole('row', { name: /5 vans/ }).textContent).toContain('资格确认');
    expect(document.body.textContent).not.toMatch(/business|in_progress|qualify|stability/);
  });
});
