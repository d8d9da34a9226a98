import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Complaint = components['schemas']['ComplaintView'];
const CUSTOMER_ID = '01J00000000000000000000001';
const COMPLAINT_ID = '01J0000000000000000000000Q';
const DEPARTMENT_ID = '01J0000000000000000000000D';
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: COMPLAINT_ID,
    customerId: CUSTOMER_ID,
    summary: 'Parcel arrived broken',
    category: 'delivery',
    severity: 'high',
    channel: 'phone',
    attachments: [],
    step: 'recorded',
    outcome: null,
    departmentId: null,
    stepEnteredAt: now,
    stepDueAt: '2026-03-01T08:00:00.000Z',
    overdue: false,
    escalations: [],
    followUp: null,
    trail: [{ at: now, by: 'u1', action: 'record', from: null, to: 'recorded', details: {} }],
    recordedAt: now,
    recordedBy: 'u1',
    createdAt: now,
    updatedAt: now,
    updatedBy: 'u1',
    version: 1,
    ...overrides,
  };
}

// jsdom has no ResizeObserver; Kobalte's tab indicator measures with one.
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

describe('the complaints board', () => {
  it('puts each complaint in its step’s column, overdue ones flagged', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/complaints': () =>
        json(200, {
          items: [
            complaint(),
            complaint({
              id: '01J0000000000000000000000R',
              summary: 'Rude driver',
              step: 'analysed',
              overdue: true,
            }),
          ],
          nextCursor: null,
        }),
    });
    renderApp({ path: '/complaints', fetch, locale: 'en' });
    const board = await screen.findByTestId('complaints-board', {}, { timeout: LAZY_MS });
    const analysed = board.querySelector('[data-step="analysed"]') as HTMLElement;
    const recorded = board.querySelector('[data-step="recorded"]') as HTMLElement;
    expect(within(analysed).getByText('Rude driver')).toBeTruthy();
    expect(within(analysed).getByText('Overdue')).toBeTruthy();
    expect(within(recorded).getByText('Parcel arrived broken')).toBeTruthy();
    expect(within(recorded).queryByText('Overdue')).toBeNull();
  });

  it('lets an admin rename a department and pick its members from the active people, against its version', async () => {
    const department = {
      id: DEPARTMENT_ID,
      name: 'Logistics',
      memberIds: ['01J000000000000000000000U1'],
      createdAt: now,
      updatedAt: now,
      version: 4,
    };
    const puts: unknown[] = [];
    const user = (id: string, name: string, role: string, status = 'active') => ({
      id,
      name,
      email: `${name.toLowerCase()}@example.com`,
      role,
      status,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const { fetch } = fakeFetch({
      'GET /v1/complaints': () => json(200, { items: [], nextCursor: null }),
      'GET /v1/complaints/departments': () => json(200, { items: [department] }),
      'GET /v1/users': () =>
        json(200, {
          items: [
            user('01J000000000000000000000U1', 'Ann', 'member'),
            user('01J000000000000000000000U2', 'Bo', 'admin'),
            user('01J000000000000000000000U3', 'Dealer', 'partner'),
            user('01J000000000000000000000U4', 'Gone', 'member', 'disabled'),
          ],
        }),
      [`PUT /v1/complaints/departments/${DEPARTMENT_ID}`]: async (request) => {
        puts.push(await request.json());
        return json(200, { ...department, name: 'Logistics 物流', version: 5 });
      },
    });
    renderApp({ path: '/complaints', fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Logistics' }, { timeout: LAZY_MS }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Logistics' });
    expect(((await within(dialog).findByLabelText('Ann')) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).queryByLabelText('Dealer')).toBeNull();
    expect(within(dialog).queryByLabelText('Gone')).toBeNull();
    fireEvent.click(within(dialog).getByLabelText('Bo'));
    fireEvent.click(within(dialog).getByLabelText('Ann'));
    fireEvent.input(within(dialog).getByLabelText(/Department name/), {
      target: { value: 'Logistics 物流' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save department' }));
    await waitFor(() =>
      expect(puts).toEqual([
        { name: 'Logistics 物流', memberIds: ['01J000000000000000000000U2'], version: 4 },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('names the steps in Chinese', async () => {
    const { fetch } = fakeFetch({ 'GET /v1/complaints': () => json(200, { items: [], nextCursor: null }) });
    renderApp({ path: '/complaints', fetch, locale: 'zh-CN' });
    expect(await screen.findByText('分析原因', { exact: false }, { timeout: LAZY_MS })).toBeTruthy();
    expect(screen.getByText('主管审批', { exact: false })).toBeTruthy();
  });
});

describe('a complaint’s page', () => {
  it('shows the trail and offers only the moves the API allows, with their fields', async () => {
    let sent: unknown;
    const assigned = complaint({
      step: 'validated',
      version: 2,
      next: [{ to: 'assigned', action: 'assign', fields: [{ name: 'departmentId', required: true }] }],
      trail: [
        { at: now, by: 'u1', action: 'record', from: null, to: 'recorded', details: {} },
        { at: now, by: 'u1', action: 'accept', from: 'recorded', to: 'validated', details: {} },
      ],
    });
    const { fetch } = fakeFetch({
      [`GET /v1/complaints/${COMPLAINT_ID}`]: () => json(200, assigned),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/complaints/departments': () =>
        json(200, {
          items: [
            {
              id: DEPARTMENT_ID,
              name: 'Logistics',
              memberIds: [],
              createdAt: now,
              updatedAt: now,
              version: 1,
            },
          ],
        }),
      [`POST /v1/complaints/${COMPLAINT_ID}/transitions`]: async (request) => {
        sent = await request.json();
        return json(200, complaint({ step: 'assigned', departmentId: DEPARTMENT_ID, version: 3, next: [] }));
      },
    });
    renderApp({ path: `/complaints/${COMPLAINT_ID}`, fetch, locale: 'en' });
    const trail = await screen.findByTestId('complaint-trail', {}, { timeout: LAZY_MS });
    expect(within(trail).getByText('Judged valid')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Big Buyer Ltd' })).toBeTruthy();
    const moves = screen.getAllByRole('button').filter((button) => button.dataset.next);
    expect(moves.map((button) => button.dataset.next)).toEqual(['assigned']);

    fireEvent.click(moves[0] as HTMLElement);
    const select = (await screen.findByLabelText(/Department/)) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Logistics' });
    fireEvent.change(select, { target: { value: DEPARTMENT_ID } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the step' }));

    await waitFor(() => expect(sent).toEqual({ to: 'assigned', version: 2, departmentId: DEPARTMENT_ID }));
    await waitFor(() => expect(screen.getByTestId('complaint-step').textContent).toContain('Assigned'));
  });

  it('records how the follow-up call went on a closed complaint, with the version on screen', async () => {
    const closed = complaint({
      step: 'closed',
      outcome: 'resolved',
      stepDueAt: null,
      rating: 4,
      followUp: { dueAt: '2026-03-15T08:00:00.000Z', status: 'scheduled' },
      version: 9,
      next: [],
      trail: [
        { at: now, by: 'u1', action: 'record', from: null, to: 'recorded', details: {} },
        {
          at: now,
          by: 'u1',
          action: 'carry_out',
          from: 'approved',
          to: 'carried_out',
          details: { customerNotified: true },
        },
      ],
    });
    let sent: unknown;
    const { fetch } = fakeFetch({
      [`GET /v1/complaints/${COMPLAINT_ID}`]: () => json(200, closed),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
      [`POST /v1/complaints/${COMPLAINT_ID}/follow-up`]: async (request) => {
        sent = await request.json();
        return json(
          200,
          complaint({
            ...closed,
            followUp: {
              dueAt: '2026-03-15T08:00:00.000Z',
              status: 'done',
              doneAt: '2026-03-15T09:00:00.000Z',
              doneBy: 'u1',
              outcome: 'still_unhappy',
              note: 'Wants a discount',
              score: 2,
            },
            version: 10,
          }),
        );
      },
    });
    renderApp({ path: `/complaints/${COMPLAINT_ID}`, fetch, locale: 'en' });
    const call = await screen.findByTestId('complaint-follow-up', {}, { timeout: LAZY_MS });
    // A yes/no detail of the trail reads as words, not `true`.
    expect(within(screen.getByTestId('complaint-trail')).getByText(/notified: yes$/)).toBeTruthy();
    fireEvent.change(within(call).getByLabelText('How did the call go?'), {
      target: { value: 'still_unhappy' },
    });
    fireEvent.input(within(call).getByLabelText('Note (optional)'), {
      target: { value: 'Wants a discount' },
    });
    // No score for a customer who could not be reached: the field goes while that is chosen.
    fireEvent.change(within(call).getByLabelText('How did the call go?'), {
      target: { value: 'unreachable' },
    });
    expect(within(call).queryByLabelText('Satisfaction now (1–5)')).toBeNull();
    fireEvent.change(within(call).getByLabelText('How did the call go?'), {
      target: { value: 'still_unhappy' },
    });
    fireEvent.change(within(call).getByLabelText('Satisfaction now (1–5)'), { target: { value: '2' } });
    fireEvent.click(within(call).getByRole('button', { name: 'Record the call' }));
    await waitFor(() =>
      expect(sent).toEqual({ outcome: 'still_unhappy', note: 'Wants a discount', score: 2, version: 9 }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('complaint-follow-up').textContent).toContain(
        'Still unhappy — Wants a discount',
      ),
    );
    expect(screen.getByTestId('complaint-follow-up').textContent).toContain(
      'Satisfaction after the call: 2/5',
    );
    expect(screen.queryByRole('button', { name: 'Record the call' })).toBeNull();
  });

  it('shows the API’s field error beside the field and keeps the dialog open', async () => {
    const { fetch } = fakeFetch({
      [`GET /v1/complaints/${COMPLAINT_ID}`]: () =>
        json(
          200,
          complaint({
            step: 'carried_out',
            next: [
              {
                to: 'closed',
                action: 'review',
                fields: [
                  { name: 'rating', required: true },
                  { name: 'evaluation', required: true },
                ],
              },
            ],
          }),
        ),
      [`GET /v1/customers/${CUSTOMER_ID}`]: () => json(200, { id: CUSTOMER_ID, name: 'Big Buyer Ltd' }),
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/complaints/departments': () => json(200, { items: [] }),
      [`POST /v1/complaints/${COMPLAINT_ID}/transitions`]: () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [{ path: 'evaluation', message: 'is required' }],
          },
        }),
    });
    renderApp({ path: `/complaints/${COMPLAINT_ID}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: /Closed/ }, { timeout: LAZY_MS }));
    const form = await screen.findByTestId('transition-form');
    expect(screen.getByRole('dialog', { name: 'Move to: Closed (总结评价)' }).contains(form)).toBe(true);
    fireEvent.change(within(form).getByLabelText(/Rating/), { target: { value: '4' } });
    fireEvent.input(within(form).getByLabelText('Evaluation'), { target: { value: ' ' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('is required')).toBeTruthy();
  });
});

describe('complaints on the customer 360°', () => {
  it('counts the open complaints and records a new one from the complaints tab', async () => {
    let sent: unknown;
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 1,
            orderCount: 0,
            orderValue: 0,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: now,
          updatedAt: now,
          createdBy: 'u1',
          version: 1,
        }),
      'GET /v1/complaints': () => json(200, { items: [complaint()], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/satisfaction`]: () =>
        json(200, { customerId: CUSTOMER_ID, ratings: 2, mean: 4.5, lastRating: 5, lastRatedAt: now }),
      'POST /v1/complaints': async (request) => {
        sent = await request.json();
        return json(201, complaint({ id: '01J0000000000000000000000S', summary: 'Wrong invoice' }));
      },
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=complaints`, fetch, locale: 'en' });
    expect(await screen.findByText('1 open complaint', {}, { timeout: LAZY_MS })).toBeTruthy();
    expect(await screen.findByText(/4.5 of 5 from 2 rated complaints/)).toBeTruthy();
    const form = screen.getByTestId('record-complaint');
    fireEvent.input(within(form).getByLabelText(/Summary/), { target: { value: 'Wrong invoice' } });
    fireEvent.change(within(form).getByLabelText('Severity'), { target: { value: 'critical' } });
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'billing' } });
    // The channels are named, not shown as the API's codes (in_person, wechat).
    const channel = within(form).getByLabelText('Channel') as HTMLSelectElement;
    expect([...channel.options].map((option) => option.textContent)).toContain('WeChat (微信)');
    expect([...channel.options].map((option) => option.textContent)).not.toContain('in_person');
    fireEvent.change(channel, { target: { value: 'wechat' } });
    fireEvent.submit(form);
    await waitFor(() =>
      expect(sent).toEqual({
        customerId: CUSTOMER_ID,
        summary: 'Wrong invoice',
        severity: 'critical',
        category: 'billing',
        channel: 'wechat',
        attachments: [],
      }),
    );
    expect(await screen.findByText('Complaint recorded.')).toBeTruthy();
  });

  it('records several attachment links, added and removed on the form, with http(s) checked beside each row', async () => {
    const sent: { attachments?: unknown }[] = [];
    let refuseSecond = true;
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
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
          createdBy: 'u1',
          version: 1,
        }),
      'GET /v1/complaints': () => json(200, { items: [], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/satisfaction`]: () =>
        json(200, { customerId: CUSTOMER_ID, ratings: 0, mean: null, lastRating: null, lastRatedAt: null }),
      'POST /v1/complaints': async (request) => {
        sent.push(await request.json());
        if (refuseSecond) {
          refuseSecond = false;
          return json(400, {
            error: {
              code: 'validation_failed',
              message: 'Invalid body: attachments.1.label: too long',
              fields: [{ path: 'attachments.1.label', message: 'too long' }],
            },
          });
        }
        return json(201, complaint({ id: '01J0000000000000000000000S', summary: 'Scratched door' }));
      },
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=complaints`, fetch, locale: 'en' });
    const form = await screen.findByTestId('record-complaint', {}, { timeout: LAZY_MS });
    const links = within(form).getByTestId('attachment-links');
    fireEvent.input(within(form).getByLabelText(/Summary/), { target: { value: 'Scratched door' } });
    fireEvent.click(within(links).getByRole('button', { name: 'Add a link' }));
    fireEvent.click(within(links).getByRole('button', { name: 'Add a link' }));
    fireEvent.input(within(links).getByLabelText('Link 1'), {
      target: { value: 'https://drive.test/a.jpg' },
    });
    fireEvent.input(within(links).getByLabelText('Link 2'), { target: { value: 'ftp://files.test/b.jpg' } });
    fireEvent.input(within(links).getByLabelText('Link 3'), { target: { value: 'http://tickets.test/7' } });
    fireEvent.input(within(links).getByLabelText('Label of link 3 (optional)'), {
      target: { value: 'Ticket 7' },
    });

    // Not http(s): the error shows beside that row, and nothing is sent.
    fireEvent.submit(form);
    const second = () => within(links.querySelectorAll('[data-attachment-row]')[1] as HTMLElement);
    expect(await second().findByText('Must be an http(s) link')).toBeTruthy();
    expect(sent).toEqual([]);

    // The bad row removed, the rest are sent in order; the API's error on the second sent one
    // shows beside the row it came from (now the second row).
    fireEvent.click(within(links).getByRole('button', { name: 'Remove link 2' }));
    expect(within(links).queryByDisplayValue('ftp://files.test/b.jpg')).toBeNull();
    fireEvent.submit(form);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.attachments).toEqual([
      { url: 'https://drive.test/a.jpg' },
      { url: 'http://tickets.test/7', label: 'Ticket 7' },
    ]);
    expect(await second().findByText('too long')).toBeTruthy();
    expect(within(form).queryByRole('alert')).toBeNull();

    fireEvent.submit(form);
    expect(await screen.findByText('Complaint recorded.')).toBeTruthy();
    expect(sent).toHaveLength(2);
    // Recorded: the form starts over with one empty row.
    expect(within(links).getAllByLabelText(/^Link \d$/)).toHaveLength(1);
  });

  it('stops offering another link at the API’s 20', async () => {
    const { fetch } = fakeFetch({
      [`GET /v1/customers/${CUSTOMER_ID}`]: () =>
        json(200, {
          id: CUSTOMER_ID,
          name: 'Big Buyer Ltd',
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
          createdBy: 'u1',
          version: 1,
        }),
      'GET /v1/complaints': () => json(200, { items: [], nextCursor: null }),
      [`GET /v1/customers/${CUSTOMER_ID}/satisfaction`]: () =>
        json(200, { customerId: CUSTOMER_ID, ratings: 0, mean: null, lastRating: null, lastRatedAt: null }),
    });
    renderApp({ path: `/customers/${CUSTOMER_ID}?tab=complaints`, fetch, locale: 'en' });
    const links = await screen.findByTestId('attachment-links', {}, { timeout: LAZY_MS });
    for (let row = 1; row < 20; row += 1)
      fireEvent.click(within(links).getByRole('button', { name: 'Add a link' }));
    expect(within(links).getAllByLabelText(/^Link \d+$/)).toHaveLength(20);
    expect(within(links).queryByRole('button', { name: 'Add a link' })).toBeNull();
    expect(within(links).getByText('At most 20 links per complaint.')).toBeTruthy();
  });
});
