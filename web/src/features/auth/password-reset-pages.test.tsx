import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

describe('the password reset screens', () => {
  it('asks for a link and shows the same answer whatever the e-mail', async () => {
    const server = fakeFetch({
      'POST /v1/auth/password-reset/request': () =>
        json(202, { status: 'check-email', message: 'If this e-mail has an account…' }),
    });
    renderApp({ path: '/forgot-password', fetch: server.fetch });
    fireEvent.input(await screen.findByLabelText(/^E-mail/), { target: { value: 'li.wei@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText(/a message with a link is on its way/)).toBeTruthy();
    expect(await server.calls[0]?.json()).toEqual({ email: 'li.wei@example.com', locale: 'en' });
  });

  it('sets the new password with the link’s token', async () => {
    const server = fakeFetch({ 'POST /v1/auth/password-reset': () => new Response(null, { status: 204 }) });
    renderApp({ path: '/reset-password?token=reset-token-1', fetch: server.fetch });
    fireEvent.input(await screen.findByLabelText(/^Password/), {
      target: { value: 'a-brand-new-passphrase' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    expect(await screen.findByText('Your password is changed. Log in with it.')).toBeTruthy();
    expect(await server.calls[0]?.json()).toEqual({
      token: 'reset-token-1',
      password: 'a-brand-new-passphrase',
    });
  });

  it('says so when the link was already used', async () => {
    const server = fakeFetch({
      'POST /v1/auth/password-reset': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'This link is invalid, expired or already used',
            fields: [{ path: 'token', message: 'is invalid, expired or already used' }],
          },
        }),
    });
    renderApp({ path: '/reset-password?token=used', fetch: server.fetch });
    fireEvent.input(await screen.findByLabelText(/^Password/), {
      target: { value: 'a-brand-new-passphrase' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/invalid, expired or already used/),
    );
  });

  it('confirms an e-mail address on arrival from the mailed link', async () => {
    const server = fakeFetch({ 'POST /v1/auth/verify-email': () => new Response(null, { status: 204 }) });
    renderApp({ path: '/verify-email?token=verify-token-1', fetch: server.fetch });
    expect(await screen.findByText('Your e-mail address is confirmed.')).toBeTruthy();
    expect(await server.calls[0]?.json()).toEqual({ token: 'verify-token-1' });
  });

  it('offers a new confirmation link when the mailed one was already used', async () => {
    const server = fakeFetch({
      'POST /v1/auth/verify-email': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'This link is invalid, expired or already used',
            fields: [{ path: 'token', message: 'is invalid, expired or already used' }],
          },
        }),
      'POST /v1/auth/verify-email/request': () => new Response(null, { status: 202 }),
    });
    renderApp({ path: '/verify-email?token=used', fetch: server.fetch });
    expect((await screen.findByRole('alert')).textContent).toMatch(/invalid, expired or already used/);
    fireEvent.input(screen.getByLabelText(/e-mail/i), { target: { value: 'someone@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(server.calls.map((call) => new URL(call.url).pathname)).toContain('/v1/auth/verify-email/request');
  });
});
