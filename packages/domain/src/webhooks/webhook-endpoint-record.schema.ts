import { z } from 'zod';
import { IdSchema } from '../ids.js';

// Apart from the request schemas (webhook-endpoint.schema.ts), which check event names against the
// catalog: the catalog's own `webhook.endpoint.disabled` payload is built from this record.

const FieldNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a top-level field name of the event data');
const FilterValueSchema = z.union([z.string().max(200), z.number(), z.boolean()]);

/**
 * Narrows an endpoint to some of its events: `changed` (only updates that change one of these
 * fields; events that carry no changes pass) and `equals` (only events whose `data` has these
 * values; a list means any of them).
 */
export const WebhookFilterSchema = z
  .strictObject({
    changed: z
      .array(FieldNameSchema)
      .min(1)
      .max(20)
      .optional()
      .describe('Only updates that change at least one of these fields of `data` (e.g. `status`)'),
    equals: z
      .record(FieldNameSchema, z.union([FilterValueSchema, z.array(FilterValueSchema).min(1).max(20)]))
      .refine((value) => Object.keys(value).length <= 20, { message: 'at most 20 fields' })
      .optional()
      .describe(
        'Only events whose `data` holds these values (e.g. `{"kind": "business"}`); a list means any of them',
      ),
  })
  .meta({ id: 'WebhookFilter' });
export type WebhookFilter = z.infer<typeof WebhookFilterSchema>;

export const webhookDisableReasons = ['gone', 'failing', 'admin'] as const;
export type WebhookDisableReason = (typeof webhookDisableReasons)[number];

export const WebhookEndpointSchema = z
  .object({
    id: IdSchema,
    url: z.string(),
    events: z.array(z.string()),
    filter: WebhookFilterSchema.optional(),
    description: z.string().optional(),
    enabled: z.boolean(),
    disabledReason: z
      .enum(webhookDisableReasons)
      .optional()
      .describe(
        'gone: the receiver answered 410; failing: every delivery failed for 5 days; admin: turned off',
      ),
    disabledAt: z.iso.datetime().optional(),
    failingSince: z.iso
      .datetime()
      .optional()
      .describe('The first failed attempt since the last success; 5 days of failure disables the endpoint'),
    secretRotatedAt: z.iso.datetime().optional(),
    previousSecretExpiresAt: z.iso
      .datetime()
      .optional()
      .describe('Until then deliveries carry a signature with the previous secret too'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
