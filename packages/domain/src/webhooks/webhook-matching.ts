import type { EventEnvelope } from '../events/catalog-event.schema.js';
import { eventsMatching } from './webhook-endpoint.schema.js';
import type { WebhookFilter } from './webhook-endpoint-record.schema.js';

/** What matching needs of an endpoint. */
export type WebhookSubscription = { enabled: boolean; events: readonly string[]; filter?: WebhookFilter };

export function patternMatches(pattern: string, type: string): boolean {
  return eventsMatching(pattern).includes(type);
}

function valueMatches(actual: unknown, wanted: string | number | boolean | (string | number | boolean)[]) {
  return Array.isArray(wanted) ? wanted.some((one) => one === actual) : wanted === actual;
}

/** Whether the event passes the endpoint's field filter (no filter: every event passes). */
export function filterPasses(filter: WebhookFilter | undefined, event: EventEnvelope): boolean {
  if (!filter) return true;
  if (filter.changed && event.changedFields) {
    const changed = new Set(event.changedFields);
    if (!filter.changed.some((field) => changed.has(field))) return false;
  }
  for (const [field, wanted] of Object.entries(filter.equals ?? {})) {
    if (!valueMatches(event.data[field], wanted)) return false;
  }
  return true;
}

/**
 * Whether an endpoint receives an event: it is enabled, one of its patterns names the event's type
 * and the event passes its filter.
 *
 * @example
 * endpointWants({ enabled: true, events: ['customer.*'] }, event) // true for customer.created
 */
export function endpointWants(endpoint: WebhookSubscription, event: EventEnvelope): boolean {
  return (
    endpoint.enabled &&
    endpoint.events.some((pattern) => patternMatches(pattern, event.type)) &&
    filterPasses(endpoint.filter, event)
  );
}
