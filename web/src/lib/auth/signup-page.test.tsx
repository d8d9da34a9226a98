import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';

describe('the sign-up screen', () => {
  it('tells a known e-mail to check its mail, and stays signed out', async () => {
    const server = fakeFetch({
      'POST /v1/auth/signup': () =>
        json(202, { status: 'check-email', message: 'This e-mail already has an account' }),
    });
    const { history } = renderApp({ path: '/signup', fetch: server.fetch });
    fireEvent.input(await screen.findByLabelText(/^Company or team name/), { target: { value: '王记米店' } });
    fireEvent.input(screen.getByLabelText(/^E-mail/), { target: { value: 'li.wei@example.com' } });
    fireEvent.input(screen.getByLabelText(/^Password/), { target: { value: 'correct-horse-battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create tenant' }));
    expect(await screen.findByText(/We sent it a message with the next step/)).toBeTruthy();
    expect(history.get()).toBe('/signup');
  });

  it('offers the password reset from the login screen', async () => {
    const { history } = renderApp({ path: '/login', fetch: fakeFetch({}).fetch });
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    await waitFor(() => expect(history.get()).toBe('/forgot-password'));
    expect(await screen.findByRole('button', { name: 'Send the link' })).toBeTruthy();
  });
});
