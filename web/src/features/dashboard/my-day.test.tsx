import { screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Task = components['schemas']['Task'];
const LOADED = { timeout: 25_000 };
const DAY_MS = 86_400_000;
const ME = sessionAnswer().user.id;

/** A local date `days` from today, as a task's `dueOn` is written. */
function dayFromToday(days: number): string {
  const date = new Date(Date.now() + days * DAY_MS);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function task(id: string, dueOn: string, title: string, customerName: string): Task {
  return {
    id,
    kind: 'follow_up',
    customerId: `01J000000000000000000000${id}`,
    customerName,
    status: 'open',
    dueOn,
    ref: null,
    details: { title },
    assigneeId: ME,
    snoozedUntil: null,
    completedAt: null,
    completedBy: null,
    note: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: ME,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: ME,
    version: 1,
  };
}

function server(tasks: Task[], openAlerts = 0) {
  const asked: URL[] = [];
  const alertsAsked: URL[] = [];
  const { fetch } = fakeFetch({
    'GET /v1/analytics/model': () => json(200, { latest: null, previous: null, lastRun: null }),
    'GET /v1/tasks': (request) => {
      asked.push(new URL(request.url));
      return json(200, { items: tasks, nextCursor: null });
    },
    // Only the count is read: stand-ins with ids are enough.
    'GET /v1/alerts': (request) => {
      alertsAsked.push(new URL(request.url));
      return json(200, {
        items: Array.from({ length: openAlerts }, (_, index) => ({ id: `A${index}` })),
        nextCursor: null,
      });
    },
  });
  return { fetch, asked, alertsAsked };
}

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe("the dashboard's day (今日关怀)", () => {
  it('lists my open tasks due today or overdue, the overdue ones marked, and not the later ones', async () => {
    const { fetch, asked, alertsAsked } = server(
      [
        task('T1', dayFromToday(-3), 'Chase the invoice', 'Chen Family'),
        task('T2', dayFromToday(0), 'Call about the rice order', 'Wang Shop'),
        task('T3', dayFromToday(5), 'Birthday call', 'Li Bakery'),
      ],
      2,
    );
    renderApp({ path: '/dashboard', fetch });
    const heading = await screen.findByRole('heading', { name: 'Due today (今日关怀)' }, LOADED);
    const card = heading.closest('section') as HTMLElement;
    await waitFor(() => expect(card.querySelectorAll('li[data-task]').length).toBe(2));
    const [overdue, today] = [...card.querySelectorAll<HTMLElement>('li[data-task]')];
    expect(overdue?.textContent).toMatch(/^Chen Family — Chase the invoice overdue since/);
    expect(today?.textContent).toBe('Wang Shop — Call about the rice order');
    expect(card.textContent).not.toContain('Birthday call');
    expect(asked[0]?.searchParams.get('mine')).toBe('true');
    expect(asked[0]?.searchParams.get('status')).toBe('open');
    const alerts = await screen.findByRole('link', { name: '2 open alerts for you (提醒)' });
    expect(alerts.getAttribute('href')).toBe('/alerts?mine=1');
    expect(alertsAsked[0]?.searchParams.get('assignee')).toBe(ME);
    expect(alertsAsked[0]?.searchParams.get('status')).toBe('open');
  });

  it('says when nothing is due, and names the next one, in Chinese too', async () => {
    const { fetch } = server([task('T3', dayFromToday(5), '生日问候', '李家面包')]);
    renderApp({ path: '/dashboard', fetch, locale: 'zh-CN' });
    const heading = await screen.findByRole('heading', { name: '今日关怀' }, LOADED);
    const card = heading.closest('section') as HTMLElement;
    await waitFor(() => expect(card.textContent).toContain('今天没有到期的任务。'));
    expect(card.textContent).toMatch(/下一项：.+为李家面包生日问候。/);
    expect(card.querySelectorAll('li[data-task]').length).toBe(0);
    // No open alert for me: no line about alerts.
    expect(card.textContent).not.toContain('提醒');
  });
});
