import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type ServiceRequest = components['schemas']['ServiceRequestView'];
const CUSTOMER_ID = '01J00000000000000000000001';
const REQUEST_ID = '01J0000000000000000000000S';
const TECH_ID = '01J0000000000000000000000T';
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

function serviceRequest(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id: REQUEST_ID,
    customerId: CUSTOMER_ID,
    summary: 'AC not cooling',
    category: 'repair',
    priority: 'high',
    channel: 'phone',
    requestedWindow: null,
    status: 'received',
    stepEnteredAt: now,
    stepDueAt: '2026-03-01T08:00:00.000Z',
    overdue: false,
    escalations: [],
    assignee: null,
    dueAt: null,
    visits: [],
    result: null,
    followUp: null,
    planId: null,
    planDueOn: null,
    trail: [{ at: now, by: 'u1', action: 'receive', from: null, to: 'received', details: {} }],
    receivedAt: now,
    receivedBy: 'u1',
    createdAt: now,
    updatedAt: now,
    updatedBy: 'u1',
    version: 1,
    ...overrides,
  };
}

const technician = {
  id: TECH_ID,
  email: 'li@example.com',
  name: 'Li Technician',
  role: 'member',
  status: 'active',
  createdAt: now,
  updatedAt: now,
  version: 1,
};

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

describe('the service board', () => {
  it('puts each request in its status column with priority and assignee', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/service-requests': () =>
        json(200, {
          items: [
            serviceRequest(),
            serviceRequest({
              id: '01J0000000000000000000000R',
              summary: 'Install the heater',
              status: 'dispatched',
              priority: 'urgent',
              assignee: { kind: 'user', userId: TECH_ID },
              dueAt: '2026-03-03T03:00:00.000Z',
              overdue: true,
              escalations: [{ step: 'dispatched', dueAt: '2026-03-02T03:00:00.000Z', at: now }],
            }),
          ],
          nextCursor: null,
        }),
      'GET /v1/users': () => json(200, { items: [technician] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
    });
    renderApp({ path: '/service', fetch, locale: 'en' });
    const board = await screen.findByTestId('service-board', {}, { timeout: LAZY_MS });
    const dispatched = board.querySelector('[data-status="dispatched"]') as HTMLElement;
    const received = board.querySelector('[data-status="received"]') as HTMLElement;
    expect(within(dispatched).getByText('Install the heater')).toBeTruthy();
    expect(within(dispatched).getByText('Urgent')).toBeTruthy();
    await waitFor(() => expect(within(dispatched).getByText('Li Technician')).toBeTruthy());
    expect(within(received).getByText('AC not cooling')).toBeTruthy();
    expect(within(received).getByText('Not dispatched')).toBeTruthy();
    // The status's SLA: the late one is flagged, the other says when it falls due.
    expect(dispatched.querySelector('[data-sla="overdue"]')?.textContent).toBe('Overdue');
    expect(received.querySelector('[data-sla="overdue"]')).toBeNull();
    expect(received.querySelector('[data-sla="due"]')?.textContent).toMatch(/^Due /);
  });

  it('names the statuses in Chinese', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/service-requests': () => json(200, { items: [], nextCursor: null }),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
    });
    renderApp({ path: '/service', fetch, locale: 'zh-CN' });
    expect(await screen.findByText('已派工', { exact: false }, { timeout: LAZY_MS })).toBeTruthy();
    expect(screen.getByText('已受理', { exact: false })).toBeTruthy();
  });
});

describe('a service request’s page', () => {
  it('offers only the moves the API allows and dispatches to the chosen technician', async () => {
    let sent: unknown;
    const planned = serviceRequest({
      status: 'planned',
      version: 2,
      visits: [
        {
          id: '01J0000000000000000000000V',
          start: '2026-03-03T01:00:00.000Z',
          end: '2026-03-03T03:00:00.000Z',
          technicianId: null,
          createdAt: now,
          createdBy: 'u1',
          updatedAt: now,
        },
      ],
      next: [
        {
          to: 'dispatched',
          action: 'dispatch',
          fields: [
            { name: 'assignee', required: true },
            { name: 'note', required: false },
          ],
        },
      ],
      trail: [
        { at: now, by: 'u1', action: 'receive', from: null, to: 'received', details: {} },
        {
          at: now,
          by: 'u1',
          action: 'plan',
          from: 'received',
          to: 'planned',
          details: { scheduledStart: '2026-03-03T01:00:00.000Z', priority: 'high' },
        },
        {
          at: now,
          by: 'u1',
          action: 'dispatch',
          from: 'planned',
          to: 'planned',
          details: { assignee: `user:${TECH_ID}`, visitId: 'V1' },
        },
      ],
    });
    const { fetch } = fakeFetch({
      [`GET /v1/service-requests/${REQUEST_ID}`]: () => json(200, planned),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(200, { items: [technician] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
      [`POST /v1/service-requests/${REQUEST_ID}/transitions`]: async (request) => {
        sent = await request.json();
        return json(
          200,
          serviceRequest({
            status: 'dispatched',
            version: 3,
            assignee: { kind: 'user', userId: TECH_ID },
            next: [],
          }),
        );
      },
    });
    renderApp({ path: `/service/requests/${REQUEST_ID}`, fetch, locale: 'en' });
    const trail = await screen.findByTestId('service-trail', {}, { timeout: LAZY_MS });
    expect(within(trail).getByText('Planned')).toBeTruthy();
    // The trail says what its details mean: a date, a label, a name — never the stored codes.
    await within(trail).findByText('Li Technician');
    expect(within(trail).getByText(/^Priority/).textContent).toBe('Priority: High');
    expect(trail.textContent).not.toMatch(/2026-03-03T|user:|V1/);
    expect(screen.getByTestId('service-visits')).toBeTruthy();
    const moves = screen.getAllByRole('button').filter((button) => button.dataset.next);
    expect(moves.map((button) => button.dataset.next)).toEqual(['dispatched']);

    fireEvent.click(moves[0] as HTMLElement);
    const who = (await screen.findByLabelText('Who')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Li Technician' });
    fireEvent.change(who, { target: { value: TECH_ID } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the step' }));

    await waitFor(() =>
      expect(sent).toEqual({ to: 'dispatched', version: 2, assignee: { kind: 'user', userId: TECH_ID } }),
    );
    await waitFor(() => expect(screen.getByTestId('service-status').textContent).toContain('Dispatched'));
  });

  it('keeps the API’s field error beside the score of a follow-up', async () => {
    const { fetch } = fakeFetch({
      [`GET /v1/service-requests/${REQUEST_ID}`]: () =>
        json(
          200,
          serviceRequest({
            status: 'resolved',
            next: [
              {
                to: 'followed_up',
                action: 'follow_up',
                fields: [
                  { name: 'score', required: true },
                  { name: 'note', required: true },
                  { name: 'method', required: false },
                ],
              },
            ],
          }),
        ),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
      [`POST /v1/service-requests/${REQUEST_ID}/transitions`]: () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [{ path: 'note', message: 'is required' }],
          },
        }),
    });
    renderApp({ path: `/service/requests/${REQUEST_ID}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: /Followed up/ }, { timeout: LAZY_MS }));
    const form = await screen.findByTestId('service-transition-form');
    expect(screen.getByRole('dialog', { name: 'Move to: Followed up (回访)' }).contains(form)).toBe(true);
    fireEvent.change(within(form).getByLabelText(/Satisfaction/), { target: { value: '4' } });
    fireEvent.input(within(form).getByLabelText('Note'), { target: { value: ' ' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('is required')).toBeTruthy();
    expect(screen.getByTestId('service-transition-form')).toBeTruthy();
  });

  it('names people, not their ids, for a partner, and asks the API nothing it would refuse a partner', async () => {
    const partnerSession = sessionAnswer();
    const me = { ...partnerSession.user, role: 'partner' as const };
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...partnerSession, user: me, expiresAt: Date.now() + 3_600_000 }),
    );
    const HEAD_OFFICE_ID = '01J0000000000000000000000H';
    const { fetch, calls } = fakeFetch({
      [`GET /v1/service-requests/${REQUEST_ID}`]: () =>
        json(
          200,
          serviceRequest({
            status: 'dispatched',
            assignee: { kind: 'partner', userId: me.id },
            trail: [
              { at: now, by: HEAD_OFFICE_ID, action: 'receive', from: null, to: 'received', details: {} },
            ],
          }),
        ),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(403, { error: { code: 'forbidden', message: 'admins only' } }),
      'GET /v1/complaints/departments': () =>
        json(403, { error: { code: 'forbidden', message: 'staff only' } }),
    });
    renderApp({ path: `/service/requests/${REQUEST_ID}`, fetch, locale: 'zh-CN' });

    expect(await screen.findByText(`合作伙伴：${me.name}`, {}, { timeout: LAZY_MS })).toBeTruthy();
    expect(await screen.findByText(/其他用户/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/01J0000000000000000000000H|01HYYYYYYYYYYYYYYYYYYYYYYY/);
    const asked = calls.map((call) => new URL(call.url).pathname);
    expect(asked.filter((path) => path === '/v1/users' || path === '/v1/complaints/departments')).toEqual([]);
  });
});
