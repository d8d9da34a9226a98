import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../../lib/api/schema.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

type PublicSurvey = components['schemas']['PublicSurvey'];
const LAZY_MS = 20_000;
const LINK = 'A'.repeat(43);

const publicSurvey: PublicSurvey = {
  tenantName: 'Rice Shop 米店',
  title: { zh: '服务满意度调查', en: 'Service survey' },
  intro: null,
  validUntil: '2026-04-01T00:00:00.000Z',
  questions: [
    {
      id: 'nps',
      kind: 'nps',
      required: true,
      text: { zh: '您会推荐我们吗？', en: 'Would you recommend us?' },
    },
    {
      id: 'staff',
      kind: 'semantic',
      required: false,
      text: { zh: '我们的员工', en: 'Our staff were' },
      left: { zh: '冷淡', en: 'cold' },
      right: { zh: '热情', en: 'warm' },
    },
  ],
};

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

describe('the public survey page', () => {
  beforeEach(() => localStorage.clear());

  it('shows the questions in the chosen language and posts the picked scores', async () => {
    let posted: unknown;
    const { fetch } = fakeFetch({
      [`GET /v1/public/surveys/${LINK}`]: () => json(200, publicSurvey),
      [`POST /v1/public/surveys/${LINK}`]: async (request) => {
        posted = await request.json();
        return new Response(null, { status: 204 });
      },
    });
    renderApp({ path: `/s/${LINK}`, fetch, locale: 'zh-CN' });
    expect(await screen.findByText('服务满意度调查', {}, { timeout: LAZY_MS })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Service survey')).toBeTruthy();
    expect(screen.getByText('warm')).toBeTruthy();
    const nps = screen.getByRole('group', { name: /Would you recommend us/ });
    fireEvent.click(nps.querySelector('input[value="9"]') as HTMLInputElement);
    fireEvent.click(screen.getByRole('button', { name: 'Send my answers' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Thank you'));
    expect(posted).toEqual({ answers: { nps: 9 }, locale: 'en' });
  });

  it('points at the out-of-scale question with the API’s field error', async () => {
    const { fetch } = fakeFetch({
      [`GET /v1/public/surveys/${LINK}`]: () => json(200, publicSurvey),
      [`POST /v1/public/surveys/${LINK}`]: () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid answers',
            fields: [{ path: 'answers.nps', message: 'is required' }],
          },
        }),
    });
    renderApp({ path: `/s/${LINK}`, fetch, locale: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Send my answers' }, { timeout: LAZY_MS }));
    const nps = screen.getByRole('group', { name: /Would you recommend us/ });
    await waitFor(() => expect(nps.textContent).toContain('is required'));
  });

  it('says a used, expired or wrong link is not valid, and nothing else', async () => {
    const { fetch } = fakeFetch({});
    renderApp({ path: `/s/${LINK}`, fetch, locale: 'en' });
    expect(
      await screen.findByText('This survey link is not valid', { exact: false }, { timeout: LAZY_MS }),
    ).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

describe('survey results', () => {
  beforeEach(() => {
    localStorage.setItem(
      'crm.session',
      JSON.stringify({ ...sessionAnswer(), expiresAt: Date.now() + 3_600_000 }),
    );
  });

  it('shows NPS, CSAT and the response rate of an active survey', async () => {
    const now = '2026-03-01T00:00:00.000Z';
    const surveyId = '01J000000000000000000000SV';
    const { fetch } = fakeFetch({
      [`GET /v1/surveys/${surveyId}`]: () =>
        json(200, {
          id: surveyId,
          title: publicSurvey.title,
          intro: null,
          questions: publicSurvey.questions,
          status: 'active',
          sentCount: 4,
          answeredCount: 2,
          createdAt: now,
          createdBy: 'u1',
          updatedAt: now,
          version: 2,
        }),
      [`GET /v1/surveys/${surveyId}/results`]: () =>
        json(200, {
          surveyId,
          from: '2025-03-01',
          to: '2026-03-01',
          sent: 4,
          answeredOfSent: 2,
          responseRate: 50,
          count: 2,
          nps: { count: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
          csat: { count: 0, satisfied: 0, csat: null },
          items: [{ questionId: 'nps', kind: 'nps', count: 2, mean: 5 }],
          months: [
            {
              month: '2026-02',
              count: 2,
              nps: { count: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
              csat: { count: 0, satisfied: 0, csat: null },
              items: [],
            },
          ],
        }),
    });
    renderApp({ path: `/surveys/${surveyId}`, fetch, locale: 'en' });
    const figures = await screen.findByTestId('survey-figures', {}, { timeout: LAZY_MS });
    expect(figures.querySelector('[data-figure="nps"]')?.textContent).toBe('0');
    expect(figures.querySelector('[data-figure="csat"]')?.textContent).toBe('—');
    expect(figures.querySelector('[data-figure="responseRate"]')?.textContent).toBe('50%');
    expect(screen.getByTestId('survey-send')).toBeTruthy();
  });
});
