import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Alert = components['schemas']['Alert'];
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: '01J00000000000000000000A01',
    type: 'churn',
    kind: 'churn.risk.raised',
    customerId: '01J00000000000000000000001',
    customerName: 'Drifting Gold Co',
    status: 'open',
    reasons: [{ code: 'churn.at_risk.gap', figures: { daysSinceLastOrder: 45, gapDays: 28 } }],
    suggestion: 'personal_call',
    assigneeId: 'u1',
    createdAt: now,
    updatedAt: now,
    updatedBy: 'system:churn',
    snoozedUntil: null,
    resolvedAt: null,
    ...overrides,
  };
}

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the alerts inbox', () => {
  it('lists open alerts with why and the suggested step, and resolving one takes it off the list', async () => {
    const queries: string[] = [];
    const credit = alert({
      id: '01J00000000000000000000A02',
      type: 'credit',
      kind: 'credit.hold.placed',
      customerName: 'Big Buyer Ltd',
      reasons: [{ code: 'over_limit', figures: { exposure: 150_000, limit: 100_000 } }],
      suggestion: 'review_limit',
    });
    const { fetch } = fakeFetch({
      'GET /v1/alerts': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, { items: [alert(), credit], nextCursor: null });
      },
      'POST /v1/alerts/01J00000000000000000000A01/resolve': () =>
        json(200, alert({ status: 'resolved', resolvedAt: now, updatedBy: 'u1' })),
    });
    renderApp({ path: '/alerts', fetch });
    expect(await screen.findByRole('link', { name: 'Drifting Gold Co' }, { timeout: LAZY_MS })).toBeTruthy();
    expect(screen.getByText('45 days since the last order; usually orders every 28 days.')).toBeTruthy();
    expect(screen.getByText('Call them yourself')).toBeTruthy();
    expect(screen.getByText(/over the limit of/)).toBeTruthy();
    expect(queries[0]).toContain('status=open');

    const row = screen.getByRole('link', { name: 'Drifting Gold Co' }).closest('tr') as HTMLElement;
    fireEvent.click(row.querySelector('button.button--primary') as HTMLElement);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Drifting Gold Co' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Big Buyer Ltd' })).toBeTruthy();
  });

  it('reads on past pages the server cut short before any match (a rare filter)', async () => {
    const cursors: (string | null)[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/alerts': (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return cursor === 'c2'
          ? json(200, { items: [alert()], nextCursor: null })
          : json(200, { items: [], nextCursor: cursor ? 'c2' : 'c1' });
      },
    });
    renderApp({ path: '/alerts?type=churn', fetch });
    expect(await screen.findByRole('link', { name: 'Drifting Gold Co' }, { timeout: LAZY_MS })).toBeTruthy();
    expect(cursors).toEqual([null, 'c1', 'c2']);
    expect(screen.queryByText('No alerts here.')).toBeNull();
  });

  it('filters by type, and says so in Chinese when nothing is there', async () => {
    const queries: string[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/alerts': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, { items: [], nextCursor: null });
      },
    });
    renderApp({ path: '/alerts', fetch, locale: 'zh-CN' });
    expect(await screen.findByText('这里没有提醒。', {}, { timeout: LAZY_MS })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/类型/), { target: { value: 'churn' } });
    await waitFor(() => expect(queries.at(-1)).toContain('type=churn'));
  });

  it('reads its filters from the address and writes them back, so a link opens it filtered', async () => {
    const queries: string[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/alerts': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, { items: [], nextCursor: null });
      },
    });
    const { history } = renderApp({ path: '/alerts?type=churn&status=all', fetch });
    await waitFor(() => expect(queries.length).toBeGreaterThan(0), { timeout: LAZY_MS });
    expect(queries[0]).toContain('type=churn');
    expect(queries[0]).not.toContain('status=');
    expect((screen.getByLabelText(/Type/) as HTMLSelectElement).value).toBe('churn');

    fireEvent.change(screen.getByLabelText(/Status/), { target: { value: 'snoozed' } });
    await waitFor(() => expect(queries.at(-1)).toContain('status=snoozed'));
    expect(history.get()).toContain('status=snoozed');
    expect(history.get()).toContain('type=churn');
  });

  it('shows a complaint past its deadline as a link to the complaint, with the late step in Chinese', async () => {
    const escalated = alert({
      id: '01J00000000000000000000A03',
      type: 'complaint',
      kind: 'complaint.escalated',
      customerName: '王记茶行',
      complaintId: '01J00000000000000000000C01',
      reasons: [
        {
          code: 'complaint.overdue',
          figures: {
            step: 'recorded',
            dueAt: '2026-03-01T04:00:00.000Z',
            severity: 'critical',
            summary: '包裹破损',
          },
        },
      ],
      suggestion: 'move_complaint_on',
    });
    const { fetch } = fakeFetch({
      'GET /v1/alerts': () => json(200, { items: [escalated], nextCursor: null }),
    });
    renderApp({ path: '/alerts', fetch, locale: 'zh-CN' });
    const link = await screen.findByRole('link', { name: '王记茶行 的投诉' }, { timeout: LAZY_MS });
    expect(link.getAttribute('href')).toBe('/complaints/01J00000000000000000000C01');
    expect(screen.getByText('投诉处理超时')).toBeTruthy();
    expect(screen.getByText(/“包裹破损”应于 .* 前完成“记录投诉”。/)).toBeTruthy();
    expect(screen.getByText('推进投诉到下一步')).toBeTruthy();
  });

  it('shows a service request past its deadline as a link to the request, in Chinese and in English', async () => {
    const escalated = alert({
      id: '01J00000000000000000000A04',
      type: 'service',
      kind: 'service.escalated',
      customerName: '王记茶行',
      serviceRequestId: '01J00000000000000000000S01',
      reasons: [
        {
          code: 'service.overdue',
          figures: {
            status: 'dispatched',
            dueAt: '2026-03-01T04:00:00.000Z',
            priority: 'high',
            summary: '空调不制冷',
          },
        },
      ],
      suggestion: 'move_service_request_on',
    });
    const { fetch } = fakeFetch({
      'GET /v1/alerts': () => json(200, { items: [escalated], nextCursor: null }),
    });
    const zh = renderApp({ path: '/alerts', fetch, locale: 'zh-CN' });
    const link = await screen.findByRole('link', { name: '王记茶行 的服务请求' }, { timeout: LAZY_MS });
    expect(link.getAttribute('href')).toBe('/service/requests/01J00000000000000000000S01');
    expect(screen.getByText('服务请求处理超时')).toBeTruthy();
    expect(screen.getByText(/“空调不制冷”应于 .* 前完成“已派工”这一步。/)).toBeTruthy();
    expect(screen.getByText('推进服务请求到下一步')).toBeTruthy();
    zh.unmount();

    renderApp({ path: '/alerts', fetch, locale: 'en' });
    expect(
      await screen.findByRole('link', { name: '王记茶行 — service request' }, { timeout: LAZY_MS }),
    ).toBeTruthy();
    expect(screen.getByText('Service request past its deadline')).toBeTruthy();
    expect(screen.getByText(/“空调不制冷” was due out of “Dispatched \(派工\)” by /)).toBeTruthy();
  });
});
