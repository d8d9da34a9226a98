import type { EventEnvelope } from '../events/catalog-event.schema.js';

/** Receivers (and the queues between) choke on big bodies; trimmed payloads stay under this. */
export const WEBHOOK_MAX_PAYLOAD_BYTES = 20 * 1024;

/** The body each delivery carries (the Standard Webhooks `{type, timestamp, data}` shape). */
export type WebhookPayload = {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  changedFields?: string[];
  previous?: Record<string, unknown>;
  /** Set when `data` was trimmed: fetch the entity from here. */
  trimmed?: true;
};

const ENTITY_PATHS: Readonly<Record<string, (data: Record<string, unknown>) => string | undefined>> = {
  customer: (data) => `/v1/customers/${data.id}`,
  contact: (data) => (data.customerId ? `/v1/customers/${data.customerId}/contacts/${data.id}` : undefined),
  interaction: (data) => (data.customerId ? `/v1/customers/${data.customerId}/interactions` : undefined),
  creditFile: (data) => `/v1/customers/${data.id}/credit`,
  importJob: (data) => `/v1/imports/${data.id}`,
  tenantExport: (data) => `/v1/tenant/exports/${data.id}`,
  webhookEndpoint: (data) => `/v1/webhooks/${data.id}`,
};

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The body sent for an event: `type`, `timestamp` (when it happened) and `data`, plus
 * `changedFields` and `previous` for updates. An entity too large for 20 KB travels as its id, an
 * API link and the changed fields' new values; `previous` is dropped too if still too large.
 *
 * @example
 * webhookPayload(event, 'customer').data // the customer after the change
 */
export function webhookPayload(event: EventEnvelope, entityType: string): WebhookPayload {
  const full: WebhookPayload = {
    type: event.type,
    timestamp: event.occurredAt,
    data: event.data,
    ...(event.changedFields ? { changedFields: event.changedFields } : {}),
    ...(event.previous ? { previous: event.previous } : {}),
  };
  if (byteLength(full) < WEBHOOK_MAX_PAYLOAD_BYTES) return full;
  const link = ENTITY_PATHS[entityType]?.(event.data);
  const changed = Object.fromEntries(
    (event.changedFields ?? [])
      .filter((field) => field in event.data)
      .map((field) => [field, event.data[field]]),
  );
  const trimmed: WebhookPayload = {
    ...full,
    data: { id: event.entityId, ...(link ? { link } : {}), ...changed },
    trimmed: true,
  };
  if (byteLength(trimmed) < WEBHOOK_MAX_PAYLOAD_BYTES) return trimmed;
  const { previous: _dropped, ...withoutPrevious } = trimmed;
  const smaller: WebhookPayload = {
    ...withoutPrevious,
    data: { id: event.entityId, ...(link ? { link } : {}) },
  };
  return smaller;
}
