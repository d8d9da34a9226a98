import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

describe('the invitation screen', () => {
  it('sets the password with the link’s token and opens the tenant', async () => {
    const server = fakeFetch({
      'POST /v1/auth/accept-invitation': () => json(200, sessionAnswer({ tenantName: 'Port of Ningbo' })),
      'GET /v1/analytics/model': () => json(200, { latest: null, previous: null, lastRun: null }),
    });
    const { history } = renderApp({ path: '/invite?token=invite-token-1', fetch: server.fetch });
    fireEvent.input(await screen.findByLabelText(/^Password/), {
      target: { value: 'correct-horse-battery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(history.get()).toBe('/dashboard'));
    expect(await server.calls[0]?.json()).toEqual({
      token: 'invite-token-1',
      password: 'correct-horse-battery',
    });
    expect(await screen.findByText('Port of Ningbo')).toBeTruthy();
  });

  it('explains an incomplete link instead of showing a form', async () => {
    renderApp({ path: '/invite', fetch: fakeFetch({}).fetch });
    expect(await screen.findByText('This invitation link is incomplete. Ask for a new one.')).toBeTruthy();
    expect(screen.queryByLabelText(/^Password/)).toBeNull();
  });
});
