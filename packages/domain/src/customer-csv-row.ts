/** The columns of the customer book as a spreadsheet (GET /v1/customers/export, archives). */
export const customerCsvColumns = [
  'id',
  'name',
  'kind',
  'status',
  'email',
  'phone',
  'industry',
  'size',
  'ownerId',
  'lifecycleStage',
  'relationshipLevel',
  'parentId',
  'tags',
  'birthday',
  'orderCount',
  'orderValue',
  'lastOrderAt',
  'createdAt',
  'updatedAt',
] as const;

type CustomerLike = {
  readonly tags?: unknown;
  readonly stats?: {
    readonly orderCount?: number;
    readonly orderValue?: number;
    readonly lastOrderAt?: string;
  };
} & Record<string, unknown>;

/**
 * A customer flattened for a CSV row: tags joined with `;` (a cell holds no list) and the order
 * figures lifted out of `stats`. Accepts stored items too, whose `stats` may be absent.
 */
export function customerCsvRow(customer: CustomerLike): Record<string, unknown> {
  const stats = customer.stats ?? {};
  return {
    ...customer,
    tags: Array.isArray(customer.tags) ? customer.tags.join(';') : '',
    orderCount: stats.orderCount ?? 0,
    orderValue: stats.orderValue ?? 0,
    lastOrderAt: stats.lastOrderAt ?? '',
  };
}
