import { z } from 'zod';

/** The event the API Lambda sends the import worker for one accepted import. */
export const ImportEventSchema = z.object({
  action: z.literal('import'),
  tenantId: z.string().min(1),
  importId: z.string().min(1),
});
export type ImportEvent = z.infer<typeof ImportEventSchema>;
