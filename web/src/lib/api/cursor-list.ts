import { type Accessor, createResource, createSignal } from 'solid-js';
import { type CursorPage, pageWithItems } from './page-with-items.js';

/**
 * A list a screen reads a page at a time by the API's cursor: the first page of `key`'s list (again
 * whenever `key` changes), then `more` appends the next. Both go through `pageWithItems`, so a page a
 * filter left short or empty is read on from its cursor, and the list is empty only when it has no
 * items and no cursor left to follow.
 *
 * @example
 * const alerts = createCursorList(filters, (current, cursor) => unwrap(api.GET('/v1/alerts', …)));
 * <AsyncView resource={alerts.items} onRetry={alerts.refetch} isEmpty={alerts.isEmpty}>…</AsyncView>
 */
export function createCursorList<K, T>(
  key: Accessor<K>,
  load: (key: K, cursor: string | undefined) => Promise<CursorPage<T>>,
) {
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [items, { refetch, mutate }] = createResource(key, async (current) => {
    const page = await pageWithItems((after) => load(current, after));
    setCursor(page.nextCursor);
    return page.items;
  });
  const more = async () => {
    const after = cursor();
    if (!after) return;
    const page = await pageWithItems((next) => load(key(), next), after);
    setCursor(page.nextCursor);
    mutate((loaded) => [...(loaded ?? []), ...page.items]);
  };
  return {
    items,
    refetch,
    mutate,
    more,
    hasMore: () => Boolean(cursor()),
    isEmpty: (loaded: T[]) => loaded.length === 0 && !cursor(),
  };
}

export type CursorList<T> = ReturnType<typeof createCursorList<unknown, T>>;
