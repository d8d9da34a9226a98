import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();
const me = { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } };

const endpoint = {
  id: '01JWEBHK000000000000000001',
  url: 'https://hooks.example.com/crm',
  events: ['customer.*'],
  enabled: true,
  createdAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  createdBy: session.user.id,
  updatedBy: session.user.id,
  version: 1,
};

beforeEach(() => {
  localStorage.clear();
  createSessionStore(localStorage).start(session);
});

describe('webhooks', () => {
  it('adds an endpoint with events picked from the catalog and shows its secret once', async () => {
    const endpoints: (typeof endpoint)[] = [];
    let sent: { url: string; events: string[] } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: endpoints }),
      'GET /v1/events/catalog': () =>
        json(200, {
          items: ['customer.created', 'customer.updated', 'contact.created'].map((type) => ({
            type,
            version: 1,
            entityType: type.split('.')[0],
            description: type,
            schema: {},
          })),
        }),
      'POST /v1/webhooks': async (request) => {
        sent = (await request.json()) as { url: string; events: string[] };
        endpoints.push({ ...endpoint, url: sent.url, events: sent.events });
        return json(201, { ...endpoint, ...sent, secret: `whsec_${'A'.repeat(32)}` });
      },
    });
    renderApp({ path: '/settings/webhooks', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Add an endpoint' }, LAZY));
    fireEvent.input(await screen.findByLabelText(/^URL/), {
      target: { value: 'https://hooks.example.com/crm' },
    });
    fireEvent.click(await screen.findByLabelText(/All events of customer/));
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    const secret = (await screen.findByLabelText('Signing secret')) as HTMLInputElement;
    expect(secret.value).toBe(`whsec_${'A'.repeat(32)}`);
    expect(sent).toEqual({ url: 'https://hooks.example.com/crm', events: ['customer.*'] });
    expect(await screen.findByRole('rowheader', { name: 'https://hooks.example.com/crm' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByDisplayValue(`whsec_${'A'.repeat(32)}`)).toBeNull());
  });

  it('shows the delivery log with every attempt and resends a delivery', async () => {
    let resent = '';
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [endpoint] }),
      [`GET /v1/webhooks/${endpoint.id}/deliveries`]: () =>
        json(200, {
          items: [
            {
              id: 'evt1',
              endpointId: endpoint.id,
              eventType: 'customer.created',
              status: 'failed',
              attempts: [
                { at: '2026-01-02T00:00:00.000Z', status: 500, latencyMs: 12, outcome: 'retry' },
                { at: '2026-01-02T00:00:05.000Z', status: 410, latencyMs: 9, outcome: 'disabled' },
              ],
              createdAt: '2026-01-02T00:00:00.000Z',
              updatedAt: '2026-01-02T00:00:05.000Z',
            },
          ],
          nextCursor: null,
        }),
      [`POST /v1/webhooks/${endpoint.id}/deliveries/evt1/resend`]: () => {
        resent = 'evt1';
        return json(202, {
          id: 'evt1',
          endpointId: endpoint.id,
          eventType: 'customer.created',
          status: 'pending',
          attempts: [],
          createdAt: '2026-01-02T00:00:00.000Z',
          updatedAt: '2026-01-02T00:00:06.000Z',
        });
      },
    });
    renderApp({ path: '/settings/webhooks', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Delivery log' }, LAZY));
    expect(await screen.findByRole('rowheader', { name: 'Customer created customer.created' })).toBeTruthy();
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByText(/410 · 9 ms/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Resend evt1' }));
    await waitFor(() => expect(resent).toBe('evt1'));
  });

  it('sends every failure since a chosen time again (recover)', async () => {
    let since: string | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [endpoint] }),
      [`GET /v1/webhooks/${endpoint.id}/deliveries`]: () => json(200, { items: [], nextCursor: null }),
      [`POST /v1/webhooks/${endpoint.id}/recover`]: async (request) => {
        since = ((await request.json()) as { since: string }).since;
        return json(202, { queued: 3 });
      },
    });
    renderApp({ path: '/settings/webhooks', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Delivery log' }, LAZY));
    const input = (await screen.findByLabelText('Failed since')) as HTMLInputElement;
    fireEvent.input(input, { target: { value: '2026-01-02T08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the failures again' }));
    expect(await screen.findByText('3 sent again.')).toBeTruthy();
    // The input is the user's own clock; the API gets the same instant in UTC.
    expect(since).toBe(new Date('2026-01-02T08:30').toISOString());
  });

  it('pages the delivery log with its cursor: "Show more" appends the next page until the last', async () => {
    const delivery = (id: string, createdAt: string) => ({
      id,
      endpointId: endpoint.id,
      eventType: `customer.${id}`,
      status: 'delivered',
      attempts: [{ at: createdAt, status: 200, latencyMs: 5, outcome: 'delivered' }],
      createdAt,
      updatedAt: createdAt,
    });
    const cursors: (string | null)[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [endpoint] }),
      [`GET /v1/webhooks/${endpoint.id}/deliveries`]: (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return cursor === 'page2'
          ? json(200, { items: [delivery('older', '2026-01-01T00:00:00.000Z')], nextCursor: null })
          : json(200, { items: [delivery('newer', '2026-01-02T00:00:00.000Z')], nextCursor: 'page2' });
      },
    });
    renderApp({ path: '/settings/webhooks', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Delivery log' }, LAZY));
    expect(await screen.findByRole('rowheader', { name: 'customer.newer' })).toBeTruthy();
    expect(screen.queryByRole('rowheader', { name: 'customer.older' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));

    expect(await screen.findByRole('rowheader', { name: 'customer.older' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'customer.newer' })).toBeTruthy();
    expect(cursors).toEqual([null, 'page2']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull());
  });

  it('lights the Webhooks entry of the navigation alone, not Settings above it', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [endpoint] }),
    });
    renderApp({ path: '/settings/webhooks', fetch });

    await screen.findByText('https://hooks.example.com/crm', undefined, LAZY);
    const navigation = screen.getByRole('navigation');
    const lit = [...navigation.querySelectorAll('a.nav__link--active')].map((link) =>
      link.getAttribute('href'),
    );
    expect(lit).toEqual(['/settings/webhooks']);
  });

  it('says in Chinese why the last attempt got no answer and how long it took, not the API’s English', async () => {
    const delivery = (id: string, attempt: Record<string, unknown>) => ({
      id,
      endpointId: endpoint.id,
      eventType: 'webhook.ping',
      status: 'pending',
      attempts: [{ at: '2026-01-02T00:00:00.000Z', latencyMs: 4, outcome: 'retry', ...attempt }],
      createdAt: '2026-01-02T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [endpoint] }),
      [`GET /v1/webhooks/${endpoint.id}/deliveries`]: () =>
        json(200, {
          items: [
            delivery('refused', {
              error: 'no response: connect ECONNREFUSED 127.0.0.1:9',
              reason: 'no_response',
            }),
            delivery('slow', { error: 'no response: no response within 15 s', reason: 'timed_out' }),
            delivery('private', {
              error: 'blocked: hooks.example.com resolves to a private address',
              reason: 'blocked',
            }),
            delivery('off', {
              latencyMs: 0,
              outcome: 'failed',
              error: 'the endpoint is disabled',
              reason: 'endpoint_disabled',
            }),
            delivery('older', { error: 'no response: socket hang up' }),
          ],
          nextCursor: null,
        }),
    });
    renderApp({ path: '/settings/webhooks', fetch, locale: 'zh-CN' });

    fireEvent.click(await screen.findByRole('button', { name: '投递记录' }, LAZY));

    expect(
      await screen.findByText('无应答 · 4 毫秒 · 网络错误：connect ECONNREFUSED 127.0.0.1:9'),
    ).toBeTruthy();
    expect(screen.getByText('无应答 · 4 毫秒 · 接收方超时未应答')).toBeTruthy();
    expect(
      screen.getByText('无应答 · 4 毫秒 · 地址被拦截（hooks.example.com resolves to a private address）'),
    ).toBeTruthy();
    expect(screen.getByText('未发送：端点已停用')).toBeTruthy();
    // Logged before attempts carried a reason: the API's words as they came.
    expect(screen.getByText('无应答 · 4 毫秒 · no response: socket hang up')).toBeTruthy();
  });

  it('names the event groups and events in Chinese when picking events, each type beside its name', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [] }),
      'GET /v1/events/catalog': () =>
        json(200, {
          items: ['customer.created', 'opportunity.won', 'brand_new.thing'].map((type) => ({
            type,
            version: 1,
            entityType: type.split('.')[0],
            description: type,
            schema: {},
          })),
        }),
    });
    renderApp({ path: '/settings/webhooks', fetch, locale: 'zh-CN' });

    fireEvent.click(await screen.findByRole('button', { name: '添加推送地址' }, LAZY));

    expect(await screen.findByLabelText('客户 的全部事件 (customer.*)')).toBeTruthy();
    expect(screen.getByLabelText('销售机会 的全部事件 (opportunity.*)')).toBeTruthy();
    // A group this screen does not know yet is shown by its own name rather than not at all.
    expect(screen.getByLabelText('brand_new 的全部事件 (brand_new.*)')).toBeTruthy();
    expect(screen.getByLabelText('客户已创建 customer.created')).toBeTruthy();
    expect(screen.getByLabelText('销售机会已赢单 opportunity.won')).toBeTruthy();
    // An event this screen has no name for yet is shown by its type.
    expect(screen.getByLabelText('brand_new.thing')).toBeTruthy();
  });

  it('lists an endpoint’s events by name in Chinese, groups and single events alike', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () =>
        json(200, { items: [{ ...endpoint, events: ['customer.*', 'opportunity.won'] }] }),
    });
    renderApp({ path: '/settings/webhooks', fetch, locale: 'zh-CN' });

    const row = (await screen.findByRole('rowheader', { name: endpoint.url }, LAZY)).closest('tr');
    const events = row?.querySelectorAll('td')[0];
    expect(events?.textContent).toBe('客户 的全部事件、销售机会已赢单');
  });
});
