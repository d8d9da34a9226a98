import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '@crm/domain';
import { fromItem } from './item-codec.js';
import type { TableKey } from './keys.js';
import type { TenantTable } from './tenant-table.js';

/**
 * Optimistic concurrency: applies `changes` only if the stored version is still `expectedVersion`,
 * and bumps the version. A stale version is a `version_conflict` carrying the current record, so the
 * client can merge and retry; nothing is ever silently overwritten.
 *
 * Attributes set to `undefined` are removed.
 */
export async function updateVersioned<T>(
  table: TenantTable,
  input: {
    key: TableKey;
    expectedVersion: number;
    changes: Record<string, unknown>;
    now: string;
    entityName: string;
  },
): Promise<T> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':expected': input.expectedVersion,
    ':one': 1,
    ':now': input.now,
  };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  const removes: string[] = [];
  Object.entries(input.changes).forEach(([name, value], index) => {
    names[`#f${index}`] = name;
    if (value === undefined) {
      removes.push(`#f${index}`);
    } else {
      values[`:v${index}`] = value;
      sets.push(`#f${index} = :v${index}`);
    }
  });
  try {
    const attributes = await table.update({
      Key: input.key,
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    return fromItem<T>(attributes ?? {});
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      if (!error.Item) throw new DomainError('not_found', `${input.entityName} not found`);
      const current = fromItem<T>(unmarshall(error.Item));
      throw new DomainError(
        'version_conflict',
        `${input.entityName} was changed by someone else (expected version ${input.expectedVersion})`,
        { details: { current } },
      );
    }
    throw error;
  }
}
