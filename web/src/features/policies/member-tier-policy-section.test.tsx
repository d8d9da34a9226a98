import { fireEvent, screen } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type MemberTierPolicy = components['schemas']['MemberTierPolicy'];
const LAZY = { timeout: 25_000 };
const session = sessionAnswer();

const policy: MemberTierPolicy = {
  valueBasis: 'monetary',
  windowDays: 365,
  tiers: [
    { key: 'customer', name: { en: 'Customer', zh: '客户' }, minValue: 0, minOrders: 0 },
    { key: 'member', name: { en: 'Member', zh: '会员' }, minValue: 100_000, minOrders: 2 },
    { key: 'advocate', name: { en: 'Advocate', zh: '推荐者' }, minValue: 1_000_000, minOrders: 6 },
  ],
};

function input(name: string): HTMLInputElement {
  const found = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!found) throw new Error(`no input ${name}`);
  return found;
}

// Kobalte's tab indicator measures the selected tab; jsdom has no ResizeObserver.
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

describe('the member tier rules', () => {
  it('edits a threshold in major units, adds a tier and saves with the version read (中文)', async () => {
    let sent: { policy: MemberTierPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () =>
        json(200, { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } }),
      'GET /v1/members/tier-policy': () => json(200, { policy, version: 0, updatedAt: null }),
      'PUT /v1/members/tier-policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 1, updatedAt: '2026-01-02T00:00:00.000Z' });
      },
    });
    renderApp({ path: '/settings/policies?tab=members', fetch, locale: 'zh-CN' });

    expect(await screen.findByRole('heading', { name: '会员等级' }, LAZY)).toBeTruthy();
    expect(await screen.findAllByTestId('member-tier', {}, LAZY)).toHaveLength(3);
    fireEvent.input(input('tiers.1.minValue'), { target: { value: '2000' } });
    fireEvent.input(input('tiers.1.minOrders'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '添加等级' }));
    expect(screen.getAllByTestId('member-tier')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await screen.findByText('第 1 版');
    expect(sent?.version).toBe(0);
    expect(sent?.policy.tiers[1]).toEqual({
      key: 'member',
      name: { en: 'Member', zh: '会员' },
      minValue: 200_000,
      minOrders: 3,
    });
    expect(sent?.policy.tiers).toHaveLength(4);
    expect(sent?.policy.tiers[3]).toMatchObject({ minValue: 1_000_000, minOrders: 6 });
  });

  it('shows the API’s field message beside the tier it names', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () =>
        json(200, { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } }),
      'GET /v1/members/tier-policy': () => json(200, { policy, version: 2, updatedAt: null }),
      'PUT /v1/members/tier-policy': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [{ path: 'policy.tiers.2.minValue', message: 'must not be below the tier under it' }],
          },
        }),
    });
    renderApp({ path: '/settings/policies?tab=members', fetch, locale: 'en' });
    await screen.findByRole('heading', { name: 'Member tiers (会员等级)' }, LAZY);
    await screen.findAllByTestId('member-tier', {}, LAZY);
    fireEvent.input(input('tiers.2.minValue'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('must not be below the tier under it')).toBeTruthy();
  });
});
