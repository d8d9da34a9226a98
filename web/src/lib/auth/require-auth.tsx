import { Navigate, useLocation } from '@solidjs/router';
import { type ParentProps, Show } from 'solid-js';
import { useAuth } from './auth-context.js';
import { loginHref } from './login-href.js';

/** Renders its children for a logged-in user; anyone else goes to login and comes back after. */
export function RequireAuth(props: ParentProps) {
  const { session } = useAuth();
  const location = useLocation();
  return (
    <Show when={session()} fallback={<Navigate href={loginHref(`${location.pathname}${location.search}`)} />}>
      {props.children}
    </Show>
  );
}
