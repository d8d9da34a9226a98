import { Router, type RouteSectionProps } from '@solidjs/router';
import { AuthProvider } from './lib/auth/auth-context.js';
import { I18nProvider } from './lib/i18n/i18n-context.js';
import { routes } from './routes.js';

function Root(props: RouteSectionProps) {
  return <AuthProvider>{props.children}</AuthProvider>;
}

/** The SPA: language, then the router with the session inside it (the session navigates on 401). */
export function App() {
  return (
    <I18nProvider>
      <Router root={Root}>{routes}</Router>
    </I18nProvider>
  );
}
