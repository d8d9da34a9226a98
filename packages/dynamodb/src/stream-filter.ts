import type { DynamoDBRecord } from 'aws-lambda';
import { streamEntityTypes } from './stream-entity-types.js';
import { tableDefinition } from './table-definition.js';

/** Which stream records invoke the consumer: those whose item is of one of `entityTypes`. */
export type StreamFilter = {
  /** The item attribute naming the entity type. */
  readonly entityTypeAttribute: string;
  readonly entityTypes: readonly string[];
};

/** The stream consumer's filter, in AWS (the event source mapping) and locally (the poller). */
export const streamFilter: StreamFilter = {
  entityTypeAttribute: tableDefinition.entityTypeAttribute,
  entityTypes: streamEntityTypes,
};

/**
 * Whether Lambda's event filtering lets `record` through `filter`, with the patterns the CDK
 * construct installs: INSERT and MODIFY match on the new image, REMOVE (which carries only the old
 * image) on the old one.
 *
 * @example
 * passesStreamFilter(streamFilter, record); // false for a customerHistory insert
 */
export function passesStreamFilter(filter: StreamFilter, record: DynamoDBRecord): boolean {
  const image = record.eventName === 'REMOVE' ? record.dynamodb?.OldImage : record.dynamodb?.NewImage;
  const entityType = image?.[filter.entityTypeAttribute]?.S;
  return entityType !== undefined && filter.entityTypes.includes(entityType);
}
