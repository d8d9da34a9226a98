import { describe, expect, it } from 'vitest';
import {
  type Customer,
  type CustomFieldDefinition,
  createBodyOf,
  customFieldValueOf,
  draftOf,
  patchOf,
  problemsOf,
  tagsOf,
} from './customer-draft.js';

const now = '2026-01-01T00:00:00.000Z';
const definition = (
  key: string,
  type: CustomFieldDefinition['type'],
  extra: Partial<CustomFieldDefinition> = {},
): CustomFieldDefinition => ({
  key,
  label: { en: key },
  type,
  required: false,
  unique: false,
  archived: false,
  createdAt: now,
  updatedAt: now,
  version: 1,
  ...extra,
});

const definitions = [
  definition('tier', 'enum', { options: ['gold', 'silver'], required: true }),
  definition('deposit', 'money'),
  definition('vip', 'boolean'),
  definition('visits', 'number'),
];

const customer: Customer = {
  id: 'c1',
  name: 'Li Na 李娜',
  kind: 'consumer',
  status: 'active',
  tags: ['rice'],
  customFields: { tier: 'gold', deposit: 12345, vip: true },
  email: 'li@example.com',
  stats: { interactionCount: 0, orderCount: 0, orderValue: 0, orderValueByCurrency: {}, paymentValue: 0 },
  createdAt: now,
  updatedAt: now,
  createdBy: 'u1',
  version: 3,
};

describe('the customer draft', () => {
  it('shows money custom fields in major units and sends them back in minor units', () => {
    const draft = draftOf(customer, definitions, 'CNY');
    expect(draft.customFields).toEqual({ tier: 'gold', deposit: '123.45', vip: 'true', visits: '' });
    expect(customFieldValueOf(definitions[1] as CustomFieldDefinition, '99.9', 'CNY')).toEqual({
      value: 9990,
    });
    expect(customFieldValueOf(definition('yen', 'money', { currency: 'JPY' }), '500', 'CNY')).toEqual({
      value: 500,
    });
    expect(customFieldValueOf(definitions[1] as CustomFieldDefinition, '1.234', 'CNY')).toEqual({
      problem: 'money',
    });
  });

  it('finds what the API would refuse, by field path', () => {
    const draft = { ...draftOf(undefined, definitions, 'CNY'), email: 'not-an-address', phone: 'abc' };
    draft.customFields.visits = 'many';
    expect(problemsOf(draft, definitions, 'CNY')).toEqual({
      name: 'required',
      email: 'email',
      phone: 'phone',
      'customFields.tier': 'required',
      'customFields.visits': 'number',
    });
  });

  it('creates with typed custom fields and without empty optional ones', () => {
    const draft = { ...draftOf(undefined, definitions, 'CNY'), name: ' Zhang Wei ', tags: 'vip, rice，vip' };
    draft.customFields = { tier: 'silver', deposit: '10', vip: 'false', visits: '' };
    expect(createBodyOf(draft, definitions, 'CNY')).toEqual({
      name: 'Zhang Wei',
      kind: 'consumer',
      status: 'prospect',
      tags: ['vip', 'rice'],
      customFields: { tier: 'silver', deposit: 1000, vip: false },
    });
  });

  it('patches only what changed, clearing emptied fields with null', () => {
    const original = draftOf(customer, definitions, 'CNY');
    const draft = {
      ...original,
      email: '',
      tags: 'rice, premium',
      customFields: { ...original.customFields },
    };
    draft.customFields.vip = '';
    expect(patchOf(draft, original, definitions, 'CNY')).toEqual({
      email: null,
      tags: ['rice', 'premium'],
      customFields: { vip: null },
    });
    expect(patchOf(original, original, definitions, 'CNY')).toEqual({});
  });

  it('splits tags on either comma and drops repeats', () => {
    expect(tagsOf(' a, b，a ,, c ')).toEqual(['a', 'b', 'c']);
  });
});
