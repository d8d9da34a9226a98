import { z } from 'zod';

/**
 * The event the API Lambda sends the tenant data worker: one export to build or one deletion to
 * run; or `resumeDeletions`, which runs again the deletions a crash cut off.
 */
export const TenantDataEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('export'), tenantId: z.string().min(1), exportId: z.string().min(1) }),
  z.object({ kind: z.literal('deletion'), tenantId: z.string().min(1) }),
  // From an operator (or a schedule): the deletions a crash cut off, and the final passes due.
  z.object({ kind: z.literal('resumeDeletions') }),
]);
export type TenantDataEvent = z.infer<typeof TenantDataEventSchema>;
