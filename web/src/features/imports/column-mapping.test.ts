import { describe, expect, it } from 'vitest';
import { guessMapping, mappingParameter, missingRequired } from './column-mapping.js';

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
