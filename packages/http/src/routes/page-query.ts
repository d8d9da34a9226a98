import { z } from '@hono/zod-openapi';

/**
 * The query of a cursor-paged list: a page size and the opaque cursor of the page before.
 * The cursor's bound is per list because some cursors carry a whole filter (segment members).
 */
export function pageQueryShape(cursorMaxLength = 400) {
  return {
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(cursorMaxLength).optional(),
  };
}

/**
 * A public link's secret part (survey answers, unsubscribes). Loose on purpose: a malformed link
 * answers the same 404 as a used, expired or forged one, so its shape tells nobody anything.
 */
export const PublicLinkParam = z.object({ link: z.string().min(1).max(200) });

/**
 * The next-page cursor of a list read through a filter. The server stops a page after a read budget
 * rather than reading a whole partition for a rare match, so clients must follow the cursor to its
 * null, not stop at a short or empty page.
 */
export const FilteredNextCursorSchema = z.string().nullable().openapi({
  description:
    'The cursor of the next page; null when the list is read to its end. A filtered page may hold fewer items than `limit`, even none, and still have a cursor: each page stops after a read budget. Follow the cursor until it is null.',
});

/**
 * The body of a cursor-paged list, registered as `name`: the page's items and the cursor of the
 * next page (null after the last). `filtered`: a list read through a filter, whose pages may be
 * short or empty with a cursor (`FilteredNextCursorSchema`).
 *
 * @example
 * const CampaignPageSchema = cursorPageSchema('CampaignPage', z.array(CampaignSchema).max(200));
 */
export function cursorPageSchema<Items extends z.ZodArray<z.ZodType>>(
  name: string,
  items: Items,
  { filtered = false }: { filtered?: boolean } = {},
) {
  return z
    .object({ items, nextCursor: filtered ? FilteredNextCursorSchema : z.string().nullable() })
    .openapi(name);
}
