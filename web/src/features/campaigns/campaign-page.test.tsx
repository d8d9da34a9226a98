import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type Campaign = components['schemas']['Campaign'];

const LAZY_MS = 20_000;
const now = '2026-03-01T00:00:00.000Z';
const campaignId = '01J000000000000000000000CA';
const segmentId = '01J000000000000000000000SG';
const customerId = '01J000000000000000000000C1';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const draft = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: campaignId,
  name: 'Spring 春季',
  channel: 'email',
  segmentId,
  subject: { zh: '{{name}}，春季新品', en: 'Spring for {{name}}' },
  body: { zh: '您好 {{name}}', en: 'Hello {{name}}' },
  locale: 'zh',
  holdoutPercent: 10,
  conversionDays: 14,
  requireConsent: true,
  status: 'draft',
  progress: { processed: 0, sent: 0, skipped: 0, bounced: 0, holdout: 0 },
  sendStartedAt: null,
  sentAt: null,
  sentBy: null,
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 2,
  ...overrides,
});

const segment = {
  id: segmentId,
  name: 'VIP 贵宾',
  filter: { tags: ['vip'] },
  count: 12,
  examined: 12,
  capped: false,
  createdAt: now,
  createdBy: 'u1',
  updatedAt: now,
  version: 1,
};

const routes = (campaign: Campaign) => ({
  [`GET /v1/campaigns/${campaignId}`]: () => json(200, campaign),
  [`GET /v1/segments/${segmentId}`]: () => json(200, segment),
  'GET /v1/segments': () => json(200, { items: [segment], nextCursor: null }),
  [`GET /v1/segments/${segmentId}/members`]: () =>
    json(200, { items: [{ id: customerId, name: 'Wang Tea 王记茶行' }], nextCursor: null }),
  'POST /v1/campaigns/preview': async (request: Request) => {
    const body = (await request.json()) as { customerId: string; locale: string; requireConsent: boolean };
    expect(body.requireConsent).toBe(true);
    return json(200, {
      to: 'wang@example.com',
      addresses: [
        { contactId: 'c1', contactName: '王强', to: 'wang@example.com', sent: true, reason: null },
        { contactId: 'c2', contactName: '李娜', to: 'li@example.com', sent: false, reason: 'unsubscribed' },
      ],
      subject: `Wang Tea 王记茶行，春季新品 (${body.customerId}, ${body.locale})`,
      text: '您好 Wang Tea 王记茶行',
    });
  },
});

beforeEach(() => {
  localStorage.setItem(
    'crm.session',
    JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
  );
});

describe('the campaign page', () => {
  it('shows what will be sent, to which segment, and the message one member would get', async () => {
    const { fetch } = fakeFetch(routes(draft()));
    renderApp({ path: `/campaigns/${campaignId}`, fetch, locale: 'en' });
    const summary = await screen.findByTestId('campaign-summary', {}, { timeout: LAZY_MS });
    await waitFor(() => expect(summary.textContent).toContain('12 customers now'));
    expect(within(summary).getByRole('link', { name: 'VIP 贵宾' }).getAttribute('href')).toBe(
      `/segments/${segmentId}`,
    );
    for (const text of [
      'E-mail',
      '中文 (Chinese)',
      '10 % of the segment, not contacted',
      'Only customers who gave marketing consent',
      'A purchase within 14 days',
      '{{name}}，春季新品',
      'Hello {{name}}',
    ]) {
      expect(summary.textContent).toContain(text);
    }
    const preview = await screen.findByTestId('campaign-preview');
    expect(preview.textContent).toContain('Preview for Wang Tea 王记茶行');
    // Every address the send would reach or pass over, per contact, as the send decides.
    expect(
      [...within(preview).getByTestId('campaign-preview-addresses').querySelectorAll('li')].map(
        (li) => li.textContent,
      ),
    ).toEqual([
      '王强 · wang@example.com — gets the message',
      '李娜 · li@example.com — left out: unsubscribed',
    ]);
    expect(preview.textContent).toContain(`(${customerId}, zh)`);
  });

  it('asks “Send to N customers now?” and sends only when confirmed', async () => {
    let sends = 0;
    const { fetch } = fakeFetch({
      ...routes(draft()),
      [`POST /v1/campaigns/${campaignId}/send`]: () => {
        sends += 1;
        return json(200, { done: true, retryAfterSeconds: null, campaign: draft({ status: 'sent' }) });
      },
    });
    renderApp({ path: `/campaigns/${campaignId}`, fetch, locale: 'en' });
    await screen.findByTestId('campaign-summary', {}, { timeout: LAZY_MS });
    await waitFor(() =>
      expect(screen.getByTestId('campaign-summary').textContent).toContain('12 customers now'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Send to 12 customers now?');
    expect(dialog.textContent).toContain('About 10 % of them are held out');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sends).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(sends).toBe(1));
  });

  it('edits a draft in the composer and saves a PATCH with the version read', async () => {
    const patches: Record<string, unknown>[] = [];
    const { fetch } = fakeFetch({
      ...routes(draft()),
      [`PATCH /v1/campaigns/${campaignId}`]: async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        return json(200, draft({ ...(body as Partial<Campaign>), version: 3 }));
      },
    });
    renderApp({ path: `/campaigns/${campaignId}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }, { timeout: LAZY_MS }));
    const composer = await screen.findByTestId('campaign-composer');
    expect((within(composer).getByLabelText('Message (English)') as HTMLTextAreaElement).value).toBe(
      'Hello {{name}}',
    );
    await waitFor(() =>
      expect((within(composer).getByLabelText('Segment') as HTMLSelectElement).value).toBe(segmentId),
    );
    fireEvent.input(within(composer).getByLabelText('Message (English)'), {
      target: { value: 'Hi {{name}}, spring is here' },
    });
    fireEvent.click(within(composer).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByTestId('campaign-composer')).toBeNull());
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      version: 2,
      segmentId,
      holdoutPercent: 10,
      conversionDays: 14,
      requireConsent: true,
      body: { zh: '您好 {{name}}', en: 'Hi {{name}}, spring is here' },
      subject: { zh: '{{name}}，春季新品', en: 'Spring for {{name}}' },
    });
    expect(screen.getByTestId('campaign-summary').textContent).toContain('Hi {{name}}, spring is here');
  });
});

describe('the campaigns list', () => {
  it('shows status, channel, segment and sent count per campaign; the composer behind a button', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/campaigns': () =>
        json(200, {
          items: [
            draft({
              status: 'sent',
              progress: { processed: 9, sent: 7, skipped: 1, bounced: 0, holdout: 1 },
            }),
          ],
          nextCursor: null,
        }),
      'GET /v1/segments': () => json(200, { items: [segment], nextCursor: null }),
    });
    renderApp({ path: '/campaigns', fetch, locale: 'zh-CN' });
    const table = await screen.findByTestId('campaigns', {}, { timeout: LAZY_MS });
    const row = within(table).getByRole('row', { name: /Spring 春季/ });
    await waitFor(() => expect(within(row).getByRole('link', { name: 'VIP 贵宾' })).toBeTruthy());
    const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent);
    expect(cells).toEqual(['已发送', '7', 'VIP 贵宾', '电子邮件']);
    expect(screen.queryByTestId('campaign-composer')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '新建营销活动' }));
    expect(await screen.findByTestId('campaign-composer')).toBeTruthy();
  });
});
