import { z } from 'zod';

/** Data migration from old systems (数据迁移). */
export const importKinds = ['customers', 'transactions'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * `csv`: comma-separated with a header line.
 * `cdnow`: the CDNOW layout — whitespace-separated columns read by position, no mapping needed:
 * the master file's `customer_id date cds dollars` (with or without its header line) or the
 * sample file's `customer_id sample_id date cds dollars` (dates YYYYMMDD, dollars as decimals).
 */
export const importLayouts = ['csv', 'cdnow'] as const;

export const ImportOptionsSchema = z
  .strictObject({
    kind: z.enum(importKinds),
    layout: z.enum(importLayouts).default('csv'),
    dryRun: z.enum(['true', 'false']).default('false'),
    /**
     * Our field → the file's column, as JSON, e.g. {"externalId":"cust_no","name":"名称"}. A
     * customers file may also fill the tenant's custom fields: `customFields.<key>` → column,
     * e.g. {"customFields.member_level":"会员等级"}; each cell is read as the field's type.
     */
    mapping: z
      .string()
      .max(4000)
      .optional()
      .meta({
        description:
          'Our field → the file\'s column, as a JSON object, e.g. {"externalId":"cust_no","name":"名称"}; ' +
          'a field mapped to "" is not in the file. Customers files may also fill custom fields: ' +
          '"customFields.<key>" → column (e.g. {"customFields.member_level":"会员等级"}); each cell is read ' +
          "as the field's type (number, money in the field's currency, date YYYY-MM-DD, yes/no, an enum option) " +
          'and a bad value rejects its row, naming the column.',
      }),
    /** Transactions: create a customer for an unknown customer id instead of rejecting the row. */
    createMissingCustomers: z.enum(['true', 'false']).default('false'),
    /** Transactions: the currency of the amounts; the tenant's default otherwise. */
    currency: z
      .string()
      .max(3)
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO-4217 code')
      .optional(),
    /** Moves every date by this many days (the demo tenant shifts CDNOW to end yesterday). */
    shiftDays: z.coerce.number().int().min(-100_000).max(100_000).default(0),
  })
  .meta({ id: 'ImportOptions' });
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** A mapping key `customFields.<key>` fills the tenant's custom field `<key>` (customers files). */
export const CUSTOM_FIELD_MAPPING_PREFIX = 'customFields.';

/**
 * The custom field's key a mapping entry names, or undefined for one of the built-in fields.
 *
 * @example
 * customFieldKeyOfMapping('customFields.member_level') // 'member_level'
 * customFieldKeyOfMapping('email') // undefined
 */
export function customFieldKeyOfMapping(field: string): string | undefined {
  return field.startsWith(CUSTOM_FIELD_MAPPING_PREFIX)
    ? field.slice(CUSTOM_FIELD_MAPPING_PREFIX.length)
    : undefined;
}

/** Rejected rows an import keeps and reports; a file with more still reports the count. */
export const MAX_REPORTED_REJECTIONS = 5000;

export const ImportRejectionSchema = z.object({
  row: z.number().int(),
  field: z.string().optional(),
  reason: z.string(),
});
export type ImportRejection = z.infer<typeof ImportRejectionSchema>;

export const ImportJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    layout: z.enum(importLayouts),
    /** `queued`: accepted and waiting for the import worker (AWS); then running → completed | failed. */
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    rowsRead: z.number().int(),
    rowsWritten: z.number().int(),
    rowsUnchanged: z.number().int(),
    rowsRejected: z.number().int(),
    customersCreated: z.number().int(),
    /** SHA-256 of the file: the same file imported twice is recognisable. */
    fileHash: z.string(),
    error: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    createdBy: z.string(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** Default columns per kind; `mapping` overrides them. */
export const defaultImportColumns = {
  customers: {
    externalId: 'customer_id',
    name: 'name',
    kind: 'kind',
    status: 'status',
    email: 'email',
    phone: 'phone',
    industry: 'industry',
    size: 'size',
    tags: 'tags',
    birthday: 'birthday',
  },
  transactions: {
    externalId: 'customer_id',
    date: 'date',
    amount: 'amount',
    quantity: 'quantity',
    type: 'type',
    currency: 'currency',
  },
} as const;
