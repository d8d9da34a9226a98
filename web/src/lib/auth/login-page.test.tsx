import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const noFit = () => json(200, { latest: null, previous: null, lastRun: null });

function fill(label: RegExp, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

beforeEach(() => {
  localStorage.clear();
  vi.stubGlobal('fetch', async () => json(404, { error: { code: 'not_found', message: 'no' } }));
});
afterEach(() => vi.unstubAllGlobals());

describe('the login screen', () => {
  it('has a password field and a visible 中文 / English switch that changes the labels', async () => {
    const server = fakeFetch({});
    renderApp({ path: '/', fetch: server.fetch });
    expect(await screen.findByLabelText('Password')).toHaveProperty('type', 'password');
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByLabelText('密码')).toBeTruthy();
    expect(localStorage.getItem('crm.locale')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('asks which tenant when the e-mail belongs to several, then logs in there and returns', async () => {
    const server = fakeFetch({
      'POST /v1/auth/login': async (request) => {
        const body = (await request.json()) as { tenantId?: string };
        if (body.tenantId === '01HBBBBBBBBBBBBBBBBBBBBBBB')
          return json(200, sessionAnswer({ tenantName: 'Port B' }));
        return json(409, {
          error: {
            code: 'tenant_choice_required',
            message: 'pass tenantId',
            details: {
              tenants: [
                { tenantId: '01HAAAAAAAAAAAAAAAAAAAAAAA', tenantName: 'Port A' },
                { tenantId: '01HBBBBBBBBBBBBBBBBBBBBBBB', tenantName: 'Port B' },
              ],
            },
          },
        });
      },
      'GET /v1/analytics/model': noFit,
      // The customer list it returns to asks for these; each answered, none fails after the test.
      'GET /v1/users': () => json(200, { items: [] }),
      'GET /v1/custom-fields': () => json(200, { items: [] }),
      'GET /v1/members/tier-policy': () => json(200, { policy: { tiers: [] }, version: 0, updatedAt: null }),
      'GET /v1/customers': () => json(200, { items: [], nextCursor: null }),
    });
    const { history } = renderApp({ path: '/login?next=%2Fcustomers', fetch: server.fetch });
    fill(/E-mail/, 'agent@example.com');
    fill(/^Password/, 'correct-horse-battery');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'Port B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(history.get()).toBe('/customers'));
    expect(await screen.findByRole('heading', { name: /Customers/ })).toBeTruthy();
    expect(screen.getByText('Port B')).toBeTruthy();
  });

  it('shows the API’s field errors beside the fields', async () => {
    const server = fakeFetch({
      'POST /v1/auth/signup': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid json',
            fields: [{ path: 'password', message: 'must be at least 12 characters' }],
          },
        }),
    });
    renderApp({ path: '/signup', fetch: server.fetch });
    fill(/Company or team name/, 'Rice Shop');
    fill(/E-mail/, 'owner@example.com');
    fill(/^Password/, 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    const password = screen.getByLabelText(/^Password/);
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('must be at least 12 characters')).toBeTruthy();
    expect(password.getAttribute('aria-describedby')).toContain(
      screen.getByText('must be at least 12 characters').id,
    );
  });

  it('offers the demo login only when the local runtime says so', async () => {
    vi.stubGlobal('fetch', async () =>
      json(200, { runtime: 'local', demo: { email: 'demo@example.com', password: 'demo-password-2026' } }),
    );
    renderApp({ path: '/login', fetch: fakeFetch({}).fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Use the demo account' }));
    expect((screen.getByLabelText(/E-mail/) as HTMLInputElement).value).toBe('demo@example.com');
  });
});

describe('a logged-out visitor', () => {
  it('is sent to login from a deep link and comes back to it after logging in', async () => {
    const server = fakeFetch({
      'POST /v1/auth/login': () => json(200, sessionAnswer()),
      'GET /v1/analytics/model': noFit,
    });
    const { history } = renderApp({ path: '/settings', fetch: server.fetch });
    await waitFor(() => expect(history.get()).toBe('/login?next=%2Fsettings'));
    fill(/E-mail/, 'owner@example.com');
    fill(/^Password/, 'correct-horse-battery');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(history.get()).toBe('/settings'));
  });
});

describe('a logged-in user', () => {
  it('returns to login, then to where they were, when the session can no longer be renewed', async () => {
    const server = fakeFetch({
      'POST /v1/auth/login': () => json(200, sessionAnswer()),
      // Every request of the dashboard meets the ended session, as the API would answer them (an
      // unanswered one would fail late with "no route", after the test, as an unhandled rejection).
      'GET /v1/analytics/model': () => json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
      'GET /v1/credit/overview': () => json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
      'GET /v1/kpis': () => json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
      'POST /v1/auth/refresh': () => json(401, { error: { code: 'unauthenticated', message: 'revoked' } }),
    });
    const { history } = renderApp({ path: '/login?next=%2Fdashboard', fetch: server.fetch });
    fill(/E-mail/, 'owner@example.com');
    fill(/^Password/, 'correct-horse-battery');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(history.get()).toBe('/login?next=%2Fdashboard&expired=1'));
    expect(await screen.findByText('Your session ended. Log in again to continue.')).toBeTruthy();
  });
});
