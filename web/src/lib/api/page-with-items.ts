export type CursorPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A filtered list page can come back empty with a cursor: the server stops after a read budget
 * instead of reading a whole partition for a rare match. A screen that showed that page would say
 * "nothing here" with more to come, so this follows the cursor while pages are empty, up to
 * `maxPages` requests; after that the (still empty) page and its cursor are the caller's to offer.
 */
export async function pageWithItems<T>(
  load: (cursor: string | undefined) => Promise<CursorPage<T>>,
  cursor?: string,
  maxPages = 10,
): Promise<CursorPage<T>> {
  let page = await load(cursor);
  for (let requests = 1; page.items.length === 0 && page.nextCursor && requests < maxPages; requests++) {
    page = await load(page.nextCursor);
  }
  return page;
}
