import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();
const me = { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } };

const draft = {
  id: '01JWORKFLOW000000000000001',
  name: 'A-class customer at churn risk',
  status: 'draft',
  template: 'a-class-churn-risk',
  trigger: { type: 'event', event: 'churn.risk.raised' },
  conditions: { op: 'eq', path: 'data.abcClass', value: 'A' },
  actions: [{ type: 'task', assignTo: 'owner', title: 'Call within 24 h', dueInHours: 24 }],
  createdAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  createdBy: session.user.id,
  updatedBy: session.user.id,
  version: 1,
};
const templates = [
  {
    id: 'a-class-churn-risk',
    name: {
      en: 'A-class customer at churn risk → task for the owner within 24 h',
      'zh-CN': 'A 类客户流失风险',
    },
    description: { en: 'A task for the owner.', 'zh-CN': '给负责人创建任务。' },
    needsEndpoint: false,
  },
];

/** The catalog answer for these event types. */
const catalogOf = (types: string[]) =>
  json(200, {
    items: types.map((type) => ({
      type,
      version: 1,
      entityType: type.split('.')[0],
      description: type,
      schema: {},
    })),
  });

/** The server for opening the draft from the list, with these catalog events. */
const draftRoutes = (catalogTypes: string[]) =>
  fakeFetch({
    'GET /v1/me': () => json(200, me),
    'GET /v1/tenant': () => json(200, session.tenant),
    'GET /v1/workflows': () => json(200, { items: [{ ...draft, lastRun: null }] }),
    'GET /v1/workflows/templates': () => json(200, { items: templates }),
    'GET /v1/webhooks': () => json(200, { items: [] }),
    'GET /v1/events/catalog': () => catalogOf(catalogTypes),
    [`GET /v1/workflows/${draft.id}`]: () => json(200, draft),
    [`GET /v1/workflows/${draft.id}/runs`]: () => json(200, { items: [] }),
  });

beforeEach(() => {
  localStorage.clear();
  createSessionStore(localStorage).start(session);
});

describe('workflows', () => {
  it('creates a draft from a template, dry-runs it step by step and activates it', async () => {
    const workflows: (typeof draft)[] = [];
    let tested: unknown;
    let patched: Record<string, unknown> | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/workflows': () => json(200, { items: workflows }),
      'GET /v1/workflows/templates': () => json(200, { items: templates }),
      'GET /v1/webhooks': () => json(200, { items: [] }),
      'GET /v1/events/catalog': () => catalogOf(['churn.risk.raised', 'customer.updated']),
      'POST /v1/workflows/from-template': () => {
        workflows.push(draft);
        return json(201, draft);
      },
      [`GET /v1/workflows/${draft.id}`]: () => json(200, draft),
      [`GET /v1/workflows/${draft.id}/runs`]: () =>
        json(200, {
          items: [
            {
              id: '01JRUNRUNRUNRUNRUNRUNRUN01',
              workflowId: draft.id,
              workflowVersion: 1,
              trigger: 'event',
              eventId: 'evt-1',
              eventType: 'churn.risk.raised',
              status: 'completed',
              depth: 1,
              plan: {
                eventId: 'evt-1',
                eventType: 'churn.risk.raised',
                triggerMatched: true,
                matched: true,
                conditions: { op: 'eq', matched: true },
                actions: [],
              },
              steps: [
                {
                  index: 0,
                  type: 'task',
                  status: 'done',
                  summary: 'Create the task “Call within 24 h” for the customer’s owner',
                  at: '2026-01-02T00:00:01.000Z',
                  ms: 12,
                },
              ],
              nextStep: 1,
              startedAt: '2026-01-02T00:00:00.000Z',
              finishedAt: '2026-01-02T00:00:01.000Z',
              durationMs: 12,
            },
          ],
        }),
      [`POST /v1/workflows/${draft.id}/test`]: async (request) => {
        tested = await request.json();
        return json(200, {
          eventId: 'sample',
          eventType: 'churn.risk.raised',
          triggerMatched: true,
          matched: true,
          conditions: { op: 'eq', matched: true, path: 'data.abcClass', actual: 'A', expected: 'A' },
          customerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
          actions: [
            {
              index: 0,
              type: 'task',
              summary: 'Create the task “Call within 24 h” for the customer’s owner, due 2026-01-03',
              effect: {},
            },
          ],
        });
      },
      [`PATCH /v1/workflows/${draft.id}`]: async (request) => {
        patched = (await request.json()) as Record<string, unknown>;
        return json(200, { ...draft, status: 'active', version: 2 });
      },
    });
    renderApp({ path: '/settings/workflows', fetch });

    fireEvent.click(
      await screen.findByRole('button', { name: /Create draft: A-class customer at churn risk/ }, LAZY),
    );
    expect(await screen.findByText(/Edit “A-class customer at churn risk”/)).toBeTruthy();
    expect(
      await screen.findByText(/Create the task “Call within 24 h” for the customer’s owner$/),
    ).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Sample data (JSON)'), {
      target: { value: '{"id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "abcClass": "A"}' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run the dry run' }));
    expect(await screen.findByText('Conditions hold: the actions would run')).toBeTruthy();
    expect(screen.getByText(/found "A"/)).toBeTruthy();
    expect(screen.getByText(/due 2026-01-03/)).toBeTruthy();
    expect(tested).toEqual({ event: { data: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', abcClass: 'A' } } });

    fireEvent.click(screen.getByRole('button', { name: 'Save and activate' }));
    await waitFor(() => expect(patched).toMatchObject({ status: 'active', version: 1 }));
    expect(patched?.conditions).toEqual({ op: 'all', of: [{ op: 'eq', path: 'data.abcClass', value: 'A' }] });
    expect(await screen.findByText('Saved (version 2).')).toBeTruthy();
  });

  it('asks for a template’s draft in the reader’s language, so a Chinese tenant reads its name in Chinese', async () => {
    let sent: unknown;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/workflows': () => json(200, { items: [] }),
      'GET /v1/workflows/templates': () => json(200, { items: templates }),
      'GET /v1/webhooks': () => json(200, { items: [] }),
      'GET /v1/events/catalog': () => json(200, { items: [] }),
      'POST /v1/workflows/from-template': async (request) => {
        sent = await request.json();
        return json(201, { ...draft, name: 'A 类客户流失风险' });
      },
      [`GET /v1/workflows/${draft.id}`]: () => json(200, { ...draft, name: 'A 类客户流失风险' }),
      [`GET /v1/workflows/${draft.id}/runs`]: () => json(200, { items: [] }),
    });
    renderApp({ path: '/settings/workflows', fetch, locale: 'zh-CN' });

    fireEvent.click(await screen.findByRole('button', { name: /创建草稿: A 类客户流失风险/ }, LAZY));

    await waitFor(() => expect(sent).toEqual({ templateId: 'a-class-churn-risk', locale: 'zh-CN' }));
  });

  it('names the comparisons of a condition in Chinese, not by their codes (eq, changed_from)', async () => {
    const { fetch } = draftRoutes([]);
    renderApp({ path: '/settings/workflows', fetch, locale: 'zh-CN' });

    fireEvent.click(await screen.findByRole('button', { name: `打开 ${draft.name}` }, LAZY));

    const comparison = (await screen.findByLabelText('比较')) as HTMLSelectElement;
    const options = [...comparison.options].map((option) => option.textContent);
    expect(options).toContain('等于');
    expect(options).toContain('变化为');
    expect(options.filter((option) => /^[a-z_]+$/.test(option ?? ''))).toEqual([]);
  });

  it('names the trigger’s events in Chinese in the list and the picker, the selected type beside it', async () => {
    const { fetch } = draftRoutes(['churn.risk.raised', 'customer.updated']);
    renderApp({ path: '/settings/workflows', fetch, locale: 'zh-CN' });

    expect(await screen.findByText('出现客户流失风险时', {}, LAZY)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `打开 ${draft.name}` }));

    const picker = (await screen.findByLabelText(/^事件/)) as HTMLSelectElement;
    await waitFor(() => expect(picker.options).toHaveLength(2));
    expect([...picker.options].map((option) => [option.textContent, option.value])).toEqual([
      ['出现客户流失风险', 'churn.risk.raised'],
      ['客户已更新', 'customer.updated'],
    ]);
    expect(picker.value).toBe('churn.risk.raised');
    expect(screen.getByText('churn.risk.raised').closest('.field__description')?.textContent).toBe(
      '类型：churn.risk.raised',
    );
  });
});
