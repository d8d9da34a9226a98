import { screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeFetch, json, sessionAnswer } from '../../test/fake-api.js';
import { renderApp } from '../../test/render-app.js';
import { createSessionStore } from '../auth/session.js';

const LAZY = { timeout: 25_000 };
const session = sessionAnswer();
const me = { tenant: session.tenant, role: 'owner', user: { ...session.user, role: 'owner' } };

beforeEach(() => {
  localStorage.clear();
  createSessionStore(localStorage).start(session);
});

describe('the shell navigation', () => {
  it('keeps the daily work apart from the administration, under a heading of its own', async () => {
    const { fetch } = fakeFetch({
      'GET /v1/me': () => json(200, me),
      'GET /v1/tenant': () => json(200, session.tenant),
      'GET /v1/webhooks': () => json(200, { items: [] }),
    });
    renderApp({ path: '/settings/webhooks', fetch, locale: 'zh-CN' });

    const admin = await screen.findByRole('list', { name: '系统管理' }, LAZY);
    const adminLinks = within(admin)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    expect(adminLinks).toEqual([
      '/partners',
      '/settings',
      '/settings/policies',
      '/settings/webhooks',
      '/settings/workflows',
    ]);

    const navigation = screen.getByRole('navigation');
    const work = [...navigation.querySelectorAll('ul:not([aria-labelledby]) a')].map((link) =>
      link.getAttribute('href'),
    );
    expect(work[0]).toBe('/dashboard');
    expect(work).toContain('/customers');
    expect(work.some((href) => href?.startsWith('/settings'))).toBe(false);
  });
});
