import { describe, expect, it } from 'vitest';
import {
  type CustomFieldDefinition,
  CustomFieldDefinitionCreateSchema,
  customFieldValuesSchema,
} from './custom-field.schema.js';

const definition = (overrides: Partial<CustomFieldDefinition>): CustomFieldDefinition => ({
  key: 'field',
  label: { en: 'Field' },
  type: 'text',
  required: false,
  unique: false,
  archived: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...overrides,
});

describe('custom field values', () => {
  const definitions = [
    definition({ key: 'vat_number', type: 'text', required: true }),
    definition({ key: 'tier', type: 'enum', options: ['gold', 'silver'] }),
    definition({ key: 'credit_limit', type: 'money' }),
    definition({ key: 'since', type: 'date' }),
    definition({ key: 'old_field', type: 'text', archived: true }),
  ];

  it('accepts values of the defined types', () => {
    const values = { vat_number: 'CN123', tier: 'gold', credit_limit: 500000, since: '2020-02-29' };
    expect(customFieldValuesSchema(definitions, 'create').parse(values)).toEqual(values);
  });

  it('names each wrong field', () => {
    const result = customFieldValuesSchema(definitions, 'create').safeParse({
      tier: 'bronze',
      credit_limit: 10.5,
      since: '2021-02-30',
      unknown_key: 1,
      old_field: 'x',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['vat_number', 'tier', 'credit_limit', 'since', 'unrecognized_keys']),
    );
  });

  it('lets a patch leave required fields out but not clear them', () => {
    const patch = customFieldValuesSchema(definitions, 'patch');
    expect(patch.safeParse({ tier: null }).success).toBe(true);
    expect(patch.safeParse({ vat_number: null }).success).toBe(false);
  });

  it('refuses enum definitions without options and unique booleans', () => {
    expect(
      CustomFieldDefinitionCreateSchema.safeParse({ key: 'a', label: { en: 'A' }, type: 'enum' }).success,
    ).toBe(false);
    expect(
      CustomFieldDefinitionCreateSchema.safeParse({
        key: 'b',
        label: { en: 'B' },
        type: 'boolean',
        unique: true,
      }).success,
    ).toBe(false);
  });
});

describe('number custom field values', () => {
  const values = customFieldValuesSchema([definition({ key: 'score', type: 'number' })], 'create');

  it.each([9007199254740992, 1e16, 1e21, -(2 ** 53), 1.5e300, 1e-300, 5e-324])(
    'refuses %s, which cannot be kept exactly',
    (score) => {
      const result = values.safeParse({ score });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['score']);
    },
  );

  it.each([0, -1, 3.25, 9007199254740991, -9007199254740991, 1e-130])('accepts %s', (score) => {
    expect(values.safeParse({ score }).success).toBe(true);
  });
});
