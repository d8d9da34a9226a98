import { type JSX, type Resource, Show } from 'solid-js';
import { EmptyState, ErrorState, LoadingState } from './states.js';

/**
 * Renders a resource's three states: loading, error (with retry), empty (when `isEmpty` says so),
 * and otherwise the data. Every screen uses it so no screen forgets a state.
 *
 * @example
 * <AsyncView resource={customers} onRetry={refetch} isEmpty={(page) => page.items.length === 0}
 *   empty={<EmptyState title={t('empty')} />}>
 *   {(page) => <CustomerTable page={page} />}
 * </AsyncView>
 */
export function AsyncView<T>(props: {
  resource: Resource<T>;
  onRetry?: () => void;
  isEmpty?: (data: T) => boolean;
  empty?: JSX.Element;
  children: (data: T) => JSX.Element;
}) {
  return (
    <Show
      when={!props.resource.error}
      fallback={<ErrorState error={props.resource.error} onRetry={props.onRetry} />}
    >
      <Show
        when={props.resource.state === 'ready' || props.resource.state === 'refreshing'}
        fallback={<LoadingState />}
      >
        <Show
          when={!(props.isEmpty?.(props.resource() as T) ?? false)}
          fallback={props.empty ?? <EmptyState />}
        >
          {props.children(props.resource() as T)}
        </Show>
      </Show>
    </Show>
  );
}
