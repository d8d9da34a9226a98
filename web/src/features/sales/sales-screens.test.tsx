import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Deal = components['schemas']['OpportunityView'];
type Lead = components['schemas']['Lead'];
const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';
const ME = sessionAnswer().user.id;

const stage = (key: string, en: string, zh: string, probability: number) => ({
  key,
  name: { en, zh },
  probability,
  rottingDays: 14,
});
const setup = {
  pipelines: [
    {
      key: 'default',
      name: { en: 'Sales pipeline', zh: '销售漏斗' },
      stages: [stage('qualify', 'Qualify', '资格确认', 10), stage('proposal', 'Proposal', '方案报价', 50)],
    },
  ],
  leadGrading: { rules: [], otherwise: 'C' as const },
  version: 0,
  updatedAt: null,
};

function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: '01J0000000000000000000OPP1',
    customerId: '01J00000000000000000000001',
    leadId: null,
    name: 'Ten vans',
    amount: 500_000,
    currency: 'CNY',
    expectedCloseDate: null,
    pipeline: 'default',
    stage: 'qualify',
    stageEnteredAt: now,
    stageHistory: [{ stage: 'qualify', enteredAt: now, leftAt: null, by: ME }],
    competitors: [],
    nextActivity: null,
    lastActivityAt: now,
    status: 'open',
    ownerId: ME,
    lostReason: null,
    lostCompetitor: null,
    closeNote: null,
    closedAt: null,
    closedBy: null,
    createdAt: now,
    createdBy: ME,
    updatedAt: now,
    updatedBy: ME,
    version: 3,
    rotting: false,
    ...overrides,
  };
}

function funnel(counts: [number, number]) {
  return {
    pipeline: 'default',
    since: now,
    stages: setup.pipelines[0]?.stages.map((s, index) => ({
      stage: s.key,
      name: s.name,
      probability: s.probability,
      count: counts[index] ?? 0,
      amount: (counts[index] ?? 0) * 500_000,
      weightedAmount: 0,
      rotting: 0,
      reached: 0,
      conversionToNext: null,
      averageDaysInStage: null,
    })),
    open: { count: 1, amount: 500_000, weightedAmount: 50_000 },
    won: { count: 0, amount: 0 },
    lost: { count: 0, amount: 0 },
    winRate: null,
    forecast: [],
    undated: { count: 1, amount: 500_000 },
    currencies: ['CNY'],
  };
}

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the sales screens', () => {
  it('shows deals by stage with the rotting badge, and the Move menu moves one with its version', async () => {
    const sent: unknown[] = [];
    let moved = false;
    const { fetch } = fakeFetch({
      'GET /v1/pipelines': () => json(200, setup),
      'GET /v1/opportunities': () =>
        json(200, {
          items: [deal(), deal({ id: '01J0000000000000000000OPP2', name: 'Old deal', rotting: true })],
          nextCursor: null,
        }),
      'GET /v1/funnel': () => json(200, funnel(moved ? [1, 1] : [2, 0])),
      'PATCH /v1/opportunities/01J0000000000000000000OPP1': async (request) => {
        sent.push(await request.json());
        moved = true;
        return json(200, deal({ stage: 'proposal', version: 4 }));
      },
    });
    renderApp({ path: '/sales', fetch, locale: 'en' });
    const qualify = await screen.findByRole('region', { name: 'Qualify' }, { timeout: LAZY_MS });
    expect(within(qualify).getByRole('link', { name: 'Ten vans' })).toBeTruthy();
    expect(within(qualify).getByText('Rotting')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Move Ten vans to another stage'), {
      target: { value: 'proposal' },
    });

    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Proposal' })).getByRole('link', { name: 'Ten vans' }),
      ).toBeTruthy(),
    );
    expect(sent).toEqual([{ stage: 'proposal', version: 3 }]);
    expect(screen.getByRole('status').textContent).toContain('Ten vans moved to Proposal');
    await waitFor(() =>
      expect(
        document.querySelector('[data-funnel-stage="proposal"] [data-figure="count"]')?.textContent,
      ).toBe('1'),
    );
  });

  it('lists leads in Chinese, and converting one shows the possible duplicates and sends the deal', async () => {
    const lead: Lead = {
      id: '01J0000000000000000000LEA1',
      name: '李娜',
      source: '车展',
      email: 'li.na@example.cn',
      ownerId: ME,
      grade: 'B',
      gradedBy: 'rules',
      status: 'open',
      createdAt: now,
      createdBy: ME,
      updatedAt: now,
      updatedBy: ME,
      version: 1,
    };
    const sent: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/leads': () => json(200, { items: [lead], nextCursor: null }),
      'GET /v1/leads/01J0000000000000000000LEA1': () =>
        json(200, {
          ...lead,
          possibleDuplicates: [
            { customerId: '01J00000000000000000000009', name: '李娜（老客户）', matchedOn: ['email'] },
          ],
        }),
      'POST /v1/leads/01J0000000000000000000LEA1/convert': async (request) => {
        sent.push(await request.json());
        return json(201, {
          lead: {
            ...lead,
            status: 'converted',
            opportunityId: deal().id,
            customerId: deal().customerId,
            version: 2,
          },
          customerId: '01J00000000000000000000009',
          opportunityId: deal().id,
          linkedExisting: true,
          opportunity: (({ rotting: _rotting, ...rest }) => rest)(deal()),
        });
      },
    });
    renderApp({ path: '/sales/leads', fetch, locale: 'zh-CN' });
    fireEvent.click(await screen.findByRole('button', { name: '转化' }, { timeout: LAZY_MS }));
    expect(await screen.findByText(/李娜（老客户）/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('金额'), { target: { value: '5000' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '转化' }));

    await waitFor(() => expect(screen.getByRole('link', { name: '已转化' })).toBeTruthy());
    expect(sent).toEqual([{ opportunity: { name: '李娜', amount: 500_000, currency: 'CNY' } }]);
  });

  it('names the lost deals’ stages and owners in Chinese, not their keys and ids', async () => {
    // A member may not list users: the reader is named from the session, the others generically,
    // and the users are not asked for (the API would refuse: a console error).
    const memberSession = sessionAnswer();
    localStorage.setItem(
      'crm.session',
      JSON.stringify({
        ...memberSession,
        user: { ...memberSession.user, role: 'member' },
        expiresAt: Date.now() + 3_600_000,
      }),
    );
    const lost = (key: string) => ({ key, count: 1, amount: 500_000 });
    const { fetch, calls } = fakeFetch({
      'GET /v1/pipelines': () => json(200, setup),
      'GET /v1/sales/lost-deals': () =>
        json(200, {
          since: now,
          total: { count: 2, amount: 1_000_000 },
          byReason: [lost('price')],
          byCompetitor: [],
          byStage: [lost('qualify')],
          byOwner: [lost(ME), lost('01J0000000000000000000USR2')],
        }),
    });
    renderApp({ path: '/sales/lost-deals', fetch, locale: 'zh-CN' });
    const byStage = await screen.findByRole('region', { name: '按阶段' }, { timeout: LAZY_MS });
    await waitFor(() => expect(within(byStage).getByRole('rowheader').textContent).toBe('资格确认'));
    const owners = within(screen.getByRole('region', { name: '按负责人' })).getAllByRole('rowheader');
    expect(owners.map((cell) => cell.textContent)).toEqual(['Wang Yongqing', '其他用户']);
    expect(calls.map((call) => new URL(call.url).pathname)).not.toContain('/v1/users');
  });
});
