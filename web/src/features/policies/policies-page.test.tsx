import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();

type CreditPolicy = components['schemas']['CreditPolicyInput'];
type ChurnPolicy = components['schemas']['ChurnPolicy'];
type TaskPolicy = components['schemas']['TaskPolicy'];

const creditPolicy: CreditPolicy = {
  weights: { paymentHistory: 35, daysOverdue: 25, utilisation: 15, tenure: 10, value: 10, rating: 5 },
  grades: [
    { grade: 'AAA', minScore: 90, limit: 5_000_000, termDays: 60 },
    { grade: 'A', minScore: 70, limit: 1_000_000, termDays: 30 },
    { grade: 'B', minScore: 55, limit: 300_000, termDays: 15 },
    { grade: 'C', minScore: 0, limit: 0, termDays: 0 },
  ],
  maturityMarginDays: 3,
  blocking: { overLimit: true, overdueAmountAbove: null, daysOverdueAbove: 30, watchUtilisation: 0.8 },
  releaseNeedsApproval: false,
  limitOverrideNeedsApproval: true,
  receivableFrom: 'order',
};
const churnPolicy: ChurnPolicy = {
  atRiskGapRatio: 1.5,
  dormantGapRatio: 3,
  lostGapRatio: 6,
  atRiskBelowPAlive: 0.5,
  dormantBelowPAlive: 0.25,
  lostBelowPAlive: 0.05,
  defaultGapDays: 90,
  reorderReminderLeadDays: 3,
};
const taskPolicy: TaskPolicy = {
  kinds: { reorder: true, collect_payment: true, birthday: true, anniversary: true },
  reorderLeadDays: 3,
  dateLeadDays: 3,
  anniversaryFields: [],
};

function me(role: 'owner' | 'member') {
  return { tenant: session.tenant, role, user: { ...session.user, role } };
}

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

describe('the policy editors', () => {
  it('saves a changed grade limit in minor units with the version it read', async () => {
    let sent: { policy: CreditPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/credit/policy': () => json(200, { policy: creditPolicy, version: 0, updatedAt: null }),
      'PUT /v1/credit/policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 1, updatedAt: '2026-01-02T00:00:00.000Z' });
      },
    });
    renderApp({ path: '/settings/policies', fetch });

    expect(await screen.findByText('The default policy: nothing saved yet.', {}, LAZY)).toBeTruthy();
    fireEvent.input(input('grades.2.limit'), { target: { value: '2500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveProperty('textContent', expect.stringContaining('Saved'));
    expect(sent?.version).toBe(0);
    expect(sent?.policy.grades[2]).toEqual({ grade: 'B', minScore: 55, limit: 250_000, termDays: 15 });
    expect(screen.getByText('Version 1')).toBeTruthy();
  });

  it('previews how many customers the edited policy would move, and says when the preview is stale', async () => {
    let asked: { policy: CreditPolicy } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/credit/policy': () => json(200, { policy: creditPolicy, version: 2, updatedAt: null }),
      'POST /v1/credit/policy/preview': async (request) => {
        asked = (await request.json()) as typeof asked;
        return json(200, {
          evaluated: 12,
          capped: false,
          cap: 5000,
          gradeChanges: [{ from: 'B', to: 'C', count: 3 }],
          limitRaised: 0,
          limitLowered: 4,
          holdsPlaced: 2,
          holdsReleased: 0,
          examples: [
            {
              customerId: '01J00000000000000000000001',
              name: 'Big Buyer Ltd',
              current: { grade: 'B', status: 'watch', limit: 300_000 },
              proposed: { grade: 'C', status: 'hold', limit: 0 },
            },
          ],
        });
      },
    });
    renderApp({ path: '/settings/policies', fetch });

    await screen.findByText('Version 2', {}, LAZY);
    fireEvent.input(input('grades.2.limit'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview the change' }));

    expect(await screen.findByText('2 would go on hold')).toBeTruthy();
    expect(screen.getByText('3 from grade B to C')).toBeTruthy();
    expect(screen.getByText('4 would get a lower limit')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Big Buyer Ltd' })).toBeTruthy();
    expect(asked?.policy.grades[2]?.limit).toBe(100_000);
    expect(screen.queryByText(/edited after this preview/)).toBeNull();

    fireEvent.input(input('grades.2.limit'), { target: { value: '1200' } });
    expect(await screen.findByText(/edited after this preview/)).toBeTruthy();
  });

  it('shows the API’s field message beside the field it names', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/credit/policy': () => json(200, { policy: creditPolicy, version: 4, updatedAt: null }),
      'PUT /v1/credit/policy': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            fields: [{ path: 'policy.grades.3.minScore', message: 'the lowest grade must start at 0' }],
          },
        }),
    });
    renderApp({ path: '/settings/policies', fetch });

    await screen.findByText('Version 4', {}, LAZY);
    fireEvent.input(input('grades.3.minScore'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('the lowest grade must start at 0')).toBeTruthy();
    await waitFor(() => expect(input('grades.3.minScore').getAttribute('aria-invalid')).toBe('true'));
    expect(input('grades.2.minScore').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('says the churn policy changed meanwhile and reloads the newer version', async () => {
    let version = 1;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/churn/policy': () =>
        json(200, {
          policy: { ...churnPolicy, defaultGapDays: version === 1 ? 90 : 120 },
          version,
          updatedAt: null,
        }),
      'PUT /v1/churn/policy': () => {
        version = 2;
        return json(409, { error: { code: 'version_conflict', message: 'changed' } });
      },
    });
    renderApp({ path: '/settings/policies?tab=churn', fetch });

    await screen.findByText('Version 1', {}, LAZY);
    fireEvent.input(input('defaultGapDays'), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Someone changed this policy meanwhile/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByText('Version 2')).toBeTruthy();
    await waitFor(() => expect(input('defaultGapDays').value).toBe('120'));
  });

  it('turns a care reminder off, in Chinese', async () => {
    let sent: { policy: TaskPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/tasks/policy': () => json(200, { policy: taskPolicy, version: 2, updatedAt: null }),
      'PUT /v1/tasks/policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 3, updatedAt: null });
      },
    });
    renderApp({ path: '/settings/policies?tab=tasks', fetch, locale: 'zh-CN' });

    fireEvent.click(await screen.findByRole('checkbox', { name: '生日祝福' }, LAZY));
    fireEvent.input(input('anniversaryFields'), { target: { value: 'founded_on, first_order' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('第 3 版')).toBeTruthy();
    expect(sent).toEqual({
      version: 2,
      policy: {
        ...taskPolicy,
        kinds: { ...taskPolicy.kinds, birthday: false },
        anniversaryFields: ['founded_on', 'first_order'],
      },
    });
  });

  it('tells a member that only admins change the policies', async () => {
    const { fetch } = fakeFetch({ 'GET /v1/me': () => json(200, me('member')) });
    renderApp({ path: '/settings/policies', fetch });
    expect(await screen.findByText('Only owners and admins change the policies.', {}, LAZY)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
