import { useLocation } from '@solidjs/router';
import { createEffect, ErrorBoundary, on, type ParentProps } from 'solid-js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { ErrorState } from '../ui/states.js';

/**
 * The last net under every screen: an error no screen state caught (a resource read while it
 * failed, a late request of a screen left behind) shows the error state in the content area, with
 * a retry, instead of escaping as an uncaught error that leaves a half-drawn screen. The
 * navigation stays usable, and going to another screen clears it.
 */
export function ScreenErrorBoundary(props: ParentProps) {
  const t = useSharedMessages();
  const location = useLocation();
  return (
    <ErrorBoundary
      fallback={(error, reset) => {
        createEffect(on(() => location.pathname, reset, { defer: true }));
        return <ErrorState error={error} title={t('state.screenError')} onRetry={reset} />;
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
