import type { JSX } from 'solid-js';
import { Show } from 'solid-js';
import { ApiError } from '../api/errors.js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { Button } from './button.js';

/** A polite, announced loading indicator. */
export function LoadingState(props: { label?: string }) {
  const t = useSharedMessages();
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? t('state.loading')}</span>
    </div>
  );
}

export function EmptyState(props: { title?: string; children?: JSX.Element; action?: JSX.Element }) {
  const t = useSharedMessages();
  return (
    <div class="state state--empty">
      <p class="state__title">{props.title ?? t('state.empty')}</p>
      <Show when={props.children}>
        <div class="state__body">{props.children}</div>
      </Show>
      <Show when={props.action}>{props.action}</Show>
    </div>
  );
}

/** An error with the API's message when there is one, and a retry when the caller can retry. */
export function ErrorState(props: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useSharedMessages();
  const message = () =>
    props.error instanceof ApiError || props.error instanceof Error ? props.error.message : undefined;
  return (
    <div class="state state--error" role="alert">
      <p class="state__title">{props.title ?? t('state.error')}</p>
      <Show when={message()}>
        <p class="state__body">{message()}</p>
      </Show>
      <Show when={props.onRetry}>
        {(retry) => (
          <Button variant="secondary" onClick={() => retry()()}>
            {t('state.retry')}
          </Button>
        )}
      </Show>
    </div>
  );
}
