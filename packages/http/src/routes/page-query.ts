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
 * The body of a cursor-paged list, registered as `name`: the page's items and the cursor of the
 * next page (null after the last).
 *
 * @example
 * const CampaignPageSchema = cursorPageSchema('CampaignPage', z.array(CampaignSchema).max(200));
 */
export function cursorPageSchema<Items extends z.ZodArray<z.ZodType>>(name: string, items: Items) {
  return z.object({ items, nextCursor: z.string().nullable() }).openapi(name);
}
