import type { Customer } from '@crm/domain';
import { customerItem, STATS_REVISION_ATTRIBUTE } from './customer-item.js';
import type { TableUpdate } from './customer-stats-update.js';
import { keys } from './keys.js';

/**
 * What a profile edit never writes: the figures and the scores (and the index sort keys that
 * follow them), which other writers move at any moment without a version. Leaving them out is
 * what lets an edit carrying the profile's version succeed while orders and refits land.
 */
const NOT_PROFILE = new Set([
  'pk',
  'sk',
  'stats',
  STATS_REVISION_ATTRIBUTE,
  'scores',
  'gsi3sk',
  'gsi4sk',
  'gsi7pk',
  'gsi7sk',
  'gsi8pk',
  'gsi8sk',
]);

/**
 * The edit of a customer's profile from `current` to `next` as one UpdateItem: sets every profile
 * attribute of `next` (with its index attributes), removes those `next` no longer has, and
 * applies only while the stored version is `expectedVersion`. The version guards the profile
 * alone: figures and scores are not part of it.
 *
 * @example
 * await table.update(customerProfileUpdate(tenantId, { current, next, expectedVersion: 3, listShards: 1 }));
 */
export function customerProfileUpdate(
  tenantId: string,
  input: { current: Customer; next: Customer; expectedVersion: number; listShards: number },
): TableUpdate {
  // Both under the count of now: an edit writes the customer's index keys again, and so puts a
  // customer written under a smaller count into its shard under this one.
  const before = customerItem(tenantId, input.current, { listShards: input.listShards });
  const after = customerItem(tenantId, input.next, { listShards: input.listShards });
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  let index = 0;
  const name = (attribute: string) => {
    const placeholder = `#a${index++}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  for (const [attribute, value] of Object.entries(after)) {
    if (NOT_PROFILE.has(attribute) || value === undefined) continue;
    const placeholder = name(attribute);
    values[`:${placeholder.slice(1)}`] = value;
    sets.push(`${placeholder} = :${placeholder.slice(1)}`);
  }
  for (const attribute of Object.keys(before)) {
    if (NOT_PROFILE.has(attribute) || after[attribute] !== undefined) continue;
    removes.push(name(attribute));
  }
  // The score orders live in the customer's list partition: an archive or restore moves them too.
  // (A customer not scored yet has none; its first score copies the partition then.)
  if (input.current.scores) {
    sets.push('gsi7pk = :listPartition', 'gsi8pk = :listPartition');
    values[':listPartition'] = after.gsi4pk;
  }
  names['#version'] = 'version';
  values[':expected'] = input.expectedVersion;
  return {
    Key: keys.customer(tenantId, input.next.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
