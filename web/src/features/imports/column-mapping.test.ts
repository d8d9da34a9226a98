import { describe, expect, it } from 'vitest';
import {
  type CustomFieldDefinition,
  guessCustomFieldMapping,
  guessMapping,
  mappingParameter,
  missingRequired,
} from './column-mapping.js';

const definition = (overrides: Partial<CustomFieldDefinition>): CustomFieldDefinition => ({
  key: 'field',
  label: { en: 'Field' },
  type: 'text',
  required: false,
  unique: false,
  archived: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...overrides,
});

describe('guessMapping', () => {
  it('maps the CDNOW columns onto the transaction fields', () => {
    expect(guessMapping('transactions', ['customer_id', 'date', 'cds', 'dollars'])).toEqual({
      externalId: 'customer_id',
      date: 'date',
      amount: 'dollars',
      quantity: 'cds',
      type: '',
      currency: '',
    });
  });

  it('recognises Chinese and differently written headers, and leaves the rest unmapped', () => {
    const mapping = guessMapping('customers', ['客户编号', '名称', 'E-Mail', 'Mobile', 'notes']);
    expect(mapping).toMatchObject({ externalId: '客户编号', name: '名称', email: 'E-Mail', phone: 'Mobile' });
    expect(mapping.tags).toBe('');
  });
});

describe('missingRequired', () => {
  it('names the required fields no column fills', () => {
    expect(missingRequired('transactions', { externalId: 'id', date: '', amount: '' })).toEqual([
      'date',
      'amount',
    ]);
    expect(missingRequired('customers', { externalId: 'id' })).toEqual([]);
  });
});

describe('mappingParameter', () => {
  it('sends every field, an unmapped one as empty so the API skips a same-named column', () => {
    expect(JSON.parse(mappingParameter('customers', { externalId: 'cust_no', email: '' }))).toEqual({
      externalId: 'cust_no',
      name: '',
      kind: '',
      status: '',
      email: '',
      phone: '',
      industry: '',
      size: '',
      tags: '',
      birthday: '',
    });
  });
});

describe('custom fields in the mapping', () => {
  it('guesses a column named like the key or either label, and skips archived fields', () => {
    const definitions = [
      definition({ key: 'member_level', label: { en: 'Level', zh: '会员等级' } }),
      definition({ key: 'vat_number', label: { en: 'VAT number' } }),
      definition({ key: 'since', label: { en: 'Customer since' } }),
      definition({ key: 'old', label: { en: 'Old' }, archived: true }),
    ];
    expect(guessCustomFieldMapping(definitions, ['会员等级', 'VAT Number', 'Old', 'notes'])).toEqual({
      'customFields.member_level': '会员等级',
      'customFields.vat_number': 'VAT Number',
      'customFields.since': '',
    });
  });

  it('sends the custom fields given a column with a customers file only', () => {
    const mapping = { externalId: 'id', 'customFields.since': 'joined', 'customFields.level': '' };
    const customers = JSON.parse(mappingParameter('customers', mapping));
    expect(customers['customFields.since']).toBe('joined');
    expect(customers).not.toHaveProperty(['customFields.level']);
    expect(JSON.parse(mappingParameter('transactions', mapping))).not.toHaveProperty(['customFields.since']);
  });
});
