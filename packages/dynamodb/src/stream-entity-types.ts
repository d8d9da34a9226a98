import type { CatalogEntityType } from '@crm/domain';

/**
 * Entity types whose changes reach the stream consumer: exactly the catalog entity types the
 * reaction registry (`createReactions` in @crm/app) subscribes to. It is the one list behind the
 * CDK event-source filter (infra) and the local poller's filter (packages/local), so a reaction
 * runs in AWS exactly when it runs locally, and Lambda is never invoked for records nobody handles.
 * It lives here, not in @crm/app, because infra may not import app code; the stream-filter
 * contract test (tests/contract) holds the registry, the CDK template and the poller to it.
 */
export const streamEntityTypes = [
  'customer',
  'interaction',
  'receivable',
  // Webhooks and workflows take every catalog event, so every catalogued entity type reaches the
  // stream consumer (a contract test holds this list to `catalogEntityTypes`).
  'contact',
  'creditFile',
  'importJob',
  'modelFit',
  'webhookEndpoint',
  'churnFile',
  'complaint',
  'task',
  'lead',
  'opportunity',
  'serviceRequest',
  'surveyInvitation',
] as const satisfies readonly CatalogEntityType[];
export type StreamEntityType = (typeof streamEntityTypes)[number];
