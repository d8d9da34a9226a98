import type { components } from '../../lib/api/schema.js';

export type ImportKind = components['schemas']['ImportJob']['kind'];
export type ImportLayout = components['schemas']['ImportJob']['layout'];
export type CustomFieldDefinition = components['schemas']['CustomFieldDefinition'];

/**
 * The fields an import fills, per kind, with the column name the API reads when no mapping is
 * sent (packages/domain `defaultImportColumns`). A customers file may fill the tenant's custom
 * fields too, under `customFields.<key>` (see customFieldMappingKey).
 */
export const importFields = {
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
} as const satisfies Record<ImportKind, Record<string, string>>;

export type ImportField<K extends ImportKind = ImportKind> = keyof (typeof importFields)[K] & string;

/** Without these the API rejects every row. */
export const requiredFields: Record<ImportKind, readonly string[]> = {
  customers: ['externalId'],
  transactions: ['externalId', 'date', 'amount'],
};

/** Field → the file's column; '' means "not in this file". */
export type ColumnMapping = Record<string, string>;

/** The mapping's name for a custom field (packages/domain `CUSTOM_FIELD_MAPPING_PREFIX`). */
export const customFieldMappingKey = (key: string) => `customFields.${key}`;

/** The custom fields a file can fill: archived ones take no new values. */
export const importableCustomFields = (definitions: readonly CustomFieldDefinition[]) =>
  definitions.filter((definition) => !definition.archived);

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** Extra column names seen in old systems' exports (CDNOW, Chinese headers) per field. */
const synonyms: Record<string, readonly string[]> = {
  externalId: [
    'customer_id',
    'customerid',
    'id',
    'cust_no',
    'custno',
    'customer',
    '客户编号',
    '客户id',
    '编号',
  ],
  name: ['name', 'customer_name', 'company', '名称', '姓名', '客户名称'],
  kind: ['kind', 'type_of_customer', '类型'],
  status: ['status', '状态'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱'],
  phone: ['phone', 'mobile', 'tel', 'telephone', '电话', '手机'],
  industry: ['industry', '行业'],
  size: ['size', '规模'],
  tags: ['tags', 'labels', '标签'],
  birthday: ['birthday', 'birth_date', 'dob', '生日'],
  date: ['date', 'order_date', 'occurred_at', '日期'],
  amount: ['amount', 'dollars', 'total', 'value', '金额'],
  quantity: ['quantity', 'qty', 'cds', '数量'],
  type: ['type', '类别'],
  currency: ['currency', '币种', '货币'],
};

/**
 * The first guess at a mapping: each field takes the file's column with its default name or a
 * known synonym (case, spaces and underscores ignored), else stays unmapped.
 *
 * @example guessMapping('transactions', ['customer_id', 'date', 'cds', 'dollars'])
 * // { externalId: 'customer_id', date: 'date', amount: 'dollars', quantity: 'cds', type: '', currency: '' }
 */
export function guessMapping(kind: ImportKind, columns: readonly string[]): ColumnMapping {
  const byName = new Map(columns.map((column) => [normalise(column), column]));
  const mapping: ColumnMapping = {};
  for (const [field, fallback] of Object.entries(importFields[kind])) {
    const names = [fallback, ...(synonyms[field] ?? [])];
    const found = names.map((name) => byName.get(normalise(name))).find((column) => column !== undefined);
    mapping[field] = found ?? '';
  }
  return mapping;
}

/**
 * The first guess for the custom fields: a column named like the field's key or either of its
 * labels (case, spaces and underscores ignored), else unmapped.
 *
 * @example guessCustomFieldMapping([{ key: 'member_level', label: { en: 'Level', zh: '会员等级' }, … }], ['会员等级'])
 * // { 'customFields.member_level': '会员等级' }
 */
export function guessCustomFieldMapping(
  definitions: readonly CustomFieldDefinition[],
  columns: readonly string[],
): ColumnMapping {
  const byName = new Map(columns.map((column) => [normalise(column), column]));
  const mapping: ColumnMapping = {};
  for (const definition of importableCustomFields(definitions)) {
    const names = [definition.key, definition.label.en, definition.label.zh ?? ''].filter(Boolean);
    const found = names.map((name) => byName.get(normalise(name))).find((column) => column !== undefined);
    mapping[customFieldMappingKey(definition.key)] = found ?? '';
  }
  return mapping;
}

/** The required fields that no column fills. */
export function missingRequired(kind: ImportKind, mapping: ColumnMapping): string[] {
  return requiredFields[kind].filter((field) => !mapping[field]);
}

/**
 * The `mapping` query parameter: every field of the kind, an unmapped one as '' so the API does
 * not fall back to a same-named column the user chose to leave out.
 */
export function mappingParameter(kind: ImportKind, mapping: ColumnMapping): string {
  const complete: ColumnMapping = {};
  for (const field of Object.keys(importFields[kind])) complete[field] = mapping[field] ?? '';
  // Custom fields come from customers files only, and only those given a column are sent.
  if (kind === 'customers') {
    for (const [field, column] of Object.entries(mapping)) {
      if (field.startsWith(customFieldMappingKey('')) && column) complete[field] = column;
    }
  }
  return JSON.stringify(complete);
}
