import { fireEvent, screen } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type ServiceSlaPolicy = components['schemas']['ServiceSlaPolicy'];
const LAZY = { timeout: 25_000 };
const session = sessionAnswer();
const hours = (urgent: number, high: number, normal: number, low: number) => ({ urgent, high, normal, low });
const policy: ServiceSlaPolicy = {
  hours: {
    received: hours(2, 8, 24, 48),
    planned: hours(4, 24, 48, 72),
    dispatched: hours(8, 24, 48, 96),
    in_progress: hours(24, 48, 96, 168),
    resolved: hours(48, 72, 120, 168),
  },
};

function input(name: string): HTMLInputElement {
  const found = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!found) throw new Error(`no input ${name}`);
  return found;
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

const me = () =>
  json(200, { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } });

describe('the service SLA policy (服务时限)', () => {
  it('edits the hours of one status and priority and saves them with the version read (中文)', async () => {
    let sent: { policy: ServiceSlaPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': me,
      'GET /v1/service-requests/sla-policy': () => json(200, { policy, version: 0, updatedAt: null }),
      'PUT /v1/service-requests/sla-policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 1, updatedAt: '2026-01-02T00:00:00.000Z' });
      },
    });
    renderApp({ path: '/settings/policies?tab=service', fetch, locale: 'zh-CN' });

    expect(await screen.findByRole('heading', { name: '服务请求时限' }, LAZY)).toBeTruthy();
    expect(await screen.findAllByTestId('service-sla-row', {}, LAZY)).toHaveLength(5);
    expect(screen.getByLabelText('已派工，紧急（小时）')).toBe(input('hours.dispatched.urgent'));
    fireEvent.input(input('hours.dispatched.urgent'), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await screen.findByText('第 1 版');
    expect(sent).toEqual({
      version: 0,
      policy: { hours: { ...policy.hours, dispatched: { ...policy.hours.dispatched, urgent: 6 } } },
    });
  });

  it('shows the API’s field message beside the hours it names', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': me,
      'GET /v1/service-requests/sla-policy': () => json(200, { policy, version: 3, updatedAt: null }),
      'PUT /v1/service-requests/sla-policy': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [{ path: 'policy.hours.resolved.low', message: 'must be at least 1 hour' }],
          },
        }),
    });
    renderApp({ path: '/settings/policies?tab=service', fetch, locale: 'en' });
    await screen.findByRole('heading', { name: 'Service request SLAs (服务时限)' }, LAZY);
    await screen.findAllByTestId('service-sla-row', {}, LAZY);
    fireEvent.input(input('hours.resolved.low'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('must be at least 1 hour')).toBeTruthy();
  });
});
