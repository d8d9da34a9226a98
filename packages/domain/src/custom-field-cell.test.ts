import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomFieldDefinition } from './custom-field.schema.js';
import { customFieldValueOfCell } from './custom-field-cell.js';

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

const read = (overrides: Partial<CustomFieldDefinition>, text: string, currency = 'CNY') =>
  customFieldValueOfCell(definition(overrides), text, currency);

describe('a custom field read from an import cell', () => {
  it('reads numbers as a spreadsheet writes them, and refuses words', () => {
    expect(read({ type: 'number' }, '1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(read({ type: 'number' }, '-3')).toEqual({ ok: true, value: -3 });
    expect(read({ type: 'number' }, '2e3')).toEqual({ ok: true, value: 2000 });
    expect(read({ type: 'number' }, 'twelve')).toEqual({ ok: false, reason: 'must be a number' });
    expect(read({ type: 'number' }, '0x10')).toEqual({ ok: false, reason: 'must be a number' });
    expect(read({ type: 'number' }, '9007199254740993')).toMatchObject({ ok: false });
  });

  it('reads money in the field’s currency as minor units, in the tenant’s without one', () => {
    expect(read({ type: 'money', currency: 'USD' }, '1,280.50')).toEqual({ ok: true, value: 128050 });
    expect(read({ type: 'money' }, '12', 'JPY')).toEqual({ ok: true, value: 12 });
    expect(read({ type: 'money' }, '12.5', 'JPY')).toEqual({
      ok: false,
      reason: 'must be a decimal amount in JPY',
    });
    expect(read({ type: 'money', currency: 'CNY' }, '¥12')).toEqual({
      ok: false,
      reason: 'must be a decimal amount in CNY',
    });
  });

  it('reads dates written three ways, and refuses a day that does not exist', () => {
    expect(read({ type: 'date' }, '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(read({ type: 'date' }, '2024/03/01')).toEqual({ ok: true, value: '2024-03-01' });
    expect(read({ type: 'date' }, '19970101')).toEqual({ ok: true, value: '1997-01-01' });
    expect(read({ type: 'date' }, '2021-02-30')).toEqual({ ok: false, reason: 'must be a date YYYY-MM-DD' });
    expect(read({ type: 'date' }, '03/01/2024')).toEqual({ ok: false, reason: 'must be a date YYYY-MM-DD' });
  });

  it('takes an enum option in any case as the option, and lists the options otherwise', () => {
    const tier = { type: 'enum' as const, options: ['Gold', 'Silver'] };
    expect(read(tier, 'gold')).toEqual({ ok: true, value: 'Gold' });
    expect(read(tier, 'Silver')).toEqual({ ok: true, value: 'Silver' });
    expect(read(tier, 'Bronze')).toEqual({ ok: false, reason: 'must be one of: Gold, Silver' });
    const many = { type: 'enum' as const, options: Array.from({ length: 12 }, (_, index) => `L${index}`) };
    expect(read(many, 'L99')).toEqual({
      ok: false,
      reason: 'must be one of: L0, L1, L2, L3, L4, L5, L6, L7, …',
    });
  });

  it('reads yes/no words in English and Chinese as booleans', () => {
    for (const word of ['true', 'YES', 'y', '1', '是'])
      expect(read({ type: 'boolean' }, word)).toEqual({ ok: true, value: true });
    for (const word of ['false', 'No', 'n', '0', '否'])
      expect(read({ type: 'boolean' }, word)).toEqual({ ok: true, value: false });
    expect(read({ type: 'boolean' }, 'maybe')).toMatchObject({ ok: false });
  });

  it('keeps text as written, within the API’s 2,000 characters', () => {
    expect(read({ type: 'text' }, '  上海 ')).toEqual({ ok: true, value: '上海' });
    expect(read({ type: 'text' }, 'x'.repeat(2001))).toMatchObject({ ok: false });
  });

  it('reads back every whole number it is given as written', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (value) => {
        expect(read({ type: 'number' }, String(value))).toEqual({ ok: true, value });
      }),
    );
  });
});
