import { Navigate, type RouteDefinition, type RouteSectionProps, useLocation } from '@solidjs/router';
import { createEffect, lazy, on } from 'solid-js';
import { features } from './features/registry.js';
import { LoginPage } from './lib/auth/login-page.js';
import { RequireAuth } from './lib/auth/require-auth.js';
import { SignupPage } from './lib/auth/signup-page.js';
import type { NavEntry } from './lib/features/feature.js';
import { AppShell } from './lib/layout/app-shell.js';

const navEntries: readonly NavEntry[] = features.flatMap((feature) => (feature.nav ? [feature.nav] : []));

/** The logged-in frame; after each navigation, focus moves to the new screen for keyboard and reader users. */
function LoggedIn(props: RouteSectionProps) {
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () =>
        queueMicrotask(() =>
          (document.getElementById('page-title') ?? document.getElementById('main'))?.focus({
            preventScroll: true,
          }),
        ),
      { defer: true },
    ),
  );
  return (
    <RequireAuth>
      <AppShell nav={navEntries}>{props.children}</AppShell>
    </RequireAuth>
  );
}

/**
 * The route table. Login and sign-up are the entry and load with the first page; everything else
 * (every feature screen) is lazy-loaded.
 */
export const routes: RouteDefinition[] = [
  { path: '/login', component: LoginPage },
  { path: '/signup', component: SignupPage },
  {
    // `/accept-invitation` is the path the API writes into invitation mails.
    path: ['/invite', '/accept-invitation'],
    component: lazy(() =>
      import('./lib/auth/accept-invitation-page.js').then((module) => ({
        default: module.AcceptInvitationPage,
      })),
    ),
  },
  // The paths the API writes into reset and confirmation mails; `/forgot-password` asks for one.
  {
    path: '/forgot-password',
    component: lazy(() =>
      import('./features/auth/forgot-password-page.js').then((module) => ({
        default: module.ForgotPasswordPage,
      })),
    ),
  },
  {
    path: '/reset-password',
    component: lazy(() =>
      import('./features/auth/reset-password-page.js').then((module) => ({
        default: module.ResetPasswordPage,
      })),
    ),
  },
  // The public survey answer page: the path the API writes into survey mails; no login, no shell.
  {
    path: '/s/:link',
    component: lazy(() =>
      import('./features/surveys/public-survey-page.js').then((module) => ({
        default: module.PublicSurveyPage,
      })),
    ),
  },
  // The public unsubscribe page: the path the API writes into campaign messages; no login, no shell.
  {
    path: '/u/:link',
    component: lazy(() =>
      import('./features/campaigns/public-unsubscribe-page.js').then((module) => ({
        default: module.PublicUnsubscribePage,
      })),
    ),
  },
  {
    path: '/verify-email',
    component: lazy(() =>
      import('./features/auth/verify-email-page.js').then((module) => ({ default: module.VerifyEmailPage })),
    ),
  },
  {
    path: '/',
    component: LoggedIn,
    children: [
      { path: '/', component: () => <Navigate href="/dashboard" /> },
      ...features.flatMap((feature) => feature.routes),
      {
        path: '*404',
        component: lazy(() =>
          import('./lib/layout/not-found-page.js').then((module) => ({ default: module.NotFoundPage })),
        ),
      },
    ],
  },
];
