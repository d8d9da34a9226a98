import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EntityChange } from '@crm/domain';
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from 'aws-lambda';
import { tenantOfKey } from './keys.js';
import { tableDefinition } from './table-definition.js';

type Image = Record<string, LambdaAttributeValue>;

const kinds = { INSERT: 'created', MODIFY: 'updated', REMOVE: 'removed' } as const;

function fromImage(image: Image | undefined): Record<string, unknown> | undefined {
  // The Lambda event's AttributeValue type and the SDK's are the same wire shape.
  return image ? unmarshall(image as Parameters<typeof unmarshall>[0]) : undefined;
}

/**
 * Turns a DynamoDB stream record into the typed change reactions consume; undefined for records
 * that are not tenant entities (nothing else lives in the table today, but a future platform item
 * must never reach a tenant reaction).
 */
export function toEntityChange(record: DynamoDBRecord): EntityChange | undefined {
  const stream = record.dynamodb;
  if (!stream || !record.eventName || !record.eventID) return undefined;
  const after = fromImage(stream.NewImage as Image | undefined);
  const before = fromImage(stream.OldImage as Image | undefined);
  const current = after ?? before;
  const pk = current?.[tableDefinition.partitionKey];
  const entityType = current?.[tableDefinition.entityTypeAttribute];
  const tenantId = typeof pk === 'string' ? tenantOfKey(pk) : undefined;
  if (!tenantId || typeof entityType !== 'string') return undefined;
  const seconds = stream.ApproximateCreationDateTime ?? Date.now() / 1000;
  const change: EntityChange = {
    eventId: record.eventID,
    sequenceNumber: stream.SequenceNumber ?? '',
    tenantId,
    entityType,
    kind: kinds[record.eventName],
    occurredAt: new Date(seconds * 1000).toISOString(),
  };
  if (before) change.before = before;
  if (after) change.after = after;
  return change;
}
