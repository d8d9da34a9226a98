import { fireEvent, screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

vi.mock('uplot', () => {
  class FakeUplot {
    static paths = { bars: () => () => null };
    constructor(_options: unknown, _data: unknown, target: HTMLElement) {
      target.appendChild(document.createElement('canvas'));
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakeUplot };
});

/** The lazy route loads on a busy machine: allow more than the default second. */
const LOADED = { timeout: 10_000 };

const running = { id: 'fit-2', status: 'running', trigger: 'api', startedAt: '2026-01-02T00:00:00.000Z' };
const succeeded = {
  ...running,
  status: 'succeeded',
  fittedAt: '2026-01-02T00:00:09.000Z',
  calibration: { from: '2025-01-01', to: '2026-01-01' },
  currency: 'CNY',
  bgnbd: {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
    logLikelihood: -9582.4,
    iterations: 31,
    gradientNorm: 1e-6,
    method: 'nelder-mead',
  },
  gammaGamma: {
    p: 6.25,
    q: 3.74,
    gamma: 15.44,
    logLikelihood: -4000,
    iterations: 20,
    customers: 946,
    populationMeanSpend: 3500,
  },
  diagnostics: {
    converged: true,
    customers: 2357,
    repeaters: 1000,
    customersRead: 2357,
    orders: 6919,
    readMs: 120,
    fitMs: 800,
    scoreMs: 300,
    totalMs: 1220,
  },
};
const failed = {
  ...running,
  status: 'failed',
  fittedAt: '2026-01-02T00:00:01.000Z',
  error: { code: 'no_repeat_buyers', message: 'No customer bought twice: BG/NBD needs repeat buyers.' },
};

const holdout = {
  cutoff: '1997-09-30',
  end: '1998-06-30',
  holdoutWeeks: 39,
  customers: 2357,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  byFrequency: [
    { x: '0', customers: 1411, actual: 0.236, expected: 0.223 },
    { x: '7+', customers: 20, actual: 7.3, expected: 6.96 },
  ],
  cumulative: [
    { week: 1, actual: 10, expected: 11.2 },
    { week: 2, actual: 30, expected: 28.5 },
  ],
  errors: {
    totalActual: 1234,
    totalExpected: 1190,
    bucketMae: 0.1,
    customerMae: 0.55,
    customerRmse: 1.1,
    cumulativeMape: 0.021,
    cumulativeEndError: -0.0357,
  },
};

const noFit = { latest: null, previous: null, lastRun: null };

beforeEach(() => {
  localStorage.clear();
  const answer = sessionAnswer();
  localStorage.setItem('crm.session', JSON.stringify({ ...answer, expiresAt: Date.now() + 3_600_000 }));
});

describe('the analytics screen', () => {
  it('refits: follows a fit still running (202) until it succeeds, then shows its parameters', async () => {
    let polls = 0;
    const server = fakeFetch({
      'GET /v1/analytics/model': () => {
        if (server.calls.every((call) => call.method !== 'POST')) return json(200, noFit);
        polls += 1;
        return json(
          200,
          polls < 2
            ? { ...noFit, lastRun: running }
            : { latest: succeeded, previous: null, lastRun: succeeded },
        );
      },
      'POST /v1/analytics/refit': () =>
        json(202, { status: 'running', fit: running, statusUrl: '/v1/analytics/model' }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText('No model fitted yet', {}, LOADED)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refit the model' }));
    expect(await screen.findByRole('progressbar', { name: 'Model fit in progress' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Purchase model (BG/NBD)' }, LOADED)).toBeTruthy();
    expect(screen.getByRole('row', { name: /^r \(shape of the purchase rate\) 0\.243/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /^p 6\.25/ })).toBeTruthy();
    expect(screen.getByText(/The model was refitted/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(polls).toBeGreaterThanOrEqual(2);
  });

  it('shows the purchase model in use and how every candidate did on the holdout', async () => {
    const chosen = {
      ...succeeded,
      purchaseModel: {
        model: 'mbgcnbd',
        k: 3,
        params: { k: 3, r: 2, alpha: 6, a: 0.5, b: 3 },
        logLikelihood: -9500,
        reason: 'holdout',
      },
      modelChoice: {
        calibrationCutoff: '2025-10-01',
        holdoutWeeks: 13,
        criterion: 'customerMae',
        chosen: { model: 'mbgcnbd', k: 3 },
        candidates: [
          {
            model: 'bgnbd',
            k: 1,
            logLikelihood: -9600,
            customerMae: 0.61,
            bucketMae: 0.2,
            activeBrier: 0.17,
          },
          {
            model: 'mbgcnbd',
            k: 3,
            logLikelihood: -9500,
            customerMae: 0.52,
            bucketMae: 0.1,
            activeBrier: 0.15,
          },
          { model: 'bgcnbd', k: 1, logLikelihood: null, error: { code: 'fit_not_converged', message: 'no' } },
        ],
      },
    };
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: chosen, previous: null, lastRun: chosen }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByRole('heading', { name: 'Purchase model choice' }, LOADED)).toBeTruthy();
    expect(screen.getByText('In use: MBG/CNBD-k (k = 3)')).toBeTruthy();
    expect(screen.getByText(/chosen on the holdout/)).toBeTruthy();
    expect(screen.getByRole('row', { name: /^MBG\/CNBD-k \(k = 3\) · in use 0\.52/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /^BG\/NBD 0\.61/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /^BG\/CNBD-k not fitted/ })).toBeTruthy();
  });

  it('draws each candidate’s tracking curve, actual against expected, with the split marked', async () => {
    const tracked = {
      ...succeeded,
      purchaseModel: {
        model: 'mbgcnbd',
        k: 3,
        params: { k: 3, r: 2, alpha: 6, a: 0.5, b: 3 },
        logLikelihood: -9500,
        reason: 'holdout',
      },
      modelChoice: {
        calibrationCutoff: '2025-01-15',
        holdoutWeeks: 2,
        criterion: 'customerMae',
        chosen: { model: 'mbgcnbd', k: 3 },
        tracking: { start: '2025-01-01', calibrationWeeks: 2, weeks: [1, 2, 3, 4], actual: [1, 3, 6, 10] },
        candidates: [
          { model: 'bgnbd', k: 1, logLikelihood: -9600, customerMae: 0.61, trackingExpected: [2, 4, 6, 8] },
          {
            model: 'mbgcnbd',
            k: 3,
            logLikelihood: -9500,
            customerMae: 0.52,
            trackingExpected: [1, 3, 6, 9.5],
          },
          { model: 'bgcnbd', k: 1, logLikelihood: null, error: { code: 'fit_not_converged', message: 'no' } },
        ],
      },
    };
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: tracked, previous: null, lastRun: tracked }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    // The model in use first.
    const heading = await screen.findByRole(
      'heading',
      { name: 'Tracking: cumulative repeat purchases, MBG/CNBD-k (k = 3)' },
      LOADED,
    );
    const figure = heading.closest('section') as HTMLElement;
    fireEvent.click(within(figure).getByRole('button', { name: 'Table' }));
    expect(within(figure).getByRole('row', { name: '2 calibration 3 3' })).toBeTruthy();
    expect(within(figure).getByRole('row', { name: '4 holdout 10 9.5' })).toBeTruthy();
    // A failed candidate has no curve to pick.
    const picker = screen.getByRole('combobox', { name: 'Model shown' }) as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual(['BG/NBD', 'MBG/CNBD-k (k = 3)']);
    fireEvent.change(picker, { target: { value: '0' } });
    const other = await screen.findByRole('heading', {
      name: 'Tracking: cumulative repeat purchases, BG/NBD',
    });
    const otherFigure = other.closest('section') as HTMLElement;
    fireEvent.click(within(otherFigure).getByRole('button', { name: 'Table' }));
    expect(within(otherFigure).getByRole('row', { name: '4 holdout 10 8' })).toBeTruthy();
  });

  it('says when an admin pinned the model, and lets an admin unpin it and pin another with its k', async () => {
    const pinnedFit = {
      ...succeeded,
      purchaseModel: {
        model: 'mbgcnbd',
        k: 2,
        params: { k: 2, r: 2, alpha: 6, a: 0.5, b: 3 },
        logLikelihood: -9500,
        reason: 'pinned',
      },
    };
    let policy = {
      policy: { model: 'mbgcnbd', k: 2 },
      version: 1,
      updatedAt: '2026-01-02T00:00:00.000Z',
      updatedBy: 'u1',
    };
    const puts: unknown[] = [];
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: pinnedFit, previous: null, lastRun: pinnedFit }),
      'GET /v1/analytics/policy': () => json(200, policy),
      'PUT /v1/analytics/policy': async (request) => {
        const body = (await request.json()) as { policy: typeof policy.policy; version: number };
        puts.push(body);
        if (body.version !== policy.version) {
          return json(409, { error: { code: 'version_conflict', message: 'changed' } });
        }
        policy = { ...policy, policy: body.policy, version: policy.version + 1 };
        return json(200, policy);
      },
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText(/Pinned by an admin: MBG\/CNBD-k \(k = 2\)/, {}, LOADED)).toBeTruthy();
    expect(screen.getByText(/pinned for this tenant/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Unpin (automatic)' }));
    expect(await screen.findByText('Saved. The next refit uses it.')).toBeTruthy();
    expect(puts).toEqual([{ policy: { model: 'auto', k: null }, version: 1 }]);
    expect(screen.queryByText(/Pinned by an admin/)).toBeNull();

    const select = screen.getByRole('combobox', { name: /Purchase model/ }) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'bgcnbd' } });
    fireEvent.input(screen.getByRole('spinbutton', { name: /Erlang shape k/ }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save model choice' }));
    expect(await screen.findByText(/Pinned by an admin: BG\/CNBD-k \(k = 3\)/)).toBeTruthy();
    expect(puts[1]).toEqual({ policy: { model: 'bgcnbd', k: 3 }, version: 2 });
    // The stored fit is still the old pin's until the next refit.
    expect(screen.getByText(/The next refit uses this choice/)).toBeTruthy();
  });

  it('shows members the pin without the controls', async () => {
    const pinnedFit = {
      ...succeeded,
      purchaseModel: { model: 'paretonbd', k: 1, params: {}, logLikelihood: -9500, reason: 'pinned' },
    };
    const answer = sessionAnswer();
    localStorage.setItem(
      'crm.session',
      JSON.stringify({
        ...answer,
        user: { ...answer.user, role: 'member' },
        expiresAt: Date.now() + 3_600_000,
      }),
    );
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: pinnedFit, previous: null, lastRun: pinnedFit }),
      'GET /v1/analytics/policy': () =>
        json(200, { policy: { model: 'paretonbd', k: null }, version: 3, updatedAt: null, updatedBy: null }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText(/Pinned by an admin: Pareto\/NBD/, {}, LOADED)).toBeTruthy();
    expect(screen.getByText('Only owners and admins can pin a model.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save model choice' })).toBeNull();
  });

  it('shows the fit sample (拟合样本) of a sampled fit, with its note, in English and Chinese', async () => {
    const sampled = {
      ...succeeded,
      diagnostics: { ...succeeded.diagnostics, customers: 200_000, customersRead: 1_234_567 },
      sample: { customers: 200_000, of: 1_234_567, seed: 'refit-sample-1' },
    };
    const answer = () => json(200, { latest: sampled, previous: null, lastRun: sampled });
    const english = renderApp({
      path: '/analytics',
      fetch: fakeFetch({ 'GET /v1/analytics/model': answer }).fetch,
    });
    const label = await screen.findByText('Fit sample (拟合样本)', {}, LOADED);
    const value = label.nextElementSibling as HTMLElement;
    expect(value.textContent).toContain('200,000 of 1,234,567 buyers');
    expect(within(value).getByText(/fitted on a seeded sample \(seed refit-sample-1/)).toBeTruthy();
    expect(within(value).getByText(/every customer was scored with them/)).toBeTruthy();
    english.unmount();

    renderApp({
      path: '/analytics',
      locale: 'zh-CN',
      fetch: fakeFetch({ 'GET /v1/analytics/model': answer }).fetch,
    });
    const zhLabel = await screen.findByText('拟合样本', {}, LOADED);
    const zhValue = zhLabel.nextElementSibling as HTMLElement;
    expect(zhValue.textContent).toContain('1,234,567 位购买客户中的 200,000 位');
    expect(within(zhValue).getByText(/固定种子抽取的样本拟合（种子 refit-sample-1/)).toBeTruthy();
    expect(within(zhValue).getByText(/所有客户均已用其评分/)).toBeTruthy();
  });

  it('shows no fit sample when the fit saw every buyer', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: succeeded, previous: null, lastRun: succeeded }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText('Converged', {}, LOADED)).toBeTruthy();
    expect(screen.queryByText(/Fit sample/)).toBeNull();
    expect(screen.queryByText(/seeded sample/)).toBeNull();
  });

  it('shows a failed fit with its reason', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { ...noFit, lastRun: failed }),
      'POST /v1/analytics/refit': () =>
        json(422, {
          error: {
            code: 'unprocessable',
            message: 'The models could not be fitted',
            details: { fit: failed },
          },
        }),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText(/The last fit failed/, {}, LOADED)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refit the model' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No customer bought twice');
    expect(alert.textContent).toContain('no_repeat_buyers');
  });

  it('hides the refit from members, who may not start one', async () => {
    const answer = sessionAnswer();
    localStorage.setItem(
      'crm.session',
      JSON.stringify({
        ...answer,
        user: { ...answer.user, role: 'member' },
        expiresAt: Date.now() + 3_600_000,
      }),
    );
    const server = fakeFetch({ 'GET /v1/analytics/model': () => json(200, noFit) });
    renderApp({ path: '/analytics', fetch: server.fetch });
    expect(await screen.findByText('Only owners and admins can refit the model.', {}, LOADED)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refit the model' })).toBeNull();
  });

  it('runs the holdout check on demand with the cutoff typed, and shows expected against actual', async () => {
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: succeeded, previous: null, lastRun: succeeded }),
      'GET /v1/analytics/holdout': () => json(200, holdout),
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    const cutoff = await screen.findByLabelText('Calibration ends', {}, LOADED);
    fireEvent.input(cutoff, { target: { value: '1997-09-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run the check' }));
    expect(await screen.findByText('1,234 / 1,190')).toBeTruthy();
    const request = server.calls.find((call) => call.url.includes('/v1/analytics/holdout'));
    const query = new URL(request?.url ?? 'http://x').searchParams;
    expect(query.get('cutoff')).toBe('1997-09-30');
    expect(query.has('end')).toBe(false); // left empty: the API's default, not ''
    expect(screen.getByText('-3.6%')).toBeTruthy();
    const weekly = screen.getByRole('heading', { name: 'Cumulative repeat purchases, week by week' });
    const figure = weekly.closest('section');
    fireEvent.click(within(figure as HTMLElement).getByRole('button', { name: 'Table' }));
    expect(within(figure as HTMLElement).getByRole('row', { name: '2 30 28.5' })).toBeTruthy();
  });

  it('puts the API field error beside the date, and shows why a check could not be made', async () => {
    let answer = 0;
    const server = fakeFetch({
      'GET /v1/analytics/model': () => json(200, { latest: succeeded, previous: null, lastRun: succeeded }),
      'GET /v1/analytics/holdout': () => {
        answer += 1;
        return answer === 1
          ? json(400, {
              error: {
                code: 'validation_failed',
                message: 'Invalid query',
                fields: [{ path: 'cutoff', message: 'Must be before the end' }],
              },
            })
          : json(422, {
              error: { code: 'degenerate_data', message: 'No repeat purchases before the cutoff' },
            });
      },
    });
    renderApp({ path: '/analytics', fetch: server.fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Run the check' }, LOADED));
    expect(await screen.findByText('Must be before the end')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run the check' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No repeat purchases before the cutoff');
  });
});
