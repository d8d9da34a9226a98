import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY_MS = 20_000;
const LINK = 'U'.repeat(43);
const now = '2026-03-01T00:00:00.000Z';
const campaignId = '01J000000000000000000000CA';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

describe('the public unsubscribe page', () => {
  beforeEach(() => localStorage.clear());

  it('asks first, in Chinese or English, and unsubscribes only on the button', async () => {
    let posts = 0;
    const { fetch } = fakeFetch({
      [`GET /v1/public/unsubscribe/${LINK}`]: () =>
        json(200, { tenantName: 'Rice Shop 米店', unsubscribed: false }),
      [`POST /v1/public/unsubscribe/${LINK}`]: () => {
        posts += 1;
        return json(200, { tenantName: 'Rice Shop 米店', unsubscribed: true });
      },
    });
    renderApp({ path: `/u/${LINK}`, fetch, locale: 'zh-CN' });
    expect(
      await screen.findByText('不再接收 Rice Shop 米店 的营销消息？', {}, { timeout: LAZY_MS }),
    ).toBeTruthy();
    expect(posts).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Unsubscribe' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('You are unsubscribed'));
    expect(posts).toBe(1);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('says a wrong or expired link is not valid', async () => {
    renderApp({ path: `/u/${LINK}`, fetch: fakeFetch({}).fetch, locale: 'en' });
    expect(
      await screen.findByText('This unsubscribe link is not valid.', {}, { timeout: LAZY_MS }),
    ).toBeTruthy();
  });
});

describe('campaign screens', () => {
  beforeEach(() => {
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
    );
  });

  it('shows results with the hold-out group and the uplift', async () => {
    const campaign: components['schemas']['Campaign'] = {
      id: campaignId,
      name: 'Spring 春季',
      channel: 'email',
      segmentId: '01J000000000000000000000SG',
      subject: { zh: '春季', en: 'Spring' },
      body: { zh: '您好 {{name}}', en: 'Hi {{name}}' },
      locale: 'zh',
      holdoutPercent: 40,
      conversionDays: 7,
      requireConsent: false,
      status: 'sent',
      progress: { processed: 6, sent: 3, skipped: 1, bounced: 0, holdout: 2 },
      sendStartedAt: now,
      sentAt: now,
      sentBy: 'u1',
      createdAt: now,
      createdBy: 'u1',
      updatedAt: now,
      version: 3,
    };
    const { fetch } = fakeFetch({
      [`GET /v1/campaigns/${campaignId}`]: () => json(200, campaign),
      [`GET /v1/campaigns/${campaignId}/results`]: () =>
        json(200, {
          campaignId,
          status: 'sent',
          sent: 3,
          skipped: 1,
          skippedByReason: { unsubscribed: 1, no_consent: 0, no_email: 0, no_phone: 0, suppressed: 0 },
          bounced: 0,
          unsubscribed: 1,
          holdout: 2,
          messages: {
            sent: 4,
            bounced: 1,
            unsubscribed: 2,
            skipped: 2,
            skippedByReason: { unsubscribed: 1, no_consent: 1, suppressed: 0 },
          },
          conversionDays: 7,
          contacted: { customers: 3, converted: 2, rate: 2 / 3 },
          holdoutGroup: { customers: 2, converted: 1, rate: 0.5 },
          uplift: 2 / 3 - 0.5,
          windowOpen: true,
          capped: false,
        }),
    });
    renderApp({ path: `/campaigns/${campaignId}`, fetch, locale: 'en' });
    const results = await screen.findByTestId('campaign-results', {}, { timeout: LAZY_MS });
    expect(results.textContent).toContain('Contacted: 2 of 3 bought within 7 days (66.7 %)');
    expect(results.textContent).toContain('Hold-out: 1 of 2 bought (50.0 %)');
    expect(results.textContent).toContain('Uplift: 16.7 percentage points');
    expect(results.textContent).toContain('unsubscribed: 1');
    expect(screen.getByTestId('campaign-messages').textContent).toBe(
      'Messages (per address: a company’s contacts each get their own): 4 sent, 1 bounced, 2 unsubscribed, 2 addresses left out · unsubscribed: 1 · no consent: 1',
    );
    expect(screen.queryByRole('button', { name: 'Send now' })).toBeNull();
  });

  it('shows the placeholders and puts the API’s field error on the template that has an unknown one', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/campaigns': () => json(200, { items: [], nextCursor: null }),
      'GET /v1/segments': () => json(200, { items: [], nextCursor: null }),
      'POST /v1/campaigns': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid template',
            fields: [{ path: 'body.zh', message: 'unknown placeholder {{nmae}}' }],
          },
        }),
    });
    renderApp({ path: '/campaigns', fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'New campaign' }, { timeout: LAZY_MS }));
    const help = await screen.findByTestId('placeholder-help');
    expect(help.textContent).toContain('{{expectedNextPurchase}}');
    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(screen.getByText('unknown placeholder {{nmae}}')).toBeTruthy());
    expect(screen.getByLabelText('Message (中文)').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the segment builder', () => {
  beforeEach(() => {
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
    );
  });

  it('counts live as conditions are picked', async () => {
    const asked: unknown[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/segments': () => json(200, { items: [], nextCursor: null }),
      'POST /v1/segments/preview': async (request) => {
        const filter = (await request.json()) as { status?: string[] };
        asked.push(filter);
        return json(200, { count: filter.status ? 7 : 42, examined: 42, capped: false });
      },
    });
    renderApp({ path: '/segments', fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'New segment' }, { timeout: LAZY_MS }));
    const count = await screen.findByTestId('segment-live-count');
    await waitFor(() => expect(count.textContent).toBe('Matches 42 customers now'));
    fireEvent.click(screen.getByLabelText('Dormant 休眠'));
    await waitFor(() => expect(count.textContent).toBe('Matches 7 customers now'), { timeout: 3_000 });
    expect(asked.at(-1)).toEqual({ status: ['dormant'] });
  });
});
