import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type CountedSegment = components['schemas']['CountedSegment'];
type Customer = components['schemas']['Customer'];

const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';
const segmentId = '01J000000000000000000000SG';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const vipSegment = (overrides: Partial<CountedSegment> = {}): CountedSegment => ({
  id: segmentId,
  name: 'Quiet VIPs 沉默贵宾',
  description: 'Worth a call',
  filter: {
    status: ['active'],
    abcClass: ['A'],
    segment: ['champions'],
    pAlive: { min: 0.2, max: 0.6 },
    tags: ['vip'],
    lifecycleStage: ['stability'],
  },
  count: 12,
  examined: 40,
  capped: false,
  source: 'live',
  asOf: null,
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 4,
  ...overrides,
});

const member: Customer = {
  id: '01J000000000000000000000C1',
  name: 'Wang Tea 王记茶行',
  kind: 'business',
  status: 'active',
  tags: ['vip'],
  customFields: {},
  stats: {
    orderCount: 3,
    orderValue: 31_500,
    orderValueByCurrency: { CNY: 31_500 },
    paymentValue: 0,
    interactionCount: 3,
    lastOrderAt: '2026-02-10T10:00:00.000Z',
  },
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 1,
};

const draftCampaign = {
  id: '01J000000000000000000000CA',
  name: 'Spring 春季',
  channel: 'email',
  segmentId,
  body: { zh: '您好', en: 'Hello' },
  locale: 'zh',
  holdoutPercent: 0,
  conversionDays: 30,
  requireConsent: false,
  status: 'draft',
  progress: { processed: 0, sent: 0, skipped: 0, bounced: 0, holdout: 0 },
  sendStartedAt: null,
  sentAt: null,
  sentBy: null,
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 1,
};

const segmentRoutes = (segment: CountedSegment) => ({
  [`GET /v1/segments/${segmentId}`]: () => json(200, segment),
  [`GET /v1/segments/${segmentId}/members`]: () => json(200, { items: [member], nextCursor: null }),
  'POST /v1/segments/preview': () => json(200, { count: 12, examined: 40, capped: false }),
});

describe('the segment page', () => {
  beforeEach(() => {
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
    );
  });

  it('says the saved filter in words and lists the members as a table', async () => {
    const { fetch } = fakeFetch(segmentRoutes(vipSegment()));
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    const chips = await screen.findByTestId('segment-chips', {}, { timeout: LAZY_MS });
    expect([...chips.querySelectorAll('li')].map((chip) => chip.textContent)).toEqual([
      'Active 活跃',
      'Stability 稳定期',
      'Class A',
      'RFM Champions (重要价值客户)',
      'P(alive) 0.2–0.6',
      'Tag vip',
    ]);
    const members = await screen.findByTestId('segment-members');
    const row = await within(members).findByRole('row', { name: /Wang Tea/ });
    expect(within(row).getByRole('link', { name: 'Wang Tea 王记茶行' }).getAttribute('href')).toBe(
      `/customers/${member.id}`,
    );
    expect(row.textContent).toContain('Active 活跃');
    expect(row.textContent).toContain('315.00');
  });

  it('says when a count came from the nightly snapshot', async () => {
    const { fetch } = fakeFetch(
      segmentRoutes(
        vipSegment({ count: 2_345, examined: 23_570, source: 'snapshot', asOf: '2026-02-28T02:00:00.000Z' }),
      ),
    );
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    const asOf = await screen.findByTestId('segment-count-as-of', {}, { timeout: LAZY_MS });
    expect(asOf.textContent).toMatch(/^counted as of .*2026/);
    expect(screen.getByText('2,345 customers')).toBeTruthy();
  });

  it('shows no "counted as of" for a live count', async () => {
    const { fetch } = fakeFetch(segmentRoutes(vipSegment()));
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'zh-CN' });
    await screen.findByTestId('segment-chips', {}, { timeout: LAZY_MS });
    expect(screen.queryByTestId('segment-count-as-of')).toBeNull();
  });

  it('asks before deleting, names the draft campaigns it strands, and deletes at the version read', async () => {
    const deletes: Request[] = [];
    const { fetch } = fakeFetch({
      ...segmentRoutes(vipSegment()),
      'GET /v1/campaigns': () => json(200, { items: [draftCampaign], nextCursor: null }),
      'GET /v1/segments': () => json(200, { items: [], nextCursor: null }),
      [`DELETE /v1/segments/${segmentId}`]: (request) => {
        deletes.push(request);
        return new Response(null, { status: 204 });
      },
    });
    const { history } = renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete segment' }, { timeout: LAZY_MS }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Delete the segment “Quiet VIPs 沉默贵宾”?');
    await waitFor(() => expect(dialog.textContent).toContain('“Spring 春季”'));
    expect(deletes).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(history.get()).toBe('/segments'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.headers.get('if-match')).toBe('4');
  });

  it('does not delete when the question is cancelled', async () => {
    const { fetch, calls } = fakeFetch({
      ...segmentRoutes(vipSegment()),
      'GET /v1/campaigns': () => json(200, { items: [], nextCursor: null }),
    });
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete segment' }, { timeout: LAZY_MS }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(0);
  });

  it('edits the saved filter in the builder and saves a PATCH with the version read', async () => {
    const patches: unknown[] = [];
    const { fetch } = fakeFetch({
      ...segmentRoutes(vipSegment()),
      [`PATCH /v1/segments/${segmentId}`]: async (request) => {
        const body = (await request.json()) as { name: string; filter: CountedSegment['filter'] };
        patches.push(body);
        return json(200, vipSegment({ name: body.name, filter: body.filter, version: 5 }));
      },
    });
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }, { timeout: LAZY_MS }));
    const builder = await screen.findByTestId('segment-builder');
    expect((within(builder).getByLabelText('Active 活跃') as HTMLInputElement).checked).toBe(true);
    expect((within(builder).getByLabelText('Champions (重要价值客户)') as HTMLInputElement).checked).toBe(
      true,
    );
    expect((within(builder).getByLabelText('Tags, all of (comma-separated)') as HTMLInputElement).value).toBe(
      'vip',
    );
    fireEvent.input(within(builder).getByLabelText('Name', { exact: false }), {
      target: { value: 'Quiet VIPs' },
    });
    fireEvent.click(within(builder).getByLabelText('Dormant 休眠'));
    fireEvent.click(within(builder).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByTestId('segment-builder')).toBeNull());
    expect(patches).toEqual([
      {
        name: 'Quiet VIPs',
        description: 'Worth a call',
        version: 4,
        filter: {
          // The builder has no input for the lifecycle stage: the edit keeps it.
          lifecycleStage: ['stability'],
          status: ['active', 'dormant'],
          abcClass: ['A'],
          segment: ['champions'],
          pAlive: { min: 0.2, max: 0.6 },
          tags: ['vip'],
        },
      },
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Quiet VIPs');
    expect(screen.getByTestId('segment-chips').textContent).toContain('Dormant 休眠');
  });

  it('opens the version conflict when someone else saved the segment first', async () => {
    const { fetch } = fakeFetch({
      ...segmentRoutes(vipSegment()),
      [`PATCH /v1/segments/${segmentId}`]: () =>
        json(409, { error: { code: 'version_conflict', message: 'The segment changed' } }),
    });
    renderApp({ path: `/segments/${segmentId}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }, { timeout: LAZY_MS }));
    const builder = await screen.findByTestId('segment-builder');
    fireEvent.click(within(builder).getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Quiet VIPs 沉默贵宾');
  });
});

describe('the segments list', () => {
  beforeEach(() => {
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
    );
  });

  it('shows each segment with its description, conditions and live count; the builder behind a button', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/segments': () => json(200, { items: [vipSegment()], nextCursor: null }),
      [`GET /v1/segments/${segmentId}/count`]: () => json(200, { count: 12, examined: 40, capped: false }),
      'POST /v1/segments/preview': () => json(200, { count: 40, examined: 40, capped: false }),
    });
    renderApp({ path: '/segments', fetch, locale: 'zh-CN' });
    const table = await screen.findByTestId('segments', {}, { timeout: LAZY_MS });
    const row = within(table).getByRole('row', { name: /沉默贵宾/ });
    expect(row.textContent).toContain('Worth a call');
    expect(row.textContent).toContain('活跃');
    await waitFor(() => expect(row.textContent).toContain('12 位客户'));
    expect(screen.queryByTestId('segment-builder')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '新建细分' }));
    expect(await screen.findByTestId('segment-builder')).toBeTruthy();
  });

  it('picks RFM segments by name and counts live', async () => {
    const asked: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/segments': () => json(200, { items: [], nextCursor: null }),
      'POST /v1/segments/preview': async (request) => {
        const filter = (await request.json()) as { segment?: string[] };
        asked.push(filter);
        return json(200, { count: filter.segment ? 3 : 42, examined: 42, capped: false });
      },
    });
    renderApp({ path: '/segments', fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'New segment' }, { timeout: LAZY_MS }));
    const count = await screen.findByTestId('segment-live-count');
    await waitFor(() => expect(count.textContent).toBe('Matches 42 customers now'));
    fireEvent.click(screen.getByLabelText('At risk (风险客户)'));
    fireEvent.click(screen.getByLabelText('Can’t lose (不能流失客户)'));
    await waitFor(() => expect(count.textContent).toBe('Matches 3 customers now'), { timeout: 3_000 });
    expect(asked.at(-1)).toEqual({ segment: ['at-risk', 'cant-lose'] });
    expect(screen.queryByTestId('segment-count-as-of')).toBeNull();
  });

  it('counts from the snapshot on a large book and says as of when (中文)', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/segments': () => json(200, { items: [], nextCursor: null }),
      'POST /v1/segments/preview': () =>
        json(200, {
          count: 1_204,
          examined: 23_570,
          capped: false,
          source: 'snapshot',
          asOf: '2026-02-28T02:00:00.000Z',
        }),
    });
    renderApp({ path: '/segments', fetch, locale: 'zh-CN' });
    fireEvent.click(await screen.findByRole('button', { name: '新建细分' }, { timeout: LAZY_MS }));
    const count = await screen.findByTestId('segment-live-count');
    await waitFor(() => expect(count.textContent).toBe('匹配 1,204 位客户'));
    expect((await screen.findByTestId('segment-count-as-of')).textContent).toMatch(/^计数截至 .*2026/);
  });
});
