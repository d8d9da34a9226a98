import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';
import { instantToLocal } from './visit-move-dialog.js';
import { weekStart } from './week.js';

type ServiceRequest = components['schemas']['ServiceRequestView'];
const REQUEST_ID = '01J0000000000000000000000S';
const VISIT_ID = '01J0000000000000000000000V';
const LAZY_MS = 20_000;
const session = sessionAnswer();
const me = session.user.id;

// The visit sits on this week's Monday, 09:00–11:00 local time: the week the calendar opens on.
const monday = weekStart(new Date());
const at = (dayOffset: number, hour: number) =>
  new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + dayOffset, hour).toISOString();

function dispatched(version = 4): ServiceRequest {
  const stamp = at(0, 8);
  return {
    id: REQUEST_ID,
    customerId: '01J00000000000000000000001',
    summary: 'Boiler service',
    category: 'maintenance',
    priority: 'normal',
    channel: 'phone',
    requestedWindow: null,
    status: 'dispatched',
    stepEnteredAt: stamp,
    stepDueAt: null,
    overdue: false,
    escalations: [],
    assignee: { kind: 'user', userId: me },
    dueAt: at(0, 11),
    visits: [
      {
        id: VISIT_ID,
        start: at(0, 9),
        end: at(0, 11),
        technicianId: me,
        createdAt: stamp,
        createdBy: me,
        updatedAt: stamp,
      },
    ],
    result: null,
    followUp: null,
    planId: null,
    planDueOn: null,
    trail: [],
    receivedAt: stamp,
    receivedBy: me,
    createdAt: stamp,
    updatedAt: stamp,
    updatedBy: me,
    version,
  };
}

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

const routes = (patch: (request: Request) => Response | Promise<Response>) => ({
  'GET /v1/service-requests': () => json(200, { items: [dispatched()], nextCursor: null }),
  'GET /v1/users': () => json(200, { items: [{ ...session.user, role: 'member' }] }),
  'GET /v1/complaints/departments': () => json(200, { items: [] }),
  [`PATCH /v1/service-requests/${REQUEST_ID}/visits/${VISIT_ID}`]: patch,
});

describe('moving visits on the technician calendar', () => {
  it('moves a visit with the keyboard-friendly dialog, saved with the version read (If-Match)', async () => {
    const sent: { ifMatch: string | null; body: { start: string; end: string } }[] = [];
    const { fetch } = fakeFetch(
      routes(async (request) => {
        sent.push({ ifMatch: request.headers.get('if-match'), body: await request.json() });
        return json(200, dispatched(5));
      }),
    );
    renderApp({ path: '/service/calendar', fetch, locale: 'en' });
    const move = await screen.findByRole(
      'button',
      { name: 'Move the visit for Boiler service' },
      { timeout: LAZY_MS },
    );
    fireEvent.click(move);
    const form = await screen.findByTestId('visit-move-form');
    expect(screen.getByRole('dialog', { name: 'Move the visit: Boiler service' }).contains(form)).toBe(true);
    expect((within(form).getByLabelText('New start') as HTMLInputElement).value).toBe(
      instantToLocal(at(0, 9)),
    );
    fireEvent.input(within(form).getByLabelText('New start'), {
      target: { value: instantToLocal(at(2, 14)) },
    });
    fireEvent.input(within(form).getByLabelText('New end'), { target: { value: instantToLocal(at(2, 16)) } });
    fireEvent.submit(form);
    expect(await screen.findByText('Visit moved.')).toBeTruthy();
    expect(sent).toEqual([{ ifMatch: '"4"', body: { start: at(2, 14), end: at(2, 16) } }]);
  });

  it('moves a dragged visit to the day it is dropped on, keeping its time; a stale version says so (中文)', async () => {
    const sent: { start: string; end: string }[] = [];
    const { fetch } = fakeFetch(
      routes(async (request) => {
        sent.push(await request.json());
        return json(409, { error: { code: 'version_conflict', message: 'The service request was changed' } });
      }),
    );
    renderApp({ path: '/service/calendar', fetch, locale: 'zh-CN' });
    const calendar = await screen.findByTestId('service-calendar', {}, { timeout: LAZY_MS });
    const visit = await waitFor(() => {
      const found = calendar.querySelector(`[data-visit="${VISIT_ID}"]`);
      if (!found) throw new Error('no visit yet');
      return found as HTMLElement;
    });
    const thursday = calendar.querySelector(
      `[data-day="${new Date(at(3, 0)).toISOString()}"]`,
    ) as HTMLElement;
    fireEvent.dragStart(visit);
    fireEvent.dragOver(thursday);
    fireEvent.drop(thursday);
    expect(await screen.findByText('此请求已被他人修改，日程已重新加载，请重试。')).toBeTruthy();
    expect(sent).toEqual([{ start: at(3, 9), end: at(3, 11) }]);
  });
});
