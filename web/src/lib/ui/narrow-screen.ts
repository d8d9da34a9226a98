import { type Accessor, createSignal, onCleanup } from 'solid-js';

/** Where the layouts turn from columns into one column: the width of a phone held upright. */
export const narrowScreenQuery = '(max-width: 640px)';

/**
 * Whether the window is phone-narrow now, following it as it turns or resizes. False where the
 * browser has no media queries (jsdom), so tests see the wide layout.
 *
 * @example
 * const narrow = useNarrowScreen();
 * <Show when={narrow()} fallback={<WideLayout />}><NarrowLayout /></Show>
 */
export function useNarrowScreen(): Accessor<boolean> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(narrowScreenQuery) : undefined;
  const [narrow, setNarrow] = createSignal(query?.matches ?? false);
  const follow = (event: MediaQueryListEvent) => setNarrow(event.matches);
  query?.addEventListener('change', follow);
  onCleanup(() => query?.removeEventListener('change', follow));
  return narrow;
}
