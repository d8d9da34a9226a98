import { z } from 'zod';

export const customerHistoryActions = ['created', 'updated', 'archived', 'restored', 'imported'] as const;
export type CustomerHistoryAction = (typeof customerHistoryActions)[number];

/** One line of a customer's history (客户变更记录): who did what, and when. */
export const CustomerHistoryEntrySchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    at: z.string(),
    actorId: z.string(),
    /** The partner organisation the actor acted for, when a dealer's user made the change. */
    organisationId: z.string().optional(),
    action: z.enum(customerHistoryActions),
    /** Field → [before, after]; absent for `created`. */
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
  })
  .meta({ id: 'CustomerHistoryEntry' });
export type CustomerHistoryEntry = z.infer<typeof CustomerHistoryEntrySchema>;
