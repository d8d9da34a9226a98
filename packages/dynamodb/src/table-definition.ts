/**
 * The one definition of the CRM table. The CDK construct (infra/lib/constructs/tenant-table.ts)
 * and the local runtime's CreateTable both read it, so keys, indexes and stream settings can
 * never drift between AWS and DynamoDB Local.
 *
 * Every key attribute holds a string that begins with the tenant (see keys.ts).
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * Overloaded, sparse GSIs: an item only appears in an index when it carries that index's
   * key attributes, so each entity opts in to the access patterns it needs
   * (docs/data-model.md maps access pattern → key → index). Every index projects ALL: the boards
   * and lists read their rows and run their filters on the index (docs/data-model.md, "Index
   * projections and write amplification", weighs KEYS_ONLY / INCLUDE with numbers).
   */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'ALL' },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'ALL' },
    { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'ALL' },
    { indexName: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk', projection: 'ALL' },
    { indexName: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi8sk', projection: 'ALL' },
  ],
  /** Epoch seconds; DynamoDB deletes expired sessions, throttle counters and idempotency records. */
  timeToLiveAttribute: 'expiresAt',
  /** Reactions need both images to tell what changed (a credit limit moved, a status flipped). */
  streamViewType: 'NEW_AND_OLD_IMAGES',
  /** The attribute every item carries that names its entity; stream filters match on it. */
  entityTypeAttribute: 'entityType',
} as const;

export type TableDefinition = typeof tableDefinition;
export type IndexName = TableDefinition['globalSecondaryIndexes'][number]['indexName'];
