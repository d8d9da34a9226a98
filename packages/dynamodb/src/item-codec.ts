import { tableDefinition } from './table-definition.js';

type Item = Record<string, unknown>;

const storageAttributes = new Set<string>([
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  tableDefinition.entityTypeAttribute,
  tableDefinition.timeToLiveAttribute,
  ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** A record as stored: its fields plus the key and index attributes and its entity type. */
export function toItem(
  entityType: string,
  keyAttributes: Record<string, string>,
  record: object,
  options: { expiresAt?: number } = {},
): Item {
  const item: Item = { ...record, ...keyAttributes, [tableDefinition.entityTypeAttribute]: entityType };
  if (options.expiresAt !== undefined) item[tableDefinition.timeToLiveAttribute] = options.expiresAt;
  return item;
}

/** The record without its storage attributes. */
export function fromItem<T>(item: Item): T {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (!storageAttributes.has(name)) record[name] = value;
  }
  return record as T;
}

/** Only the storage attributes of an item: its keys, index keys, entity type and expiry. */
export function storageAttributesOf(item: Item): Item {
  const storage: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (storageAttributes.has(name)) storage[name] = value;
  }
  return storage;
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
