import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Checks the partition key of every action in a transaction with `guard` and names the table on
 * each, so callers describe actions without repeating the table name.
 */
export function scopeTransactItems(
  items: TransactItems,
  tableName: string,
  guard: (pk: unknown, attribute: string) => void,
  guardItem: (item: Record<string, unknown>) => void,
): TransactItems {
  return items.map((entry) => {
    const out = { ...entry };
    if (out.Put) {
      guardItem((out.Put.Item ?? {}) as Record<string, unknown>);
      out.Put = { ...out.Put, TableName: tableName };
    }
    if (out.Update) {
      guard(out.Update.Key?.pk, 'pk');
      out.Update = { ...out.Update, TableName: tableName };
    }
    if (out.Delete) {
      guard(out.Delete.Key?.pk, 'pk');
      out.Delete = { ...out.Delete, TableName: tableName };
    }
    if (out.ConditionCheck) {
      guard(out.ConditionCheck.Key?.pk, 'pk');
      out.ConditionCheck = { ...out.ConditionCheck, TableName: tableName };
    }
    return out;
  });
}
