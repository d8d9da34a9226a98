import { z } from 'zod';

/** The event the API Lambda sends the refit Lambda for one tenant's on-demand refit. */
export const RefitTenantEventSchema = z.object({
  action: z.literal('refit-tenant'),
  tenantId: z.string().min(1),
  fitId: z.string().min(1),
  startedAt: z.iso.datetime(),
});
export type RefitTenantEvent = z.infer<typeof RefitTenantEventSchema>;
