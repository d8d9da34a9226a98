import type { CatalogEntityType } from './events/event-catalog.js';
import type { ReactionBatch } from './reaction-batch.js';

/**
 * A change to one stored entity, as the stream delivers it. Every write to the table becomes
 * one of these; reactions (credit re-evaluation, churn alerts, workflows, webhooks) subscribe
 * to entity types and decide what the change means.
 *
 * `eventId` is unique per change and stable across redeliveries: reactions use it as their
 * idempotency key.
 */
export type EntityChange<TRecord = Record<string, unknown>> = {
  eventId: string;
  /** Position in the shard; redelivery after a failure restarts from the first failed one. */
  sequenceNumber: string;
  tenantId: string;
  entityType: string;
  kind: 'created' | 'updated' | 'removed';
  /** ISO-8601 instant at which the write reached the stream. */
  occurredAt: string;
  before?: TRecord;
  after?: TRecord;
};

/** A reaction to entity changes. It must be idempotent: the same eventId may arrive twice. */
export type Reaction = {
  /** Unique, stable name; part of each reaction's idempotency key. */
  name: string;
  /**
   * The entity types it reacts to: only those of the event catalog, because the same list filters
   * the stream in AWS (CDK event filter) and locally (the poller), so a reaction on any other type
   * would run locally and never in AWS.
   */
  entityTypes: readonly CatalogEntityType[];
  /**
   * `batch` is what the reactions of the same stream batch share (reads memoised per batch); the
   * stream handler always passes one, direct callers (tests, replays of one change) may not.
   */
  handle(change: EntityChange, batch?: ReactionBatch): Promise<void>;
};
