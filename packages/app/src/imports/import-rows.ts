import {
  type CustomerCreate,
  CustomerCreateSchema,
  type CustomFieldDefinition,
  currencyExponent,
  customFieldValueOfCell,
  defaultImportColumns,
  type ImportRejection,
  MAX_MONEY_AMOUNT,
  parseDecimalToMinor,
} from '@crm/domain';
import type { UniqueFieldValue } from '@crm/dynamodb';
import type { ZodError } from 'zod';
import { uniqueValuesOf } from '../custom-fields/custom-field-values.js';

export type ColumnMapping = Record<string, string>;

type RowResult<T> = { ok: true; value: T } | { ok: false; rejection: ImportRejection };

const reject = (row: number, reason: string, field?: string): { ok: false; rejection: ImportRejection } => ({
  ok: false,
  rejection: field ? { row, field, reason } : { row, reason },
});

function firstIssue(row: number, error: ZodError): { ok: false; rejection: ImportRejection } {
  const issue = error.issues[0];
  return reject(row, issue?.message ?? 'invalid', issue?.path.map(String).join('.') || undefined);
}

export function columnsFor(
  kind: 'customers' | 'transactions',
  mapping: ColumnMapping | undefined,
): ColumnMapping {
  return { ...defaultImportColumns[kind], ...mapping };
}

const cell = (values: Record<string, string>, column: string | undefined): string | undefined => {
  if (!column) return undefined;
  const value = values[column]?.trim();
  return value ? value : undefined;
};

export type CustomerRow = { externalId: string; customer: CustomerCreate; uniqueValues: UniqueFieldValue[] };

/** A custom field a customers file fills, and the file's column that holds it. */
export type CustomFieldColumn = { definition: CustomFieldDefinition; column: string };

/** What a customers file's custom-field columns are read with. */
export type CustomFieldColumns = {
  fields: readonly CustomFieldColumn[];
  /** The tenant's currency: a money field without its own is in it. */
  currency: string;
};

/**
 * The row's custom-field values, each cell read as its field's type; an empty cell leaves the
 * field empty unless it is required.
 */
function customFieldsOf(
  row: number,
  values: Record<string, string>,
  custom: CustomFieldColumns,
): RowResult<Record<string, string | number | boolean>> {
  const read: Record<string, string | number | boolean> = {};
  for (const { definition, column } of custom.fields) {
    const text = cell(values, column);
    if (text === undefined) {
      if (definition.required) return reject(row, 'is required', column);
      continue;
    }
    const value = customFieldValueOfCell(definition, text, custom.currency);
    if (!value.ok) return reject(row, value.reason, column);
    read[definition.key] = value.value;
  }
  return { ok: true, value: read };
}

/** One customers-file row → a validated customer, or the reason it is rejected. */
export function customerRow(
  row: number,
  values: Record<string, string>,
  columns: ColumnMapping,
  custom?: CustomFieldColumns,
): RowResult<CustomerRow> {
  const externalId = cell(values, columns.externalId);
  if (!externalId) return reject(row, 'is required', columns.externalId);
  if (externalId.length > 100) return reject(row, 'is longer than 100 characters', columns.externalId);
  const input: Record<string, unknown> = { kind: 'consumer' };
  for (const field of ['name', 'kind', 'status', 'email', 'phone', 'industry', 'size', 'birthday'] as const) {
    const value = cell(values, columns[field]);
    if (value !== undefined) input[field] = value;
  }
  const tags = cell(values, columns.tags);
  if (tags)
    input.tags = [
      ...new Set(
        tags
          .split(/[;|]/)
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ];
  const parsed = CustomerCreateSchema.safeParse(input);
  if (!parsed.success) {
    const failure = firstIssue(row, parsed.error);
    const field = failure.rejection.field;
    return field ? reject(row, failure.rejection.reason, columns[field] ?? field) : failure;
  }
  const customFields = custom ? customFieldsOf(row, values, custom) : { ok: true as const, value: {} };
  if (!customFields.ok) return customFields;
  const definitions = custom?.fields.map((field) => field.definition) ?? [];
  return {
    ok: true,
    value: {
      externalId,
      customer: { ...parsed.data, customFields: customFields.value },
      uniqueValues: uniqueValuesOf(definitions, customFields.value),
    },
  };
}

export type TransactionRow = {
  externalId: string;
  type: 'order' | 'payment' | 'invoice';
  occurredAt: string;
  amount: number;
  currency: string;
  quantity?: number;
};

const DAY_MS = 86_400_000;

function parseDate(text: string): number | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(iso)) return undefined;
  const time = Date.parse(/T/.test(iso) ? iso : `${iso}T00:00:00Z`);
  if (Number.isNaN(time)) return undefined;
  // Date.parse rolls 2021-02-30 over to March; a real date survives the round trip.
  if (!/T/.test(iso) && new Date(time).toISOString().slice(0, 10) !== iso) return undefined;
  return time;
}

/** One transactions-file row (customer_id,date,amount[,quantity]) → an interaction, or why not. */
export function transactionRow(
  row: number,
  values: Record<string, string>,
  columns: ColumnMapping,
  options: { currency: string; shiftDays: number },
): RowResult<TransactionRow> {
  const externalId = cell(values, columns.externalId);
  if (!externalId) return reject(row, 'is required', columns.externalId);
  if (externalId.length > 100) return reject(row, 'is longer than 100 characters', columns.externalId);
  const dateText = cell(values, columns.date);
  if (!dateText) return reject(row, 'is required', columns.date);
  const time = parseDate(dateText);
  if (time === undefined) return reject(row, 'must be a date YYYY-MM-DD or YYYYMMDD', columns.date);
  const type = (cell(values, columns.type) ?? 'order').toLowerCase();
  if (type !== 'order' && type !== 'payment' && type !== 'invoice') {
    return reject(row, 'must be order, payment or invoice', columns.type);
  }
  const currency = (cell(values, columns.currency) ?? options.currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return reject(row, 'must be a 3-letter ISO-4217 code', columns.currency);
  const amountText = cell(values, columns.amount);
  if (!amountText) return reject(row, 'is required', columns.amount);
  const amount = parseDecimalToMinor(amountText, currencyExponent(currency));
  if (amount === undefined) return reject(row, `must be a decimal amount in ${currency}`, columns.amount);
  if (amount < 0 || (type === 'payment' && amount === 0)) {
    return reject(row, type === 'payment' ? 'must be positive' : 'must not be negative', columns.amount);
  }
  if (amount > MAX_MONEY_AMOUNT) {
    return reject(row, `must be at most ${MAX_MONEY_AMOUNT} minor units`, columns.amount);
  }
  const result: TransactionRow = {
    externalId,
    type,
    occurredAt: new Date(time + options.shiftDays * DAY_MS).toISOString(),
    amount,
    currency,
  };
  const quantityText = cell(values, columns.quantity);
  if (quantityText !== undefined) {
    const quantity = Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 0)
      return reject(row, 'must be a whole number', columns.quantity);
    if (quantity > 0) result.quantity = quantity;
  }
  return { ok: true, value: result };
}
