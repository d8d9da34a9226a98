import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();

function me(role: 'owner' | 'member') {
  return { tenant: session.tenant, role, user: { ...session.user, role } };
}

// Kobalte's tab indicator measures the selected tab; jsdom has no ResizeObserver.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  localStorage.clear();
  createSessionStore(localStorage).start(session);
});

describe('settings', () => {
  it('shows a new API key once, with a copy button, and forgets it when closed', async () => {
    const keys: {
      id: string;
      name: string;
      scope: 'read' | 'write';
      createdBy: string;
      createdAt: string;
    }[] = [];
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/api-keys': () => json(200, { items: keys }),
      'POST /v1/api-keys': async (request) => {
        const body = (await request.json()) as { name: string; scope: 'read' | 'write' };
        const key = { id: 'K1', ...body, createdBy: session.user.id, createdAt: '2026-01-02T00:00:00.000Z' };
        keys.push(key);
        return json(201, { ...key, key: 'crm_secret_123' });
      },
    });
    renderApp({ path: '/settings?tab=apiKeys', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Create an API key' }, LAZY));
    fireEvent.input(await screen.findByLabelText(/^Name/), { target: { value: 'Web shop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    const secret = (await screen.findByLabelText('API key')) as HTMLInputElement;
    expect(secret.value).toBe('crm_secret_123');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(await screen.findByRole('rowheader', { name: 'Web shop' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByDisplayValue('crm_secret_123')).toBeNull());
  });

  it('hides the admin sections from a member and shows the tenant read-only', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('member')),
      'GET /v1/tenant': () => json(200, session.tenant),
    });
    renderApp({ path: '/settings', fetch });

    expect(await screen.findByRole('tab', { name: 'Tenant' }, LAZY)).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Custom fields' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'API keys' })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Users and roles' })).toBeNull();
    const name = (await screen.findByLabelText(/^Name/)) as HTMLInputElement;
    expect(name.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
