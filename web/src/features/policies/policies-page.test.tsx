import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();

type CreditPolicy = components['schemas']['CreditPolicyInput'];
type ChurnPolicy = components['schemas']['ChurnPolicy'];
type TaskPolicy = components['schemas']['TaskPolicy'];
type MemberTierPolicy = components['schemas']['MemberTierPolicy'];
type ServiceSlaPolicy = components['schemas']['ServiceSlaPolicy'];
type ComplaintSlaPolicy = components['schemas']['ComplaintSlaPolicy'];

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

const memberTierPolicy: MemberTierPolicy = {
  valueBasis: 'monetary',
  windowDays: 365,
  tiers: [
    { key: 'customer', name: { en: 'Customer', zh: '客户' }, minValue: 0, minOrders: 0 },
    { key: 'member', name: { en: 'Member', zh: '会员' }, minValue: 100_000, minOrders: 2 },
  ],
};
const serviceHours = (urgent: number, high: number, normal: number, low: number) => ({
  urgent,
  high,
  normal,
  low,
});
const serviceSlaPolicy: ServiceSlaPolicy = {
  hours: {
    received: serviceHours(2, 8, 24, 48),
    planned: serviceHours(4, 24, 48, 72),
    dispatched: serviceHours(8, 24, 48, 96),
    in_progress: serviceHours(24, 48, 96, 168),
    resolved: serviceHours(48, 72, 120, 168),
  },
};
const complaintHours = (critical: number, high: number, medium: number, low: number) => ({
  critical,
  high,
  medium,
  low,
});
const complaintSlaPolicy: ComplaintSlaPolicy = {
  hours: {
    recorded: complaintHours(4, 8, 24, 48),
    validated: complaintHours(4, 8, 24, 48),
    assigned: complaintHours(24, 48, 72, 120),
    analysed: complaintHours(24, 48, 72, 120),
    proposed: complaintHours(8, 24, 48, 72),
    approved: complaintHours(24, 48, 72, 120),
    carried_out: complaintHours(48, 72, 120, 168),
  },
  followUpDays: 14,
};

/** Every policy's GET, each at its own version, so a test can tell which tab has loaded. */
const everyPolicy = {
  'GET /v1/credit/policy': () => json(200, { policy: creditPolicy, version: 3, updatedAt: null }),
  'GET /v1/churn/policy': () => json(200, { policy: churnPolicy, version: 4, updatedAt: null }),
  'GET /v1/tasks/policy': () => json(200, { policy: taskPolicy, version: 5, updatedAt: null }),
  'GET /v1/members/tier-policy': () => json(200, { policy: memberTierPolicy, version: 6, updatedAt: null }),
  'GET /v1/service-requests/sla-policy': () =>
    json(200, { policy: serviceSlaPolicy, version: 7, updatedAt: null }),
  'GET /v1/complaints/sla-policy': () =>
    json(200, { policy: complaintSlaPolicy, version: 8, updatedAt: null }),
};

function me(role: 'owner' | 'admin' | 'member' | 'partner') {
  return { tenant: session.tenant, role, user: { ...session.user, role } };
}

function input(name: string): HTMLInputElement {
  const found = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!found) throw new Error(`no input ${name}`);
  return found;
}

function openTab(name: string) {
  const tab = screen.getByRole('tab', { name });
  // Kobalte selects a tab on pointer down (as a browser sends it), not on the click alone.
  fireEvent.pointerDown(tab, { pointerType: 'mouse', button: 0 });
  fireEvent.pointerUp(tab, { pointerType: 'mouse', button: 0 });
  fireEvent.click(tab);
}

/** The open policy's form, with every control in it (inputs, selects, add and remove buttons). */
function controlsOf(title: string) {
  const form = screen.getByRole('form', { name: title });
  const controls = [...form.querySelectorAll<HTMLElement>('input, select, button')];
  expect(controls.length).toBeGreaterThan(0);
  return controls;
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

  it('shows a member every policy, read-only: the same tabs and values, nothing to change or save', async () => {
    const { fetch, calls } = fakeFetch({ 'GET /v1/me': () => json(200, me('member')), ...everyPolicy });
    renderApp({ path: '/settings/policies', fetch });

    expect(await screen.findByText('Version 3', {}, LAZY)).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('Only owners and admins change the policies.');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Credit 信用政策',
      'Churn 客户流失',
      'Care reminders 客户关怀',
      'Member tiers',
      'Service SLAs 服务时限',
      'Complaint SLAs 投诉时限',
    ]);
    // The saved values show (300,000 minor units are ¥3000), in controls that cannot change.
    await waitFor(() => expect(input('grades.2.limit').value).toBe('3000'));
    expect(input('blocking.daysOverdueAbove').value).toBe('30');
    for (const control of controlsOf('Credit policy (信用政策)'))
      expect(control.matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    // Previewing needs an admin as much as saving does.
    expect(screen.queryByRole('button', { name: 'Preview the change' })).toBeNull();

    const tabs: [tab: string, version: string, form: string, field: string, value: string][] = [
      ['Churn 客户流失', 'Version 4', 'Churn policy (客户流失)', 'defaultGapDays', '90'],
      ['Care reminders 客户关怀', 'Version 5', 'Care reminders (客户关怀)', 'reorderLeadDays', '3'],
      ['Member tiers', 'Version 6', 'Member tiers (会员等级)', 'tiers.1.minOrders', '2'],
      ['Service SLAs 服务时限', 'Version 7', 'Service request SLAs (服务时限)', 'hours.planned.high', '24'],
      ['Complaint SLAs 投诉时限', 'Version 8', 'Complaint SLAs (投诉处理时限)', 'followUpDays', '14'],
    ];
    for (const [tab, version, form, field, value] of tabs) {
      openTab(tab);
      expect(await screen.findByText(version)).toBeTruthy();
      await waitFor(() => expect(input(field).value).toBe(value));
      for (const control of controlsOf(form)) expect(control.matches(':disabled')).toBe(true);
      expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    }
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('lets an admin edit and save, with no read-only notice', async () => {
    let sent: { policy: MemberTierPolicy; version: number } | undefined;
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('admin')),
      ...everyPolicy,
      'PUT /v1/members/tier-policy': async (request) => {
        sent = (await request.json()) as typeof sent;
        return json(200, { policy: sent?.policy, version: 7, updatedAt: null });
      },
    });
    renderApp({ path: '/settings/policies?tab=members', fetch });

    expect(await screen.findByText('Version 6', {}, LAZY)).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
    const form = screen.getByRole('form', { name: 'Member tiers (会员等级)' });
    expect(within(form).getByRole('button', { name: 'Add tier' }).matches(':disabled')).toBe(false);
    expect(input('tiers.1.minOrders').matches(':disabled')).toBe(false);
    fireEvent.input(input('tiers.1.minOrders'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Version 7')).toBeTruthy();
    expect(sent?.version).toBe(6);
    expect(sent?.policy.tiers[1]?.minOrders).toBe(3);
  });

  it('keeps the policies from a partner, whom their routes refuse', async () => {
    const { fetch, calls } = fakeFetch({ 'GET /v1/me': () => json(200, me('partner')), ...everyPolicy });
    renderApp({ path: '/settings/policies', fetch });
    expect(await screen.findByText('Only owners and admins change the policies.', {}, LAZY)).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(calls.some((call) => new URL(call.url).pathname.includes('polic'))).toBe(false);
  });
});
