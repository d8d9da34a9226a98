import { z } from 'zod';
import { eventTypes } from '../events/event-catalog.js';
import { IdSchema } from '../ids.js';
import { WebhookEndpointSchema, WebhookFilterSchema } from './webhook-endpoint-record.schema.js';

/**
 * An event name or a wildcard over the catalog: `customer.created`, `customer.*` (every event whose
 * name starts with `customer.`), `credit.hold.*`, or `*` (everything). A wildcard must cover at least
 * one catalogued event, so a typo (`custmer.*`) is refused instead of silently matching nothing.
 */
export const WebhookEventPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((pattern) => eventsMatching(pattern).length > 0, {
    message: 'must be a catalog event name (GET /v1/events/catalog) or a wildcard like customer.*',
  })
  .describe('An event name from the catalog, or a wildcard such as `customer.*` or `*`');

/** The catalog events a pattern covers. */
export function eventsMatching(pattern: string): string[] {
  if (pattern === '*') return [...eventTypes];
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return eventTypes.filter((type) => type.startsWith(prefix));
  }
  return eventTypes.filter((type) => type === pattern);
}

export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
  .max(2048)
  .refine((url) => !new URL(url).username && !new URL(url).password, {
    message: 'must not carry credentials; the signature authenticates the sender',
  })
  .describe('Where events are POSTed: https (http to loopback only in the local runtime)');

export const WebhookEndpointCreateSchema = z
  .strictObject({
    url: WebhookUrlSchema,
    events: z.array(WebhookEventPatternSchema).min(1).max(50),
    filter: WebhookFilterSchema.optional(),
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().optional().describe('Default true'),
  })
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.input<typeof WebhookEndpointCreateSchema>;

export const WebhookEndpointPatchSchema = z
  .strictObject({
    url: WebhookUrlSchema.optional(),
    events: z.array(WebhookEventPatternSchema).min(1).max(50).optional(),
    filter: WebhookFilterSchema.nullable().optional().describe('null removes the filter'),
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().optional().describe('true re-enables an endpoint the system disabled'),
    version: z.number().int().min(1).optional().describe('The version you read (or send If-Match)'),
  })
  .meta({ id: 'WebhookEndpointPatch' });
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatchSchema>;

/** A signing secret: `whsec_` + base64 of 24 random bytes (the Standard Webhooks format). */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32}$/)
  .describe('The signing secret; shown only when created or rotated');

export const WebhookEndpointCreatedSchema = WebhookEndpointSchema.extend({
  secret: WebhookSecretSchema,
}).meta({
  id: 'WebhookEndpointCreated',
});

export const WebhookSecretRotateSchema = z
  .strictObject({
    overlapHours: z
      .number()
      .int()
      .min(0)
      .max(168)
      .default(24)
      .describe('How long the previous secret stays valid (both signatures are sent meanwhile)'),
  })
  .meta({ id: 'WebhookSecretRotate' });

export const WebhookSecretRotatedSchema = z
  .object({
    secret: WebhookSecretSchema,
    previousSecretExpiresAt: z.iso.datetime(),
    endpoint: WebhookEndpointSchema,
  })
  .meta({ id: 'WebhookSecretRotated' });

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * Why an attempt got no answer to judge, or was not made: the words a reader needs, where `error`
 * keeps the detail as the network gave it (English).
 */
export const webhookAttemptReasons = [
  'blocked',
  'timed_out',
  'no_response',
  'endpoint_disabled',
  'endpoint_deleted',
] as const;
export type WebhookAttemptReason = (typeof webhookAttemptReasons)[number];

export const WebhookAttemptSchema = z
  .object({
    at: z.iso.datetime(),
    /** The HTTP status, absent when no response came (refused, timed out, blocked address). */
    status: z.number().int().optional(),
    latencyMs: z.number().int().min(0),
    outcome: z.enum(['delivered', 'retry', 'failed', 'disabled']),
    excerpt: z.string().max(1024).optional().describe('The first 1 KB of the response body'),
    error: z.string().max(500).optional().describe('Why no response came, or why it is not a success'),
    reason: z
      .enum(webhookAttemptReasons)
      .optional()
      .describe(
        'Why no response came or no attempt was made: the address is blocked, the receiver took longer than the timeout, the connection failed, or the endpoint was disabled or deleted meanwhile. Absent when the receiver answered (see `status`) and on attempts logged before reasons were',
      ),
  })
  .meta({ id: 'WebhookAttempt' });
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const WebhookDeliverySchema = z
  .object({
    id: z.string().describe('The message id: the event id (the `webhook-id` header), stable across retries'),
    endpointId: IdSchema,
    eventType: z.string(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.array(WebhookAttemptSchema).describe('Every attempt, oldest first'),
    nextAttemptAt: z.iso.datetime().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookRecoverSchema = z
  .strictObject({
    since: z.iso
      .datetime()
      .max(40)
      .describe('Every failed delivery created at or after this instant is sent again'),
  })
  .meta({ id: 'WebhookRecover' });
