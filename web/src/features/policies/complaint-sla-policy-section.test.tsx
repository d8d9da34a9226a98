import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type ComplaintSlaPolicy = components['schemas']['ComplaintSlaPolicy'];
const LAZY = { timeout: 25_000 };
const session = sessionAnswer();
const hours = (critical: number, high: number, medium: number, low: number) => ({
  critical,
  high,
  medium,
  low,
});
const policy: ComplaintSlaPolicy = {
  hours: {
    recorded: hours(4, 8, 24, 48),
    validated: hours(4, 8, 24, 48),
    assigned: hours(24, 48, 72, 120),
    analysed: hours(24, 48, 72, 120),
    proposed: hours(8, 24, 48, 72),
    approved: hours(24, 48, 72, 120),
    carried_out: hours(48, 72, 120, 168),
  },
  followUpDays: 14,
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

describe('the complaint SLA policy (投诉处理时限)', () => {
  it('edits the hours of one step and severity and the follow-up days, saved with the version read (中文)', async () => {
    let sent: { policy: ComplaintSlaPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': me,
      'GET /v1/complaints/sla-policy': () => json(200, { policy, version: 0, updatedAt: null }),
      'PUT /v1/complaints/sla-policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 1, updatedAt: '2026-01-02T00:00:00.000Z' });
      },
    });
    renderApp({ path: '/settings/policies?tab=complaints', fetch, locale: 'zh-CN' });

    expect(await screen.findByRole('heading', { name: '投诉处理时限' }, LAZY)).toBeTruthy();
    expect(await screen.findAllByTestId('complaint-sla-row', {}, LAZY)).toHaveLength(7);
    expect(screen.getByRole('tab', { name: '投诉时限' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByLabelText('主管审批，紧急（小时）')).toBe(input('hours.approved.critical'));
    fireEvent.input(input('hours.approved.critical'), { target: { value: '12' } });
    fireEvent.input(input('followUpDays'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await screen.findByText('第 1 版');
    expect(sent).toEqual({
      version: 0,
      policy: {
        hours: { ...policy.hours, approved: { ...policy.hours.approved, critical: 12 } },
        followUpDays: 7,
      },
    });
  });

  it('shows the API’s field message beside the field it names', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': me,
      'GET /v1/complaints/sla-policy': () => json(200, { policy, version: 2, updatedAt: null }),
      'PUT /v1/complaints/sla-policy': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [
              { path: 'policy.hours.carried_out.low', message: 'must be at least 1 hour' },
              { path: 'policy.followUpDays', message: 'must be at most a year' },
            ],
          },
        }),
    });
    renderApp({ path: '/settings/policies?tab=complaints', fetch, locale: 'en' });
    await screen.findByRole('heading', { name: 'Complaint SLAs (投诉处理时限)' }, LAZY);
    await screen.findAllByTestId('complaint-sla-row', {}, LAZY);
    fireEvent.input(input('hours.carried_out.low'), { target: { value: '0' } });
    fireEvent.input(input('followUpDays'), { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const hoursError = await screen.findByText('must be at least 1 hour');
    expect(input('hours.carried_out.low').getAttribute('aria-describedby')).toContain(hoursError.id);
    const daysError = screen.getByText('must be at most a year');
    expect(input('followUpDays').getAttribute('aria-describedby')).toContain(daysError.id);
  });

  it('says when someone else saved meanwhile and reloads their version', async () => {
    let version = 1;
    let followUpDays = 14;
    const { fetch } = fakeFetch({
      'GET /v1/me': me,
      'GET /v1/complaints/sla-policy': () =>
        json(200, { policy: { ...policy, followUpDays }, version, updatedAt: '2026-01-01T00:00:00.000Z' }),
      'PUT /v1/complaints/sla-policy': () => {
        version = 2;
        followUpDays = 30;
        return json(409, { error: { code: 'version_conflict', message: 'changed' } });
      },
    });
    renderApp({ path: '/settings/policies?tab=complaints', fetch, locale: 'en' });

    await screen.findByText('Version 1', {}, LAZY);
    fireEvent.input(input('followUpDays'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Someone changed this policy meanwhile/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByText('Version 2')).toBeTruthy();
    await waitFor(() => expect(input('followUpDays').value).toBe('30'));
  });
});
