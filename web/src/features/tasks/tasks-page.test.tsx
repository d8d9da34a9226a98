import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Task = components['schemas']['Task'];
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';
const ME = sessionAnswer().user.id;

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: '01J00000000000000000000T01',
    kind: 'reorder',
    customerId: '01J00000000000000000000001',
    customerName: '王记粮油',
    status: 'open',
    dueOn: '2026-03-04',
    ref: null,
    details: { expectedOn: '2026-03-04', lastOrderOn: '2026-02-01', daysUntil: 3, pAlive: 0.9 },
    assigneeId: ME,
    snoozedUntil: null,
    completedAt: null,
    completedBy: null,
    note: null,
    createdAt: now,
    createdBy: 'system:tasks',
    updatedAt: now,
    updatedBy: 'system:tasks',
    version: 1,
    ...overrides,
  };
}

// jsdom has no ResizeObserver; Kobalte's tab indicator on the 360° measures with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the task list', () => {
  it('shows my open reminders, and completing one with a note sends the version and takes it off', async () => {
    const queries: string[] = [];
    const sent: unknown[] = [];
    const collect = task({
      id: '01J00000000000000000000T02',
      kind: 'collect_payment',
      customerName: 'Late Payer Ltd',
      ref: '01J00000000000000000000R01',
      details: { open: 30_000, amount: 30_000, currency: 'CNY', dueDate: '2026-01-15' },
    });
    const { fetch } = fakeFetch({
      'GET /v1/tasks': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, { items: [task(), collect], nextCursor: null });
      },
      'POST /v1/tasks/01J00000000000000000000T01/complete': async (request) => {
        sent.push(await request.json());
        return json(
          200,
          task({ status: 'done', completedBy: ME, completedAt: now, note: 'called', version: 2 }),
        );
      },
    });
    renderApp({ path: '/tasks', fetch, locale: 'en' });
    expect(await screen.findByRole('link', { name: '王记粮油' }, { timeout: LAZY_MS })).toBeTruthy();
    expect(screen.getByText(/Expected to re-order around/)).toBeTruthy();
    expect(screen.getByText(/still open on an invoice due/)).toBeTruthy();
    expect(queries[0]).toContain('mine=true');
    expect(queries[0]).toContain('status=open');

    const row = screen.getByRole('link', { name: '王记粮油' }).closest('tr') as HTMLElement;
    fireEvent.click(row.querySelector('button.button--primary') as HTMLElement);
    const note = await screen.findByLabelText('Note (optional)');
    fireEvent.input(note, { target: { value: 'called' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: '王记粮油' })).toBeNull());
    expect(sent).toEqual([{ version: 1, note: 'called' }]);
    expect(screen.getByRole('link', { name: 'Late Payer Ltd' })).toBeTruthy();
  });

  it('switches to the team and filters by kind, and says so in Chinese when nothing is there', async () => {
    const queries: string[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/tasks': (request) => {
        queries.push(new URL(request.url).search);
        return json(200, { items: [], nextCursor: null });
      },
    });
    renderApp({ path: '/tasks', fetch, locale: 'zh-CN' });
    expect(await screen.findByText('这里没有任务。', {}, { timeout: LAZY_MS })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '团队' }));
    await waitFor(() => expect(queries.at(-1)).not.toContain('mine=true'));
    fireEvent.change(screen.getByLabelText(/类型/), { target: { value: 'birthday' } });
    await waitFor(() => expect(queries.at(-1)).toContain('kind=birthday'));
  });

  it('reloads the list and says why when someone changed the task meanwhile', async () => {
    let reads = 0;
    const { fetch } = fakeFetch({
      'GET /v1/tasks': () => {
        reads += 1;
        return json(200, { items: [task()], nextCursor: null });
      },
      'POST /v1/tasks/01J00000000000000000000T01/snooze': () =>
        json(409, {
          error: { code: 'version_conflict', message: 'The task was changed by someone else; reload it' },
        }),
    });
    renderApp({ path: '/tasks', fetch, locale: 'en' });
    const customer = await screen.findByRole('link', { name: '王记粮油' }, { timeout: LAZY_MS });
    const row = customer.closest('tr') as HTMLElement;
    fireEvent.click(row.querySelector('button.button--ghost') as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Someone changed this task meanwhile; the list has been reloaded.'),
    ).toBeTruthy();
    await waitFor(() => expect(reads).toBeGreaterThanOrEqual(2));
  });
});

describe('a follow-up written down on the 360°', () => {
  it('shows the API field error beside the field, then adds the follow-up to the open tasks', async () => {
    const customerId = '01J00000000000000000000001';
    const sent: unknown[] = [];
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${customerId}`]: () =>
        json(200, {
          id: customerId,
          name: '王记粮油',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 0,
            orderCount: 0,
            orderValue: 0,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: ME,
          version: 1,
        }),
      'GET /v1/tasks': () => json(200, { items: [], nextCursor: null }),
      'POST /v1/tasks': async (request) => {
        const body = (await request.json()) as { title: string; dueOn: string };
        sent.push(body);
        if (body.title === 'x') {
          return json(400, {
            error: {
              code: 'validation_failed',
              message: 'Invalid request',
              fields: [{ path: 'title', message: 'must be clearer' }],
            },
          });
        }
        return json(
          201,
          task({
            id: '01J00000000000000000000T09',
            kind: 'follow_up',
            details: { title: body.title },
            dueOn: body.dueOn,
          }),
        );
      },
    });
    renderApp({ path: `/customers/${customerId}`, fetch });

    const what = await screen.findByLabelText(/What to do/, {}, { timeout: LAZY_MS });
    fireEvent.input(what, { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add follow-up' }));
    expect(await screen.findByText('must be clearer')).toBeTruthy();

    fireEvent.input(what, { target: { value: 'Call back about the rice order' } });
    fireEvent.input(screen.getByLabelText(/^By/), { target: { value: '2026-03-06' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add follow-up' }));
    expect(await screen.findByText(/Call back about the rice order/)).toBeTruthy();
    expect(screen.getByText('Follow-up added for you.').getAttribute('role')).toBe('status');
    expect(sent.at(-1)).toEqual({ customerId, title: 'Call back about the rice order', dueOn: '2026-03-06' });
    await waitFor(() => expect((what as HTMLInputElement).value).toBe(''));
  });
});
