import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../lib/auth/session.js';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();

function me(role: 'owner' | 'admin') {
  return { tenant: session.tenant, role, user: { ...session.user, role } };
}

function exportRecord(status: 'running' | 'done' | 'downloaded', itemsDone: number) {
  return {
    id: '01HXXXXXXXXXXXXXXXXXXXXXXX',
    status,
    familiesDone: status === 'running' ? 3 : 33,
    familiesTotal: 33,
    itemsDone,
    counts: status === 'running' ? {} : { customer: 2 },
    startedBy: session.user.id,
    startedAt: '2026-01-02T00:00:00.000Z',
    version: 1,
    ...(status === 'running' ? {} : { bytes: 4096, availableUntil: '2026-01-03T00:00:00.000Z' }),
  };
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

describe('settings: data & privacy', () => {
  it('is the owner’s alone: an admin has no such tab', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me('admin')),
      'GET /v1/tenant': () => json(200, session.tenant),
    });
    renderApp({ path: '/settings?tab=dataPrivacy', fetch });
    expect(await screen.findByRole('tab', { name: 'Users and roles' }, LAZY)).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Data & privacy' })).toBeNull();
  });

  it('follows an export to the end and downloads it once', async () => {
    let reads = 0;
    const { fetch, calls } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/tenant/exports': () => json(200, { items: [] }),
      'POST /v1/tenant/export': () => json(202, exportRecord('running', 0)),
      'GET /v1/tenant/exports/01HXXXXXXXXXXXXXXXXXXXXXXX': () => {
        reads += 1;
        return json(200, reads < 2 ? exportRecord('running', 120) : exportRecord('done', 240));
      },
      'POST /v1/tenant/exports/01HXXXXXXXXXXXXXXXXXXXXXXX/download': () =>
        json(200, {
          url: '/v1/public/tenant-exports/token',
          expiresAt: '2026-01-03T00:00:00.000Z',
          fileName: 'crm-export.zip',
        }),
    });
    renderApp({ path: '/settings?tab=dataPrivacy', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Export all data' }, LAZY));
    expect(await screen.findByText(/Exporting… 120 records so far/, {}, { timeout: 5_000 })).toBeTruthy();
    const download = await screen.findByRole(
      'button',
      { name: 'Download the archive (once)' },
      { timeout: 5_000 },
    );
    expect(screen.getByText(/Ready: 240 records, 4 KB/)).toBeTruthy();
    fireEvent.click(download);
    expect(await screen.findByText('Downloaded. Start a new export for a newer copy.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download the archive (once)' })).toBeNull();
    expect(calls.filter((call) => call.url.endsWith('/download'))).toHaveLength(1);
  });

  it('deletes the tenant only with its name and the password, then signs out', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /v1/me': () => json(200, me('owner')),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/tenant/exports': () => json(200, { items: [] }),
      'POST /v1/auth/logout': () => new Response(null, { status: 204 }),
      'DELETE /v1/tenant': async (request) => {
        const body = (await request.json()) as { confirmation: string; password: string };
        if (body.password !== 'right-password') {
          return json(400, {
            error: {
              code: 'validation_failed',
              message: 'The password is wrong',
              fields: [{ path: 'password', message: 'is wrong' }],
            },
          });
        }
        return json(202, {
          tenantId: session.tenant.id,
          status: 'deleting',
          requestedAt: '2026-01-02T00:00:00Z',
        });
      },
    });
    renderApp({ path: '/settings?tab=dataPrivacy', fetch });

    fireEvent.click(await screen.findByRole('button', { name: 'Delete this tenant…' }, LAZY));
    const confirm = await screen.findByRole('button', { name: 'Delete for good' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText(/^Tenant name/), { target: { value: 'Rice Shop 米店' } });
    fireEvent.input(screen.getByLabelText(/^Your password/), { target: { value: 'wrong-password' } });
    fireEvent.click(confirm);
    expect(await screen.findByText('is wrong')).toBeTruthy();

    fireEvent.input(screen.getByLabelText(/^Your password/), { target: { value: 'right-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy(), {
      timeout: 10_000,
    });
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(2);
  });
});
