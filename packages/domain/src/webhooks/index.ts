export type { AddressClass } from './webhook-address.js';
export { classifyAddress, isDeliverableAddress } from './webhook-address.js';
export type {
  WebhookAttempt,
  WebhookAttemptReason,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpointCreate,
  WebhookEndpointPatch,
} from './webhook-endpoint.schema.js';
export {
  eventsMatching,
  WebhookAttemptSchema,
  WebhookDeliverySchema,
  WebhookEndpointCreatedSchema,
  WebhookEndpointCreateSchema,
  WebhookEndpointPatchSchema,
  WebhookEventPatternSchema,
  WebhookRecoverSchema,
  WebhookSecretRotatedSchema,
  WebhookSecretRotateSchema,
  WebhookSecretSchema,
  WebhookUrlSchema,
  webhookAttemptReasons,
  webhookDeliveryStatuses,
} from './webhook-endpoint.schema.js';
export type {
  WebhookDisableReason,
  WebhookEndpoint,
  WebhookFilter,
} from './webhook-endpoint-record.schema.js';
export {
  WebhookEndpointSchema,
  WebhookFilterSchema,
  webhookDisableReasons,
} from './webhook-endpoint-record.schema.js';
export type { WebhookSubscription } from './webhook-matching.js';
export { endpointWants, filterPasses, patternMatches } from './webhook-matching.js';
export type { WebhookPayload } from './webhook-payload.js';
export { WEBHOOK_MAX_PAYLOAD_BYTES, webhookPayload } from './webhook-payload.js';
export type { AttemptVerdict } from './webhook-retry.js';
export {
  nextAttemptDelayMs,
  parseRetryAfter,
  verdictOf,
  WEBHOOK_FAILING_DISABLE_MS,
  WEBHOOK_MAX_ATTEMPTS,
  webhookRetryDelaysMs,
} from './webhook-retry.js';
