import { describe, expect, it } from 'vitest';
import { columnsFor, customerRow, transactionRow } from './import-rows.js';

describe('transaction rows', () => {
  const columns = columnsFor('transactions', { quantity: 'number_of_cds', amount: 'dollar_value' });
  const options = { currency: 'USD', shiftDays: 0 };

  it('reads the CDNOW layout: YYYYMMDD dates, dollars to cents', () => {
    const result = transactionRow(
      2,
      { customer_id: '00001', date: '19970101', number_of_cds: '1', dollar_value: '11.77' },
      columns,
      options,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        externalId: '00001',
        type: 'order',
        occurredAt: '1997-01-01T00:00:00.000Z',
        amount: 1177,
        currency: 'USD',
        quantity: 1,
      },
    });
  });

  it('shifts dates by whole days', () => {
    const result = transactionRow(2, { customer_id: 'a', date: '1998-06-30', dollar_value: '0' }, columns, {
      ...options,
      shiftDays: 10,
    });
    expect(result.ok && result.value.occurredAt).toBe('1998-07-10T00:00:00.000Z');
  });

  it('names the column and reason of each bad row', () => {
    const bad = (values: Record<string, string>) => {
      const result = transactionRow(7, values, columns, options);
      return result.ok ? undefined : result.rejection;
    };
    expect(bad({ customer_id: '', date: '19970101', dollar_value: '1' })).toEqual({
      row: 7,
      field: 'customer_id',
      reason: 'is required',
    });
    expect(bad({ customer_id: 'a', date: '19970230', dollar_value: '1' })?.field).toBe('date');
    expect(bad({ customer_id: 'a', date: '19970101', dollar_value: '-1' })?.reason).toBe(
      'must not be negative',
    );
    expect(bad({ customer_id: 'a', date: '19970101', dollar_value: '1.234' })?.field).toBe('dollar_value');
    expect(bad({ customer_id: 'a', date: '19970101', dollar_value: '1', number_of_cds: '1.5' })?.field).toBe(
      'number_of_cds',
    );
  });
});

describe('customer rows', () => {
  const columns = columnsFor('customers', undefined);

  it('maps columns and splits tags', () => {
    const result = customerRow(
      2,
      { customer_id: 'C1', name: '王五', kind: 'business', tags: 'vip; port|vip', email: 'w@x.cn' },
      columns,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { externalId: 'C1', customer: { name: '王五', kind: 'business', tags: ['vip', 'port'] } },
    });
  });

  it('rejects a row naming the file column', () => {
    const result = customerRow(3, { customer_id: 'C1', name: 'x', email: 'not-mail' }, columns);
    expect(result).toEqual({
      ok: false,
      rejection: { row: 3, field: 'email', reason: 'must be a valid e-mail address' },
    });
  });

  describe('with custom-field columns', () => {
    const definition = {
      key: 'vat_number',
      label: { en: 'VAT number' },
      type: 'text' as const,
      required: true,
      unique: true,
      archived: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 1,
    };
    const custom = { fields: [{ definition, column: '税号' }], currency: 'CNY' };

    it('rejects an empty cell of a required field, naming its column', () => {
      expect(customerRow(4, { customer_id: 'C1', name: 'x', 税号: ' ' }, columns, custom)).toEqual({
        ok: false,
        rejection: { row: 4, field: '税号', reason: 'is required' },
      });
    });

    it('puts the value on the customer and lists it as a unique value to claim', () => {
      expect(customerRow(5, { customer_id: 'C1', name: 'x', 税号: 'CN-9' }, columns, custom)).toMatchObject({
        ok: true,
        value: {
          customer: { customFields: { vat_number: 'CN-9' } },
          uniqueValues: [{ key: 'vat_number', value: 'CN-9' }],
        },
      });
    });
  });
});
