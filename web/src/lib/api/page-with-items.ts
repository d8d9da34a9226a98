export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A filtered list page can come back short, even empty, with a cursor: the server stops after a
 * read budget instead of reading a whole partition for a rare match. A screen that showed that page
 * would say "nothing here" with more to come, so this follows the cursor, gathering items, until it
 * has `atLeast` of them (default 1), the list ends, or it has made `maxPages` requests; the cursor
 * it answers goes on after the last page read.
 */
export async function pageWithItems<T>(
  load: (cursor: string | undefined) => Promise<CursorPage<T>>,
  cursor?: string,
  { atLeast = 1, maxPages = 10 }: { atLeast?: number; maxPages?: number } = {},
): Promise<CursorPage<T>> {
  const first = await load(cursor);
  const items = [...first.items];
  let nextCursor = first.nextCursor;
  for (let requests = 1; items.length < atLeast && nextCursor && requests < maxPages; requests++) {
    const page = await load(nextCursor);
    items.push(...page.items);
    nextCursor = page.nextCursor;
  }
  return { items, nextCursor };
}
