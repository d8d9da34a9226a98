import { createMemoryHistory, MemoryRouter, type RouteSectionProps } from '@solidjs/router';
import { render } from '@solidjs/testing-library';
import { AuthProvider } from '../lib/auth/auth-context.js';
import { createSessionStore } from '../lib/auth/session.js';
import { I18nProvider } from '../lib/i18n/i18n-context.js';
import type { Locale } from '../lib/i18n/locale.js';
import { routes } from '../routes.js';

/** The whole SPA at `path`, in memory, talking to `fetch` (see fake-api.ts). */
export function renderApp(options: { path: string; fetch: typeof globalThis.fetch; locale?: Locale }) {
  const history = createMemoryHistory();
  history.set({ value: options.path });
  const Root = (props: RouteSectionProps) => (
    <AuthProvider store={createSessionStore()} fetch={options.fetch} baseUrl="http://localhost">
      {props.children}
    </AuthProvider>
  );
  const rendered = render(() => (
    <I18nProvider locale={options.locale ?? 'en'}>
      <MemoryRouter history={history} root={Root}>
        {routes}
      </MemoryRouter>
    </I18nProvider>
  ));
  return { ...rendered, history };
}
