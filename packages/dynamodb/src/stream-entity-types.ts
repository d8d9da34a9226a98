import { type CatalogEntityType, catalogEntityTypes } from '@crm/domain';

/**
 * Entity types whose changes reach the stream consumer: every catalog entity type, because the
 * webhook fan-out and the workflows take every catalog event. It is the one list behind the CDK
 * event-source filter (infra) and the local poller's filter (packages/local), so a reaction runs in
 * AWS exactly when it runs locally; derived from the catalog so a new event family cannot be
 * catalogued and silently never delivered (as complaint, task and churn events once were). It
 * lives here, not in @crm/app, because infra may not import app code; the stream-filter test holds
 * the registry, the CDK template and the poller to it.
 */
export const streamEntityTypes: readonly CatalogEntityType[] = catalogEntityTypes;
export type StreamEntityType = CatalogEntityType;
